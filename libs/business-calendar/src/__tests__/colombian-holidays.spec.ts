import { describe, expect, it } from '@jest/globals';
import { colombianHolidaysOf } from '../colombian-holidays.js';
import { classifyDay } from '../business-day.js';
import { DEFAULT_CALENDAR } from '../calendar-rules.js';
import { HOLIDAYS_2026, HOLIDAYS_2027 } from './hand-calendar.js';

// Cross-check only: the hand-derived list must agree with the library the service uses. The
// legal-term tests below never take their expected values from the library.
describe('Colombian holidays (cross-check of the hand calendar against colombian-holidays@5.0.11)', () => {
  it('2026 observed dates agree', () => {
    expect([...colombianHolidaysOf(2026).keys()].sort()).toEqual(HOLIDAYS_2026);
  });

  it('2027 observed dates agree', () => {
    expect([...colombianHolidaysOf(2027).keys()].sort()).toEqual(HOLIDAYS_2027);
  });

  it('the original date of a moved holiday is a business day; the Monday is not', () => {
    // Reyes 2026: 6 Jan is a Tuesday and works; the holiday is Monday 12 Jan.
    expect(classifyDay('2026-01-06', DEFAULT_CALENDAR)).toMatchObject({ legalBusinessDay: true });
    expect(classifyDay('2026-01-12', DEFAULT_CALENDAR)).toMatchObject({ legalBusinessDay: false, reason: 'holiday', name: { es: 'Reyes Magos' } });
  });

  it('a tenant extra non-working day is skipped with its reason, and holidays can be turned off', () => {
    const calendar = { ...DEFAULT_CALENDAR, extraNonWorkingDays: [{ date: '2026-03-10', reason: 'Inventario anual' }] };
    expect(classifyDay('2026-03-10', calendar)).toMatchObject({ legalBusinessDay: false, reason: 'non_working_day', name: { es: 'Inventario anual' } });
    expect(classifyDay('2026-12-08', { ...DEFAULT_CALENDAR, colombianHolidays: false })).toMatchObject({ legalBusinessDay: true });
    expect(classifyDay('2026-12-05', DEFAULT_CALENDAR)).toMatchObject({ legalBusinessDay: false, reason: 'weekend' });
  });
});
