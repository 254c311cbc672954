export * from './service-names.js';
export * from './service-database-url.js';
export * from './provision-database.js';
