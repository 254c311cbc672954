import { describe, expect, it } from '@jest/globals';
import { isPastValidity, localDateIn } from '../quote-validity.js';

/**
 * Hand-worked boundaries. A quote valid until D expires on D+1 at 00:00 in the tenant's zone.
 * Bogotá is UTC−5 all year (Colombia has no daylight saving time), so 00:00 of 1 April 2026 in
 * Bogotá is 2026-04-01T05:00:00Z. Madrid moves to summer time (UTC+2) on the last Sunday of
 * March — 29 March 2026 at 02:00 — so 00:00 of 29 March 2026 is still winter time (UTC+1):
 * 2026-03-28T23:00:00Z; and 00:00 of 30 March is summer time: 2026-03-29T22:00:00Z.
 */
describe('quote validity in the tenant time zone', () => {
  it('keeps a quote valid through its last day in Bogotá and expires it at 00:00 of the next day', () => {
    expect(localDateIn(new Date('2026-04-01T04:59:59.999Z'), 'America/Bogota')).toBe('2026-03-31');
    expect(isPastValidity('2026-03-31', new Date('2026-04-01T04:59:59.999Z'), 'America/Bogota')).toBe(false);
    expect(isPastValidity('2026-03-31', new Date('2026-04-01T05:00:00.000Z'), 'America/Bogota')).toBe(true);
  });

  it('follows the tenant zone, daylight saving included', () => {
    expect(isPastValidity('2026-03-28', new Date('2026-03-28T22:59:59.999Z'), 'Europe/Madrid')).toBe(false);
    expect(isPastValidity('2026-03-28', new Date('2026-03-28T23:00:00.000Z'), 'Europe/Madrid')).toBe(true);
    expect(isPastValidity('2026-03-29', new Date('2026-03-29T21:59:59.999Z'), 'Europe/Madrid')).toBe(false);
    expect(isPastValidity('2026-03-29', new Date('2026-03-29T22:00:00.000Z'), 'Europe/Madrid')).toBe(true);
    // The same instant, 2026-04-01T03:00Z: still 31 March in Bogotá (22:00), already 1 April in UTC.
    expect(isPastValidity('2026-03-31', new Date('2026-04-01T03:00:00Z'), 'America/Bogota')).toBe(false);
    expect(isPastValidity('2026-03-31', new Date('2026-04-01T03:00:00Z'), 'UTC')).toBe(true);
  });
});
