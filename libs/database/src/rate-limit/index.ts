export * from './rate-limit-rule.js';
export * from './rate-limit-migration.js';
export * from './postgres-rate-limiter.js';
