export * from './auth-user.js';
export * from './access-token.js';
export * from './decorators.js';
export * from './auth.guard.js';
export * from './auth.module.js';
export * from './record-visibility.js';
