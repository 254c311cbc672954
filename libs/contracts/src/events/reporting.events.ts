import { dateTime, nullableUuid, object, text, uuid, type JsonSchema } from '../json-schema.js';

export const REPORTING_REPLAY_REQUESTED = 'reporting.replay.requested';

/**
 * Reporting asks every service to republish its published events (outbox history, archive
 * included) of one tenant and time range, straight to the queue of `targetService` (never to
 * the events exchange, so no other consumer, the ERP included, sees them again). Each copy
 * carries the header `x-replay-id` = replayId.
 */
export interface ReplayRequestedData {
  replayId: string;
  tenantId: string;
  /** Inclusive lower bound of the events' occurred_at (ISO), or null for the beginning. */
  from: string | null;
  /** Exclusive upper bound (ISO), or null for now. */
  to: string | null;
  /** The service whose queue receives the copies (`reporting`). */
  targetService: string;
  requestedBy: string | null;
  requestedAt: string;
}

const nullableDateTime: JsonSchema = { type: ['string', 'null'], format: 'date-time' };

export const replayRequestedSchema: JsonSchema = object({
  replayId: uuid,
  tenantId: uuid,
  from: nullableDateTime,
  to: nullableDateTime,
  targetService: text,
  requestedBy: nullableUuid,
  requestedAt: dateTime,
});
