export * from './idempotency-migration.js';
export * from './idempotency-store.js';
export * from './request-fingerprint.js';
