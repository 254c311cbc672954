// Calendars, zones, holidays and business minutes are shared (`@crm/business-calendar`, also used
// by reporting); the legal terms of Ley 1755 and their extension are the tickets service's own.
export * from '@crm/business-calendar';
export * from './legal-term.js';
export * from './extension.js';
