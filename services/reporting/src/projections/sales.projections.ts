import {
  OPPORTUNITIES_ACTIVITY_COMPLETED,
  OPPORTUNITIES_ACTIVITY_CREATED,
  OPPORTUNITIES_QUOTE_ACCEPTED,
  OPPORTUNITIES_QUOTE_CREATED,
  OPPORTUNITIES_QUOTE_REJECTED,
  OPPORTUNITIES_QUOTE_SENT,
  type MoneyAmount,
} from '@crm/contracts';
import { earliest, int, iso, patched, str, type AnyEvent, type Row, type StateProjection } from './projection.js';

/** rpt_activity: one row per activity; `completed_at` is when it was done (activity.completed). */
export class ActivityProjection implements StateProjection {
  readonly table = 'rpt_activity';
  readonly keyColumn = 'activity_id';
  readonly keyType = 'uuid' as const;
  readonly types = [OPPORTUNITIES_ACTIVITY_CREATED, OPPORTUNITIES_ACTIVITY_COMPLETED];

  keyOf(event: AnyEvent): string | null {
    return str(event.data.activityId);
  }

  blank(tenantId: string, key: string): Row {
    return {
      tenant_id: tenantId,
      activity_id: key,
      opportunity_id: null,
      contact_id: null,
      type: null,
      assigned_to: null,
      created_by: null,
      status: null,
      created_at: null,
      completed_at: null,
      version: 0,
    };
  }

  apply(row: Row, event: AnyEvent): Row {
    const d = event.data;
    const occurredAt = iso(d.occurredAt) ?? iso(event.time);
    let next = row;
    if (event.type === OPPORTUNITIES_ACTIVITY_CREATED) next = patched(next, { created_at: earliest(next.created_at, occurredAt), created_by: str(d.createdBy) });
    if (event.type === OPPORTUNITIES_ACTIVITY_COMPLETED) next = patched(next, { completed_at: earliest(next.completed_at, occurredAt) });
    const version = int(d.version) ?? 0;
    if (version <= Number(next.version)) return next;
    const status = event.type === OPPORTUNITIES_ACTIVITY_COMPLETED ? 'done' : (str(d.status) ?? 'pending');
    return patched(next, { version, opportunity_id: str(d.opportunityId), contact_id: str(d.contactId), type: str(d.type), assigned_to: str(d.assignedTo), status });
  }
}

const QUOTE_STATUS: Record<string, string> = {
  [OPPORTUNITIES_QUOTE_CREATED]: 'draft',
  [OPPORTUNITIES_QUOTE_SENT]: 'sent',
  [OPPORTUNITIES_QUOTE_ACCEPTED]: 'accepted',
  [OPPORTUNITIES_QUOTE_REJECTED]: 'rejected',
};

/** rpt_quote: one row per quote with the instant of each step; the newest version decides status and total. */
export class QuoteProjection implements StateProjection {
  readonly table = 'rpt_quote';
  readonly keyColumn = 'quote_id';
  readonly keyType = 'uuid' as const;
  readonly types = Object.keys(QUOTE_STATUS);

  keyOf(event: AnyEvent): string | null {
    return str(event.data.quoteId);
  }

  blank(tenantId: string, key: string): Row {
    return {
      tenant_id: tenantId,
      quote_id: key,
      opportunity_id: null,
      contact_id: null,
      number: null,
      status: null,
      total: null,
      currency: null,
      created_by: null,
      created_at: null,
      sent_at: null,
      accepted_at: null,
      rejected_at: null,
      version: 0,
    };
  }

  apply(row: Row, event: AnyEvent): Row {
    const d = event.data;
    const at = iso(d.occurredAt) ?? iso(event.time);
    const step: Row = {};
    if (event.type === OPPORTUNITIES_QUOTE_CREATED) Object.assign(step, { created_at: earliest(row.created_at, at), created_by: str(d.actorId) });
    if (event.type === OPPORTUNITIES_QUOTE_SENT) step.sent_at = earliest(row.sent_at, at);
    if (event.type === OPPORTUNITIES_QUOTE_ACCEPTED) step.accepted_at = earliest(row.accepted_at, at);
    if (event.type === OPPORTUNITIES_QUOTE_REJECTED) step.rejected_at = earliest(row.rejected_at, at);
    const next = patched(row, step);
    const version = int(d.version) ?? 0;
    if (version <= Number(next.version)) return next;
    const total = d.total as MoneyAmount | undefined;
    return patched(next, {
      version,
      opportunity_id: str(d.opportunityId),
      contact_id: str(d.contactId),
      number: str(d.number),
      status: QUOTE_STATUS[event.type],
      total: total?.amount,
      currency: total?.currency,
    });
  }
}
