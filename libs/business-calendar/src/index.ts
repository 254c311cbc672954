export * from './local-date.js';
export * from './time-zone.js';
export * from './calendar-rules.js';
export * from './colombian-holidays.js';
export * from './business-day.js';
export * from './business-minutes.js';
