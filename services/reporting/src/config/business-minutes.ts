import { businessMinutesBetween as calendarMinutesBetween, DEFAULT_CALENDAR } from '@crm/business-calendar';

/**
 * Business minutes between two instants, rounded, under the platform's default business calendar
 * (`@crm/business-calendar`, the one the tickets service gives a tenant that has not edited its
 * calendar): Monday to Friday, 08:00–17:00 in `timeZone`, Colombian national holidays closed.
 * Used for ticket first-response and resolution times.
 */
export function businessMinutesBetween(start: Date, end: Date, timeZone: string): number {
  return Math.round(calendarMinutesBetween(start, end, { ...DEFAULT_CALENDAR, timeZone }));
}
