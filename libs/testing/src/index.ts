export * from './test-environment.js';
export * from './amqp-cleanup.js';
