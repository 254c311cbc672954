export * from './cloud-event.js';
export * from './json-schema.js';
export * from './roles.js';
export * from './event-catalog.js';
export * from './events/identity.events.js';
export * from './events/contacts.events.js';
export * from './services.js';
export * from './asyncapi/asyncapi-document.js';
