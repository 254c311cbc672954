import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Language } from '@crm/common';
import { TICKETS_TICKET_EXTENDED, TICKETS_TICKET_RESUMED, TICKETS_TICKET_SUSPENDED, type TicketExtendedData, type TicketResumedData, type TicketSuspendedData } from '@crm/contracts';
import { OutboxService } from '@crm/messaging';
import { decideExtension, type BusinessCalendarRules } from '../business-time/index.js';
import { TicketHistoryService } from '../tickets/ticket-history.service.js';
import { ClockStore } from './clock-store.js';
import { recomputeLegal } from './clock-recompute.js';
import { ticketEventBase, ticketRequester } from '../tickets/ticket-event-base.js';
import type { ClockEventTicket } from './clock-events.js';
import { CLOCKS_CONFIG, type ClocksConfig } from './clocks-config.js';
import { ClockSource } from './clock-source.js';
import { LegalActionProblems } from './legal-action-problems.js';
import { legalFigures } from './legal-clock.math.js';
import { suspensionsOf, type LegalClockRow } from './legal-clock.row.js';

/**
 * What staff (or the petitioner's answer) do to the legal term: suspend it (art. 17), resume it,
 * extend it (art. 14 parágrafo). Each runs in the caller's transaction with the ticket already
 * locked, records the history and writes its event to the outbox.
 */
@Injectable()
export class LegalClockActions {
  constructor(
    private readonly store: ClockStore,
    private readonly outbox: OutboxService,
    private readonly history: TicketHistoryService,
    private readonly clock: ClockSource,
    @Inject(CLOCKS_CONFIG) private readonly config: ClocksConfig,
  ) {}

  /**
   * `requestedAt` (default now) is when the completion request went out: staff may register a
   * letter sent earlier, but never before the receipt, a previous answer, or after the term expired.
   */
  async suspend(em: EntityManager, ticket: ClockEventTicket, actorId: string | null, reason: string, language: Language, requestedAt?: Date): Promise<void> {
    const { row, rules } = await this.load(em, ticket, language);
    if (row.suspended_since) throw LegalActionProblems.alreadySuspended(language);
    const now = this.clock.now();
    const at = requestedAt ?? now;
    const lastAnswer = row.suspensions.reduce((latest, s) => Math.max(latest, s.to ? Date.parse(s.to) : 0), row.received_at.getTime());
    if (at.getTime() > now.getTime()) throw LegalActionProblems.badInstant('requestedAt', 'future', language);
    if (at.getTime() < lastAnswer) throw LegalActionProblems.badInstant('requestedAt', 'too_early', language);
    const current = legalFigures(row, rules, this.config.dueSoonDays);
    if (current.dueAt && at.getTime() > current.dueAt.getTime()) throw LegalActionProblems.expired(current.dueAt, language);
    const next = recomputeLegal(
      { ...row, suspended_since: at, suspensions: [...row.suspensions, { from: at.toISOString(), to: null, reason, by: actorId }] },
      rules,
      at,
      this.config.dueSoonDays,
    );
    await this.store.saveLegal(em, next);
    await this.history.record(em, {
      tenantId: ticket.tenantId,
      ticketId: ticket.id,
      kind: 'legal_suspended',
      actorId,
      details: { reason, requestedAt: at.toISOString(), previousDueAt: current.dueAt?.toISOString() ?? null },
    });
    const data: TicketSuspendedData = {
      ...ticketEventBase(ticket, null, rules.timeZone),
      reason,
      suspendedBy: actorId,
      suspendedAt: at.toISOString(),
      requester: ticketRequester(ticket),
    };
    await this.outbox.publish(em, { type: TICKETS_TICKET_SUSPENDED, subject: ticket.id, tenantId: ticket.tenantId, data });
  }

  /**
   * Staff resume (actorId) or the petitioner answered (actorId null). `answeredAt` (default now) is
   * when the petitioner's answer arrived (a paper answer registered later). False when the term was
   * not suspended.
   */
  async resume(em: EntityManager, ticket: ClockEventTicket, actorId: string | null, language: Language, answeredAt?: Date): Promise<boolean> {
    const { row, rules } = await this.load(em, ticket, language);
    if (!row.suspended_since) return false;
    const now = this.clock.now();
    const at = answeredAt ?? now;
    if (at.getTime() > now.getTime()) throw LegalActionProblems.badInstant('answeredAt', 'future', language);
    if (at.getTime() < row.suspended_since.getTime()) throw LegalActionProblems.badInstant('answeredAt', 'too_early', language);
    const suspensions = row.suspensions.map((s) => (s.to === null ? { ...s, to: at.toISOString(), resumedBy: actorId } : s));
    const next = recomputeLegal({ ...row, suspended_since: null, suspensions }, rules, at, this.config.dueSoonDays);
    await this.store.saveLegal(em, next);
    await this.history.record(em, {
      tenantId: ticket.tenantId,
      ticketId: ticket.id,
      kind: 'legal_resumed',
      actorId,
      details: { by: actorId ? 'staff' : 'petitioner', newDueAt: next.due_at?.toISOString() ?? null },
    });
    const data: TicketResumedData = { ...ticketEventBase(ticket, next.due_at, rules.timeZone), resumedBy: actorId, resumedAt: at.toISOString() };
    await this.outbox.publish(em, { type: TICKETS_TICKET_RESUMED, subject: ticket.id, tenantId: ticket.tenantId, data });
    return true;
  }

  /** Always at the present instant: an extension cannot be backdated to dodge the due date. */
  async extend(em: EntityManager, ticket: ClockEventTicket, actorId: string, reason: string, newDate: string, language: Language): Promise<void> {
    const { row, rules } = await this.load(em, ticket, language);
    const at = this.clock.now();
    const current = legalFigures(row, rules, this.config.dueSoonDays);
    const decision = decideExtension({
      receivedAt: row.received_at,
      termDays: row.term_days,
      calendar: rules,
      suspensions: suspensionsOf(row),
      currentDueAt: row.suspended_since ? null : current.dueAt,
      now: at,
      newDate,
    });
    if (!decision.ok) throw LegalActionProblems.extension(decision, language);
    const previousDueAt = current.dueAt!;
    const extension = {
      at: at.toISOString(),
      by: actorId,
      reason,
      previousDueAt: previousDueAt.toISOString(),
      newDueAt: decision.newDueAt.toISOString(),
      extendedTermDays: decision.extendedTermDays,
    };
    const next = recomputeLegal({ ...row, extended_term_days: decision.extendedTermDays, extensions: [...row.extensions, extension] }, rules, at, this.config.dueSoonDays);
    await this.store.saveLegal(em, next);
    await this.history.record(em, {
      tenantId: ticket.tenantId,
      ticketId: ticket.id,
      kind: 'legal_extended',
      actorId,
      details: { reason, previousDueAt: extension.previousDueAt, newDueAt: extension.newDueAt },
    });
    const data: TicketExtendedData = {
      ...ticketEventBase(ticket, decision.newDueAt, rules.timeZone),
      reason,
      previousDueAt: extension.previousDueAt,
      newDueAt: extension.newDueAt,
      extendedBy: actorId,
      extendedAt: extension.at,
      requester: ticketRequester(ticket),
    };
    await this.outbox.publish(em, { type: TICKETS_TICKET_EXTENDED, subject: ticket.id, tenantId: ticket.tenantId, data });
  }

  private async load(em: EntityManager, ticket: ClockEventTicket, language: Language): Promise<{ row: LegalClockRow; rules: BusinessCalendarRules }> {
    const [row] = await this.store.legal(em, ticket.tenantId, [ticket.id], true);
    if (!row) throw LegalActionProblems.noClock(language);
    if (row.answered_at || ticket.status === 'cerrado') throw LegalActionProblems.answered(language);
    const rules = (await this.store.rules(em, [row.calendar_id])).get(row.calendar_id)!;
    return { row, rules };
  }
}
