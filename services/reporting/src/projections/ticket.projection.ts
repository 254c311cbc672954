import { Inject, Injectable } from '@nestjs/common';
import {
  TICKETS_TICKET_ASSIGNED,
  TICKETS_TICKET_CLOSED,
  TICKETS_TICKET_CREATED,
  TICKETS_TICKET_EXTENDED,
  TICKETS_TICKET_LEGAL_OVERDUE,
  TICKETS_TICKET_REOPENED,
  TICKETS_TICKET_REPLIED,
  TICKETS_TICKET_RESUMED,
  TICKETS_TICKET_SATISFACTION_RECORDED,
  TICKETS_TICKET_SLA_BREACHED,
  TICKETS_TICKET_STATUS_CHANGED,
  TICKETS_TICKET_SUSPENDED,
} from '@crm/contracts';
import { businessMinutesBetween } from '../config/business-minutes.js';
import { REPORTING_CONFIG, type ReportingConfig } from '../config/reporting-env.js';
import { earliest, int, isLater, iso, patched, str, type AnyEvent, type Row, type StateProjection } from './projection.js';

/**
 * rpt_ticket: one row per PQR. Ticket events carry no version, so every field is order-tolerant:
 * the descriptive fields follow the newest event (by its CloudEvents time), the first response is
 * the earliest staff reply, flags (extended, overdue, SLA breached) only turn on, and a close
 * counts unless a later reopen undid it. Minutes are business minutes (config/business-minutes.ts).
 */
@Injectable()
export class TicketProjection implements StateProjection {
  readonly table = 'rpt_ticket';
  readonly keyColumn = 'ticket_id';
  readonly keyType = 'uuid' as const;
  readonly types = [
    TICKETS_TICKET_CREATED,
    TICKETS_TICKET_ASSIGNED,
    TICKETS_TICKET_STATUS_CHANGED,
    TICKETS_TICKET_REPLIED,
    TICKETS_TICKET_CLOSED,
    TICKETS_TICKET_REOPENED,
    TICKETS_TICKET_SUSPENDED,
    TICKETS_TICKET_RESUMED,
    TICKETS_TICKET_EXTENDED,
    TICKETS_TICKET_LEGAL_OVERDUE,
    TICKETS_TICKET_SLA_BREACHED,
    TICKETS_TICKET_SATISFACTION_RECORDED,
  ];

  constructor(@Inject(REPORTING_CONFIG) private readonly config: ReportingConfig) {}

  keyOf(event: AnyEvent): string | null {
    return str(event.data.ticketId);
  }

  blank(tenantId: string, key: string): Row {
    return {
      tenant_id: tenantId,
      ticket_id: key,
      radicado: null,
      contact_id: null,
      pqr_class: null,
      category_id: null,
      priority: null,
      channel: null,
      status: null,
      status_at: null,
      assignee_id: null,
      team_id: null,
      received_at: null,
      first_response_at: null,
      first_response_minutes: null,
      closed_at: null,
      resolution_minutes: null,
      legal_due_at: null,
      extended: false,
      legal_overdue: false,
      legal_state: null,
      sla_state: null,
      sla_breached: false,
      csat: null,
      csat_at: null,
    };
  }

  apply(row: Row, event: AnyEvent): Row {
    const d = event.data;
    const at = iso(event.time);
    let next = row;
    if (isLater(at, row.status_at) || row.status_at === at) {
      next = patched(next, {
        status_at: at,
        radicado: str(d.radicado),
        contact_id: str(d.contactId) ?? next.contact_id,
        pqr_class: str(d.pqrClass),
        category_id: str(d.categoryId),
        priority: str(d.priority),
        channel: str(d.channel),
        status: str(d.status),
        assignee_id: str(d.assigneeId),
        team_id: str(d.teamId),
        legal_due_at: iso(d.legalDueAt) ?? next.legal_due_at,
      });
    }
    switch (event.type) {
      case TICKETS_TICKET_CREATED:
        next = patched(next, { received_at: iso(d.receivedAt) });
        break;
      case TICKETS_TICKET_REPLIED:
        if (d.authorKind === 'staff') next = patched(next, { first_response_at: earliest(next.first_response_at, d.repliedAt) });
        break;
      case TICKETS_TICKET_CLOSED:
        if (isLater(d.closedAt, next.closed_at) || next.closed_at === null) {
          next = patched(next, {
            closed_at: iso(d.closedAt),
            legal_state: str(d.legalState),
            sla_state: str(d.slaState),
            sla_breached: next.sla_breached === true || d.slaState === 'breached',
          });
        }
        break;
      case TICKETS_TICKET_REOPENED:
        if (isLater(d.reopenedAt, next.closed_at) && next.closed_at !== null) next = patched(next, { closed_at: null, legal_state: null, sla_state: null });
        break;
      case TICKETS_TICKET_EXTENDED:
        next = patched(next, { extended: true, legal_due_at: iso(d.newDueAt) });
        break;
      case TICKETS_TICKET_LEGAL_OVERDUE:
        next = patched(next, { legal_overdue: true });
        break;
      case TICKETS_TICKET_SLA_BREACHED:
        next = patched(next, { sla_breached: true });
        break;
      case TICKETS_TICKET_SATISFACTION_RECORDED:
        if (isLater(d.recordedAt, next.csat_at) || next.csat_at === null) next = patched(next, { csat: int(d.rating), csat_at: iso(d.recordedAt) });
        break;
    }
    return this.withMinutes(next);
  }

  private withMinutes(row: Row): Row {
    const zone = this.config.REPORTING_TIME_ZONE;
    const received = iso(row.received_at);
    const first = iso(row.first_response_at);
    const closed = iso(row.closed_at);
    return patched(row, {
      first_response_minutes: received && first ? businessMinutesBetween(new Date(received), new Date(first), zone) : null,
      resolution_minutes: received && closed ? businessMinutesBetween(new Date(received), new Date(closed), zone) : null,
    });
  }
}
