import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CALENDAR } from '../calendar-rules.js';
import { addBusinessMinutes, businessMinutesBetween } from '../business-minutes.js';

// Default calendar: Mon–Fri 08:00–17:00 Bogotá (UTC−5), Colombian holidays closed. Hand-derived
// weekdays: Fri 4 Dec 2026, Mon 7 Dec, Tue 8 Dec (Inmaculada, holiday), Fri 25 Dec (Navidad).
const cal = DEFAULT_CALENDAR;
const at = (iso: string): Date => new Date(iso);
const add = (from: string, minutes: number, pauses: { from: Date; to: Date | null }[] = [], calendar = cal): string | undefined =>
  addBusinessMinutes(at(from), minutes, calendar, pauses)?.toISOString();

describe('addBusinessMinutes', () => {
  it('carries over the weekend', () => {
    // Fri 4 Dec 16:00 + 120 min: Fri 16–17 (60), Sat/Sun closed, Mon 7 Dec 08:00 + 60 = 09:00 local.
    expect(add('2026-12-04T16:00:00-05:00', 120)).toBe('2026-12-07T14:00:00.000Z');
  });

  it('skips a holiday', () => {
    // Mon 7 Dec 16:00 + 240: Mon 16–17 (60), Tue 8 Dec holiday, Wed 9 08:00 + 180 = 11:00 local.
    expect(add('2026-12-07T16:00:00-05:00', 240)).toBe('2026-12-09T16:00:00.000Z');
  });

  it('starts at opening time when created before hours', () => {
    // Tue 1 Dec 06:00 + 30 = 08:30 local.
    expect(add('2026-12-01T06:00:00-05:00', 30)).toBe('2026-12-01T13:30:00.000Z');
  });

  it('three business days of resolution across Navidad', () => {
    // 3 × 540 = 1620 min from Wed 23 Dec 10:00: Wed 10–17 (420), Thu 24 (540 → 960), Fri 25 Navidad,
    // Sat/Sun, Mon 28 (540 → 1500), Tue 29 08:00 + 120 = 10:00 local.
    expect(add('2026-12-23T10:00:00-05:00', 1620)).toBe('2026-12-29T15:00:00.000Z');
  });

  it('a pendiente pause does not count', () => {
    // Mon 7 Dec 09:00 + 240, paused Mon 10:00 → Wed 9 Dec 11:00: Mon 9–10 (60), then Wed 11:00 + 180 =
    // 14:00 local (Tue 8 is a holiday anyway).
    expect(add('2026-12-07T09:00:00-05:00', 240, [{ from: at('2026-12-07T10:00:00-05:00'), to: at('2026-12-09T11:00:00-05:00') }])).toBe('2026-12-09T19:00:00.000Z');
  });

  it('an open pause holds the deadline', () => {
    expect(add('2026-12-07T09:00:00-05:00', 240, [{ from: at('2026-12-07T10:00:00-05:00'), to: null }])).toBeUndefined();
  });

  it('an open pause after the deadline does not matter', () => {
    // Mon 7 Dec 09:00 + 60 = 10:00, the pause starts at 12:00.
    expect(add('2026-12-07T09:00:00-05:00', 60, [{ from: at('2026-12-07T12:00:00-05:00'), to: null }])).toBe('2026-12-07T15:00:00.000Z');
  });

  it('optional Saturday hours count for the SLA', () => {
    // Sat 08:00–12:00: Fri 4 Dec 16:00 + 120 → Fri 60, Sat 5 Dec 08:00 + 60 = 09:00 local.
    const withSaturday = { ...cal, weeklyHours: { ...cal.weeklyHours, 6: { start: '08:00', end: '12:00' } } };
    expect(add('2026-12-04T16:00:00-05:00', 120, [], withSaturday)).toBe('2026-12-05T14:00:00.000Z');
  });

  it('zero minutes is now, and a calendar without hours is refused', () => {
    expect(add('2026-12-05T10:00:00-05:00', 0)).toBe('2026-12-05T15:00:00.000Z');
    expect(() => addBusinessMinutes(at('2026-12-05T10:00:00Z'), 10, { ...cal, weeklyHours: {} })).toThrow(RangeError);
  });
});

describe('businessMinutesBetween', () => {
  it('counts only opening hours', () => {
    // Fri 4 Dec 16:00 → Mon 7 Dec 09:30: 60 + 90.
    expect(businessMinutesBetween(at('2026-12-04T16:00:00-05:00'), at('2026-12-07T09:30:00-05:00'), cal)).toBe(150);
  });

  it('skips holidays and pauses', () => {
    // Mon 7 Dec 09:00 → Wed 9 Dec 14:00 with a pause Mon 10:00 → Wed 11:00: 60 + 180.
    const pauses = [{ from: at('2026-12-07T10:00:00-05:00'), to: at('2026-12-09T11:00:00-05:00') }];
    expect(businessMinutesBetween(at('2026-12-07T09:00:00-05:00'), at('2026-12-09T14:00:00-05:00'), cal, pauses)).toBe(240);
    // Without the pause: Mon 09–17 (480), Tue holiday, Wed 08–14 (360).
    expect(businessMinutesBetween(at('2026-12-07T09:00:00-05:00'), at('2026-12-09T14:00:00-05:00'), cal)).toBe(840);
  });

  it('is 0 for an empty or reversed span', () => {
    expect(businessMinutesBetween(at('2026-12-07T12:00:00Z'), at('2026-12-07T12:00:00Z'), cal)).toBe(0);
    expect(businessMinutesBetween(at('2026-12-08T12:00:00Z'), at('2026-12-07T12:00:00Z'), cal)).toBe(0);
  });

  it('works in a zone with daylight saving (New York, spring forward Sun 8 Mar 2026)', () => {
    // Hours 08:00–17:00 in New York: Fri 6 Mar is EST (UTC−5), Mon 9 Mar EDT (UTC−4).
    // Fri 6 Mar 16:00 EST + 120: Fri 60, Mon 9 Mar 08:00 EDT + 60 = 09:00 EDT = 13:00Z.
    const ny = { ...cal, timeZone: 'America/New_York', colombianHolidays: false };
    expect(add('2026-03-06T16:00:00-05:00', 120, [], ny)).toBe('2026-03-09T13:00:00.000Z');
  });
});
