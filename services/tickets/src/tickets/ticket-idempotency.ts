import { IdempotencyStore } from '@crm/database';

/** Idempotency-Key records of POST /tickets: per caller, with the request's fingerprint. */
export const TICKET_IDEMPOTENCY = new IdempotencyStore('tickets');
