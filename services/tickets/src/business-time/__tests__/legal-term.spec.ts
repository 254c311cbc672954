import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CALENDAR, type BusinessCalendarRules } from '@crm/business-calendar';
import { businessDaysLeft, legalDueAt, legalSchedule } from '../legal-term.js';

// Every expected date below was counted by hand on the 2026/2027 calendar in hand-calendar.ts.
// Bogotá is UTC−5 all year (no daylight saving), so the end of a local day D (23:59:59.999) is
// D+1 at 04:59:59.999Z.
const bogota = DEFAULT_CALENDAR;
const at = (iso: string): Date => new Date(iso);
const due = (receivedAt: string, term: number, calendar: BusinessCalendarRules = bogota): string | undefined => legalDueAt(at(receivedAt), term, calendar)?.toISOString();

describe('legalDueAt: the days that break naive code', () => {
  it('Friday night in Bogotá (already Saturday in UTC), 15 days', () => {
    // Received Fri 6 Mar 2026 21:30 Bogotá = Sat 7 Mar 02:30Z. Day of receipt is FRIDAY 6 (local).
    // Sat 7/Sun 8 skipped. Mon 9(1) Tue 10(2) Wed 11(3) Thu 12(4) Fri 13(5) · Mon 16(6) … Fri 20(10)
    // · Mon 23 San José (moved from Thu 19) skipped · Tue 24(11) Wed 25(12) Thu 26(13) Fri 27(14)
    // · Sat 28/Sun 29 · Mon 30 Mar(15). Due end of Mon 30 Mar local = 31 Mar 04:59:59.999Z
    // (a UTC-midnight implementation says 30 Mar 23:59:59.999Z).
    expect(due('2026-03-06T21:30:00-05:00', 15)).toBe('2026-03-31T04:59:59.999Z');
  });

  it('Thursday night in Bogotá (already Friday in UTC), 10 days: the count starts on Friday', () => {
    // Received Thu 5 Mar 2026 20:00 Bogotá = Fri 6 Mar 01:00Z. Local receipt day Thu 5, so Fri 6 is
    // day 1. Fri 6(1) · Mon 9(2) Tue 10(3) Wed 11(4) Thu 12(5) Fri 13(6) · Mon 16(7) Tue 17(8)
    // Wed 18(9) Thu 19(10) — 19 Mar is San José's real date but the holiday moved to Mon 23, so it
    // counts. Due Thu 19 Mar (UTC-day counting would start Mon 9 and give Fri 20).
    expect(due('2026-03-05T20:00:00-05:00', 10)).toBe('2026-03-20T04:59:59.999Z');
  });

  it('received on a holiday (Fri 1 May 2026, Día del Trabajo), 15 days', () => {
    // Count starts after Fri 1 May: Sat 2/Sun 3 skipped. Mon 4(1) … Fri 8(5) · Mon 11(6) … Fri 15(10)
    // · Mon 18 Ascensión (Thu 14 → Mon 18) skipped · Tue 19(11) Wed 20(12) Thu 21(13) Fri 22(14)
    // · Sat 23/Sun 24 · Mon 25 May(15).
    expect(due('2026-05-01T10:00:00-05:00', 15)).toBe('2026-05-26T04:59:59.999Z');
  });

  it('Semana Santa 2026, 10 days (documents or information)', () => {
    // Received Mon 30 Mar 2026. Tue 31(1) Wed 1 Apr(2) · Thu 2 Jueves Santo, Fri 3 Viernes Santo,
    // Sat 4, Sun 5 (Easter) skipped · Mon 6(3) — Easter Monday is NOT a Colombian holiday — Tue 7(4)
    // Wed 8(5) Thu 9(6) Fri 10(7) · Mon 13(8) Tue 14(9) Wed 15 Apr(10).
    expect(due('2026-03-30T09:00:00-05:00', 10)).toBe('2026-04-16T04:59:59.999Z');
  });

  it('received on Jueves Santo 2026, 15 days', () => {
    // Received Thu 2 Apr (holiday). Fri 3 (Viernes Santo), Sat 4, Sun 5 skipped. Mon 6(1) … Fri 10(5)
    // · Mon 13(6) … Fri 17(10) · Mon 20(11) Tue 21(12) Wed 22(13) Thu 23(14) Fri 24 Apr(15).
    expect(due('2026-04-02T11:00:00-05:00', 15)).toBe('2026-04-25T04:59:59.999Z');
  });

  it('Semana Santa 2027 after San José, 10 days', () => {
    // Received Fri 19 Mar 2027 (San José's real date; the holiday moved to Mon 22, so the 19th is a
    // working day of receipt). Sat 20/Sun 21, Mon 22 San José, skipped. Tue 23(1) Wed 24(2) · Thu 25
    // Jueves Santo, Fri 26 Viernes Santo, Sat 27, Sun 28 skipped · Mon 29(3) Tue 30(4) Wed 31(5)
    // Thu 1 Apr(6) Fri 2(7) · Mon 5(8) Tue 6(9) Wed 7 Apr(10).
    expect(due('2027-03-19T10:00:00-05:00', 10)).toBe('2027-04-08T04:59:59.999Z');
  });

  it('across the year end, 30 days (consulta): 8 Dec, 25 Dec, 1 Jan and Reyes on Mon 11 Jan 2027', () => {
    // Received Mon 7 Dec 2026. Tue 8 Dec Inmaculada skipped. Wed 9(1) Thu 10(2) Fri 11(3) · Mon 14(4)
    // … Fri 18(8) · Mon 21(9) Tue 22(10) Wed 23(11) Thu 24(12) · Fri 25 Navidad skipped · Mon 28(13)
    // Tue 29(14) Wed 30(15) Thu 31(16) · Fri 1 Jan 2027 Año Nuevo skipped · Mon 4(17) Tue 5(18)
    // Wed 6(19) — Reyes' real date, a working day — Thu 7(20) Fri 8(21) · Mon 11 Reyes (moved)
    // skipped · Tue 12(22) Wed 13(23) Thu 14(24) Fri 15(25) · Mon 18(26) Tue 19(27) Wed 20(28)
    // Thu 21(29) Fri 22 Jan 2027(30).
    const schedule = legalSchedule(at('2026-12-07T10:00:00-05:00'), 30, bogota);
    expect(schedule.dueAt?.toISOString()).toBe('2027-01-23T04:59:59.999Z');
    expect(schedule.dueDate).toBe('2027-01-22');
    expect(schedule.skippedDays.filter((day) => day.reason === 'holiday').map((day) => day.date)).toEqual(['2026-12-08', '2026-12-25', '2027-01-01', '2027-01-11']);
  });

  it('across the year end, 15 days', () => {
    // Received Fri 11 Dec 2026. Sat 12/Sun 13. Mon 14(1) … Fri 18(5) · Mon 21(6) Tue 22(7) Wed 23(8)
    // Thu 24(9) · Fri 25 Navidad · Mon 28(10) Tue 29(11) Wed 30(12) Thu 31(13) · Fri 1 Jan Año Nuevo,
    // Sat 2, Sun 3 · Mon 4(14) Tue 5 Jan 2027(15).
    expect(due('2026-12-11T15:00:00-05:00', 15)).toBe('2027-01-06T04:59:59.999Z');
  });

  it('received on the Monday of a moved holiday (Reyes, Mon 12 Jan 2026), 10 days', () => {
    // Tue 13(1) Wed 14(2) Thu 15(3) Fri 16(4) · Mon 19(5) … Fri 23(9) · Mon 26 Jan(10).
    expect(due('2026-01-12T09:00:00-05:00', 10)).toBe('2026-01-27T04:59:59.999Z');
  });

  it('received on the Monday of a moved holiday (San José, Mon 23 Mar 2026), 15 days through Semana Santa', () => {
    // Tue 24(1) Wed 25(2) Thu 26(3) Fri 27(4) · Mon 30(5) Tue 31(6) Wed 1 Apr(7) · Thu 2, Fri 3
    // (Semana Santa), Sat 4, Sun 5 · Mon 6(8) … Fri 10(12) · Mon 13(13) Tue 14(14) Wed 15 Apr(15).
    expect(due('2026-03-23T16:00:00-05:00', 15)).toBe('2026-04-16T04:59:59.999Z');
  });

  it('the real date of a moved holiday counts (6 Jan 2026 is a working Tuesday)', () => {
    // Received Mon 5 Jan 2026, 1 day: Tue 6 Jan(1).
    expect(due('2026-01-05T09:00:00-05:00', 1)).toBe('2026-01-07T04:59:59.999Z');
  });

  it('a tenant extra non-working day moves the date by one business day', () => {
    // Friday-night case with Tue 10 Mar 2026 closed: day 15 moves from Mon 30 to Tue 31 Mar.
    const calendar = { ...bogota, extraNonWorkingDays: [{ date: '2026-03-10', reason: 'Inventario anual' }] };
    expect(due('2026-03-06T21:30:00-05:00', 15, calendar)).toBe('2026-04-01T04:59:59.999Z');
  });

  it('Saturday opening hours do not make Saturday a día hábil', () => {
    const calendar = { ...bogota, weeklyHours: { ...bogota.weeklyHours, 6: { start: '08:00', end: '12:00' } } };
    expect(due('2026-03-06T21:30:00-05:00', 15, calendar)).toBe('2026-03-31T04:59:59.999Z');
  });

  it('another zone: the same instant is Friday in Madrid and Thursday in Bogotá', () => {
    // 2026-03-05T23:30Z: Thu 18:30 in Bogotá, Fri 00:30 in Madrid (CET, UTC+1; EU summer time
    // starts 29 Mar). One day: Bogotá → Fri 6 Mar; Madrid → receipt Fri 6, Sat/Sun, Mon 9 Mar, due at
    // 23:59:59.999+01:00 = 22:59:59.999Z.
    expect(due('2026-03-05T23:30:00Z', 1)).toBe('2026-03-07T04:59:59.999Z');
    expect(due('2026-03-05T23:30:00Z', 1, { ...bogota, timeZone: 'Europe/Madrid' })).toBe('2026-03-09T22:59:59.999Z');
  });

  it('rejects a non-positive term', () => {
    expect(() => legalDueAt(at('2026-03-06T12:00:00Z'), 0, bogota)).toThrow(RangeError);
  });
});

describe('suspension (art. 17 Ley 1755)', () => {
  // Received Mon 16 Mar 2026, 15 days. Without suspension: Tue 17(1) Wed 18(2) Thu 19(3) Fri 20(4)
  // · Mon 23 San José · Tue 24(5) … Fri 27(8) · Mon 30(9) Tue 31(10) Wed 1 Apr(11) · Thu 2, Fri 3
  // Semana Santa · Mon 6(12) Tue 7(13) Wed 8(14) Thu 9 Apr(15).
  const receivedAt = at('2026-03-16T09:00:00-05:00');

  it('without suspension the due day is Thu 9 Apr 2026', () => {
    expect(legalDueAt(receivedAt, 15, bogota)?.toISOString()).toBe('2026-04-10T04:59:59.999Z');
  });

  it('a suspension across Semana Santa: the request day counts, the days up to the answer do not', () => {
    // Suspended Fri 27 Mar 10:00 (day 8 counts, it already ran), answered Tue 7 Apr 15:00. Sat 28 …
    // Tue 7 Apr do not count (business days among them: Mon 30, Tue 31, Wed 1, Mon 6, Tue 7; Thu 2/Fri 3
    // were holidays anyway). The term continues the day after the answer: Wed 8(9) Thu 9(10) Fri 10(11)
    // · Mon 13(12) Tue 14(13) Wed 15(14) Thu 16 Apr(15).
    const schedule = legalSchedule(receivedAt, 15, bogota, [{ from: at('2026-03-27T10:00:00-05:00'), to: at('2026-04-07T15:00:00-05:00') }]);
    expect(schedule.dueAt?.toISOString()).toBe('2026-04-17T04:59:59.999Z');
    expect(schedule.skippedDays.filter((day) => day.reason === 'suspended').map((day) => day.date)).toEqual(['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-06', '2026-04-07']);
  });

  it('an open suspension holds the count: no due date, 8 days counted', () => {
    const schedule = legalSchedule(receivedAt, 15, bogota, [{ from: at('2026-03-27T10:00:00-05:00'), to: null }]);
    expect(schedule.dueAt).toBeNull();
    expect(schedule.countedDays).toHaveLength(8);
    expect(schedule.countedDays.at(-1)).toBe('2026-03-27');
  });

  it('asked and answered on the same day changes nothing', () => {
    const suspensions = [{ from: at('2026-03-27T09:00:00-05:00'), to: at('2026-03-27T16:00:00-05:00') }];
    expect(legalDueAt(receivedAt, 15, bogota, suspensions)?.toISOString()).toBe('2026-04-10T04:59:59.999Z');
  });

  it('a suspension requested late on a Friday night in Bogotá uses the local day', () => {
    // Requested Fri 27 Mar 22:00 Bogotá (Sat 28 03:00Z), answered Mon 30 Mar 10:00: suspended local
    // days Sat 28 … Mon 30, so only Mon 30 (a business day) is lost: due moves from Thu 9 to Fri 10 Apr.
    const suspensions = [{ from: at('2026-03-27T22:00:00-05:00'), to: at('2026-03-30T10:00:00-05:00') }];
    expect(legalDueAt(receivedAt, 15, bogota, suspensions)?.toISOString()).toBe('2026-04-11T04:59:59.999Z');
  });
});

describe('businessDaysLeft', () => {
  // Due Thu 9 Apr 2026 (received Mon 16 Mar, 15 days; see above).
  const dueAt = at('2026-04-10T04:59:59.999Z');
  const left = (now: string): number => businessDaysLeft(at(now), '2026-04-09', dueAt, bogota);

  it('counts the business days after today up to the due day', () => {
    // Wed 1 Apr: Thu 2/Fri 3 holidays, then Mon 6, Tue 7, Wed 8, Thu 9 → 4.
    expect(left('2026-04-01T10:00:00-05:00')).toBe(4);
    // Mon 6 Apr: Tue 7, Wed 8, Thu 9 → 3 (the default due-soon threshold).
    expect(left('2026-04-06T10:00:00-05:00')).toBe(3);
    // On the due day, up to its last millisecond: 0.
    expect(left('2026-04-09T23:59:00-05:00')).toBe(0);
  });

  it('is negative once overdue', () => {
    // Fri 10 Apr: one business day late. Sat 11: still -1 (no business day since). Mon 13: -2.
    expect(left('2026-04-10T08:00:00-05:00')).toBe(-1);
    expect(left('2026-04-11T08:00:00-05:00')).toBe(-1);
    expect(left('2026-04-13T08:00:00-05:00')).toBe(-2);
  });
});
