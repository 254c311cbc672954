export * from './rate-limit/index.js';
export * from './service-names.js';
export * from './service-database-url.js';
export * from './provision-database.js';
export * from './database.module.js';
export * from './tenant-entity.base.js';
export * from './optimistic-lock.js';
export * from './keyset-time-key.js';
