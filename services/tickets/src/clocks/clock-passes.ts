import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  TICKETS_TICKET_LEGAL_DUE_SOON,
  TICKETS_TICKET_LEGAL_OVERDUE,
  TICKETS_TICKET_SLA_BREACHED,
  TICKETS_TICKET_SLA_WARNING,
  type TicketLegalAlertData,
  type TicketPriority,
  type TicketSlaAlertData,
} from '@crm/contracts';
import { OutboxService, type OutboxEvent } from '@crm/messaging';
import { businessDaysLeft } from '../business-time/index.js';
import { TicketHistoryService } from '../tickets/ticket-history.service.js';
import { ticketEventBase } from '../tickets/ticket-event-base.js';
import { clockEventTicketOf, CLOCK_TICKET_COLUMNS, type ClockTicketColumns } from './clock-events.js';
import { dueLegalAlert, markLegalAlert } from './clock-alert.rules.js';
import { recomputeLegalWithFigures, recomputeSla } from './clock-recompute.js';
import { ClockStore } from './clock-store.js';
import { CLOCKS_CONFIG, type ClocksConfig } from './clocks-config.js';
import { legalNextCheck } from './legal-clock.math.js';
import { LEGAL_CLOCK_COLUMNS, suspensionsOf, type LegalClockRow } from './legal-clock.row.js';
import { dueSlaAlerts, slaNextCheck, type SlaFigures } from './sla-clock.math.js';
import { SLA_CLOCK_COLUMNS, type SlaClockRow } from './sla-clock.row.js';

export interface PassResult {
  legal: number;
  sla: number;
  alerts: number;
}

const RAISED: Record<TicketPriority, TicketPriority> = { baja: 'media', media: 'alta', alta: 'alta' };

/**
 * One scheduler pass: the clock rows whose `next_check_at` has come, in batches; each batch one
 * transaction (rows FOR UPDATE SKIP LOCKED, alert marks and outbox rows written together).
 */
@Injectable()
export class ClockPasses {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ClockStore,
    private readonly outbox: OutboxService,
    private readonly history: TicketHistoryService,
    @Inject(CLOCKS_CONFIG) private readonly config: ClocksConfig,
  ) {}

  async runAll(now: Date, stop: () => boolean = () => false): Promise<PassResult> {
    const total: PassResult = { legal: 0, sla: 0, alerts: 0 };
    for (let more = true; more && !stop();) {
      const batch = await this.dataSource.transaction((em) => this.legalBatch(em, now));
      total.legal += batch.rows;
      total.alerts += batch.alerts;
      more = batch.rows >= this.config.batchSize;
    }
    for (let more = true; more && !stop();) {
      const batch = await this.dataSource.transaction((em) => this.slaBatch(em, now));
      total.sla += batch.rows;
      total.alerts += batch.alerts;
      more = batch.rows >= this.config.batchSize;
    }
    return total;
  }

  async legalBatch(em: EntityManager, now: Date): Promise<{ rows: number; alerts: number }> {
    const rows: (LegalClockRow & ClockTicketColumns)[] = await em.query(
      `SELECT ${LEGAL_CLOCK_COLUMNS}, ${CLOCK_TICKET_COLUMNS}
         FROM tickets.ticket_legal_clock lc JOIN tickets.ticket t ON t.id = lc.ticket_id
        WHERE lc.next_check_at <= $1
        ORDER BY lc.next_check_at
        LIMIT $2
        FOR UPDATE OF lc SKIP LOCKED`,
      [now, this.config.batchSize],
    );
    if (rows.length === 0) return { rows: 0, alerts: 0 };
    const rules = await this.store.rules(
      em,
      rows.map((r) => r.calendar_id),
    );
    const alerting: { row: LegalClockRow & ClockTicketColumns; overdue: boolean; daysLeft: number }[] = [];
    const saved: LegalClockRow[] = [];
    for (const original of rows) {
      const calendar = rules.get(original.calendar_id)!;
      // One count per row: the due date and alert instants, recomputed with the flagged ones.
      const computed = recomputeLegalWithFigures(original, calendar, now, this.config.dueSoonDays);
      const figures = computed.figures;
      let row: LegalClockRow & ClockTicketColumns = { ...original, ...computed.row };
      // A merged-away ticket is answered through its survivor: its own clock goes quiet.
      const alert = original.merged_into_id ? null : dueLegalAlert(row, figures, now);
      if (alert) {
        row = { ...row, ...markLegalAlert(row, alert, now) };
        const daysLeft = businessDaysLeft(now, figures.dueDate!, figures.dueAt!, calendar, suspensionsOf(row));
        alerting.push({ row, overdue: alert.kind === 'overdue', daysLeft: alert.kind === 'due_day' ? 0 : daysLeft });
      }
      saved.push({ ...row, next_check_at: original.merged_into_id ? null : legalNextCheck(row, figures) });
    }
    await this.store.savePassedLegal(em, saved);
    if (alerting.length) {
      const managers = await this.store.managersByTeam(
        em,
        alerting.filter((a) => a.row.team_id).map((a) => ({ tenantId: a.row.tenant_id, teamId: a.row.team_id! })),
      );
      const events: OutboxEvent<TicketLegalAlertData>[] = alerting.map(({ row, overdue, daysLeft }) => {
        const ticket = clockEventTicketOf(row.ticket_id, row.tenant_id, row);
        const base = ticketEventBase(ticket, row.due_at, rules.get(row.calendar_id)!.timeZone);
        return {
          type: overdue ? TICKETS_TICKET_LEGAL_OVERDUE : TICKETS_TICKET_LEGAL_DUE_SOON,
          subject: row.ticket_id,
          tenantId: row.tenant_id,
          data: { ...base, legalDueAt: row.due_at!.toISOString(), businessDaysLeft: daysLeft, managerIds: managers.get(`${row.tenant_id}:${row.team_id}`) ?? [] },
        };
      });
      await this.outbox.publishAll(em, events);
    }
    return { rows: rows.length, alerts: alerting.length };
  }

  async slaBatch(em: EntityManager, now: Date): Promise<{ rows: number; alerts: number }> {
    // The ticket rows are locked too (skipped when a request holds one): a breach may raise the
    // priority, and tickets-core locks ticket then clock, so waiting here could deadlock.
    const rows: (SlaClockRow & ClockTicketColumns & { legal_due_at: Date | null })[] = await em.query(
      `SELECT ${SLA_CLOCK_COLUMNS}, ${CLOCK_TICKET_COLUMNS}, lc.due_at AS legal_due_at
         FROM tickets.ticket_sla_clock sc
         JOIN tickets.ticket t ON t.id = sc.ticket_id
         LEFT JOIN tickets.ticket_legal_clock lc ON lc.ticket_id = sc.ticket_id
        WHERE sc.next_check_at <= $1
        ORDER BY sc.next_check_at
        LIMIT $2
        FOR NO KEY UPDATE OF sc, t SKIP LOCKED`,
      [now, this.config.batchSize],
    );
    if (rows.length === 0) return { rows: 0, alerts: 0 };
    const rules = await this.store.rules(
      em,
      rows.map((r) => r.calendar_id),
    );
    const pending: { row: SlaClockRow & ClockTicketColumns & { legal_due_at: Date | null }; target: 'first_response' | 'resolution'; breach: boolean; dueAt: Date }[] = [];
    const saved: SlaClockRow[] = [];
    const raised: { ticketId: string; tenantId: string; from: TicketPriority; to: TicketPriority }[] = [];
    for (const original of rows) {
      const calendar = rules.get(original.calendar_id)!;
      let row = original.recompute ? { ...original, ...recomputeSla(original, calendar, now) } : original;
      const figures: SlaFigures = {
        firstResponseWarnAt: row.first_response_warn_at,
        firstResponseDueAt: row.first_response_due_at,
        resolutionWarnAt: row.resolution_warn_at,
        resolutionDueAt: row.resolution_due_at,
      };
      const alerts = original.merged_into_id ? [] : dueSlaAlerts(row, figures, now);
      for (const alert of alerts) {
        const breach = alert.kind === 'breach';
        if (alert.target === 'first_response') {
          row = { ...row, first_response_warned_at: row.first_response_warned_at ?? now, first_response_breached_at: breach ? now : row.first_response_breached_at };
        } else {
          row = { ...row, resolution_warned_at: row.resolution_warned_at ?? now, resolution_breached_at: breach ? now : row.resolution_breached_at };
        }
        pending.push({ row, target: alert.target, breach, dueAt: alert.dueAt });
      }
      if (alerts.some((a) => a.kind === 'breach') && row.raise_priority_on_breach && row.priority !== 'alta') {
        raised.push({ ticketId: row.ticket_id, tenantId: row.tenant_id, from: row.priority, to: RAISED[row.priority] });
        row = { ...row, priority: RAISED[row.priority] };
      }
      saved.push({ ...row, next_check_at: original.merged_into_id ? null : slaNextCheck(row, figures) });
    }
    await this.store.savePassedSla(em, saved);
    for (const raise of raised) {
      await em.query('UPDATE tickets.ticket SET priority = $2, version = version + 1, updated_at = now() WHERE id = $1', [raise.ticketId, raise.to]);
      await this.history.record(em, {
        tenantId: raise.tenantId,
        ticketId: raise.ticketId,
        kind: 'priority_raised',
        actorId: null,
        details: { from: raise.from, to: raise.to, reason: 'sla_breached' },
      });
    }
    if (pending.length) {
      const managers = await this.store.managersByTeam(
        em,
        pending.filter((p) => p.row.team_id).map((p) => ({ tenantId: p.row.tenant_id, teamId: p.row.team_id! })),
      );
      const priorities = new Map(raised.map((r) => [r.ticketId, r.to]));
      const events: OutboxEvent<TicketSlaAlertData>[] = pending.map(({ row, target, breach, dueAt }) => {
        const ticket = clockEventTicketOf(row.ticket_id, row.tenant_id, { ...row, priority: priorities.get(row.ticket_id) ?? row.priority });
        return {
          type: breach ? TICKETS_TICKET_SLA_BREACHED : TICKETS_TICKET_SLA_WARNING,
          subject: row.ticket_id,
          tenantId: row.tenant_id,
          data: {
            ...ticketEventBase(ticket, row.legal_due_at, rules.get(row.calendar_id)!.timeZone),
            target,
            dueAt: dueAt.toISOString(),
            managerIds: managers.get(`${row.tenant_id}:${row.team_id}`) ?? [],
          },
        };
      });
      await this.outbox.publishAll(em, events);
    }
    return { rows: rows.length, alerts: pending.length };
  }
}
