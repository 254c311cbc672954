import { describe, expect, it } from '@jest/globals';
import { endOfLocalDay, isValidTimeZone, localDateOf, startOfLocalDay, zonedInstant } from '../time-zone.js';
import { isLocalDate, isoWeekday } from '../local-date.js';

describe('time zones through Intl', () => {
  it('a Friday night in Bogotá is still Friday there although Saturday in UTC', () => {
    expect(localDateOf(new Date('2026-03-07T02:30:00Z'), 'America/Bogota')).toBe('2026-03-06');
    expect(isoWeekday('2026-03-06')).toBe(5);
  });

  it('end of a local day is 23:59:59.999 on its wall clock', () => {
    expect(endOfLocalDay('2026-03-30', 'America/Bogota').toISOString()).toBe('2026-03-31T04:59:59.999Z');
    expect(endOfLocalDay('2026-03-30', 'Asia/Kolkata').toISOString()).toBe('2026-03-30T18:29:59.999Z');
  });

  it('handles a 23-hour day (New York, Sun 8 Mar 2026, clocks jump 02:00 → 03:00)', () => {
    // Starts 00:00 EST (05:00Z), ends before 00:00 EDT of the 9th (04:00Z).
    expect(startOfLocalDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(endOfLocalDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-09T03:59:59.999Z');
    // 09:00 that day is EDT: 13:00Z.
    expect(zonedInstant('2026-03-08', 9 * 60, 'America/New_York').toISOString()).toBe('2026-03-08T13:00:00.000Z');
  });

  it('starts a day whose midnight does not exist at the first instant of that day (Santiago, Sun 6 Sep 2026)', () => {
    // Chile moves from UTC−4 to UTC−3 at the end of Saturday 5 Sep 2026: the wall clock goes from
    // 23:59:59 Saturday to 01:00 Sunday. Sunday starts at 01:00 −03:00 = 04:00Z; 03:00Z would be
    // 23:00 on Saturday (reporting used to place it there, counting an hour of Saturday as Sunday).
    expect(startOfLocalDay('2026-09-06', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
    expect(localDateOf(new Date('2026-09-06T03:59:59.999Z'), 'America/Santiago')).toBe('2026-09-05');
    expect(zonedInstant('2026-09-05', 24 * 60, 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });

  it('validates zone names and dates', () => {
    expect(isValidTimeZone('America/Bogota')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2026-1-5')).toBe(false);
  });
});
