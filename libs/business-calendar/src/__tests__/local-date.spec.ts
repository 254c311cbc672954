import { describe, expect, it } from '@jest/globals';
import { addDays, fromDayNumber, isoWeekday, toDayNumber } from '../local-date.js';

describe('civil dates', () => {
  it('names the ISO weekday of each day of a week, and of days before 1970', () => {
    // Mon 2 … Sun 8 March 2026 (the 6th is a Friday, as on any calendar of 2026).
    expect(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08'].map(isoWeekday)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // 1 Jan 1970 was a Thursday, 31 Dec 1969 a Wednesday, 20 Jul 1969 a Sunday.
    expect([isoWeekday('1970-01-01'), isoWeekday('1969-12-31'), isoWeekday('1969-07-20')]).toEqual([4, 3, 7]);
  });

  it('gives the same answers the second time (remembered) and across months, leap days and years', () => {
    for (let round = 0; round < 2; round++) {
      expect(toDayNumber('1970-01-01')).toBe(0);
      expect(toDayNumber('2026-12-31')).toBe(20818);
      expect(fromDayNumber(20818)).toBe('2026-12-31');
      expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
      expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
      expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
      expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    }
  });

  it('refuses what is not a YYYY-MM-DD date, however many dates it knows', () => {
    expect(() => toDayNumber('2026-3-1')).toThrow(RangeError);
    expect(() => toDayNumber('')).toThrow(RangeError);
  });
});
