import { IdempotencyStore } from '@crm/database';

/** Idempotency-Key records of contacts' create endpoints (POST /contacts, POST /companies). */
export const CONTACT_IDEMPOTENCY = new IdempotencyStore('contacts');
