import { IdempotencyStore } from '@crm/database';

/** Idempotency-Key records of POST /opportunities. */
export const OPPORTUNITY_IDEMPOTENCY = new IdempotencyStore('opportunities');
