import { describe, expect, it } from '@jest/globals';
import { colombianHolidayOn, zonedInstant } from '@crm/business-calendar';
import { businessMinutesBetween } from '../business-minutes.js';

const BOGOTA = 'America/Bogota';

describe('business minutes (Mon–Fri 08:00–17:00 Bogotá, Colombian holidays closed)', () => {
  it('counts only opening hours of the same day', () => {
    // Mon 2 Mar 2026 09:00 → 11:30 Bogotá (14:00Z → 16:30Z): 150 minutes.
    expect(businessMinutesBetween(new Date('2026-03-02T14:00:00Z'), new Date('2026-03-02T16:30:00Z'), BOGOTA)).toBe(150);
    // Before opening and after closing count nothing: 06:00 → 19:00 is the 540 minutes of 08:00–17:00.
    expect(businessMinutesBetween(new Date('2026-03-02T11:00:00Z'), new Date('2026-03-03T00:00:00Z'), BOGOTA)).toBe(540);
  });

  it('skips the weekend and the holiday of San José (19 Mar 2026, a Thursday, moved to Monday 23 Mar)', () => {
    // Fri 20 Mar 16:00 → Tue 24 Mar 09:00: Friday 60, Sat/Sun 0, Mon 23 holiday 0, Tuesday 60.
    expect(businessMinutesBetween(new Date('2026-03-20T21:00:00Z'), new Date('2026-03-24T14:00:00Z'), BOGOTA)).toBe(120);
    // Thu 19 Mar is a working day (the holiday moved): 08:00 → 17:00 = 540.
    expect(businessMinutesBetween(new Date('2026-03-19T13:00:00Z'), new Date('2026-03-19T22:00:00Z'), BOGOTA)).toBe(540);
    // Holy Thursday and Good Friday 2026 (2 and 3 April) are closed: Wed 1 Apr 16:00 → Mon 6 Apr 09:00 = 60 + 60.
    expect(businessMinutesBetween(new Date('2026-04-01T21:00:00Z'), new Date('2026-04-06T14:00:00Z'), BOGOTA)).toBe(120);
  });

  it('is zero for an empty or reversed interval', () => {
    expect(businessMinutesBetween(new Date('2026-03-02T16:00:00Z'), new Date('2026-03-02T16:00:00Z'), BOGOTA)).toBe(0);
    expect(businessMinutesBetween(new Date('2026-03-03T16:00:00Z'), new Date('2026-03-02T16:00:00Z'), BOGOTA)).toBe(0);
  });

  it('places local times in the zone, across a daylight-saving change too', () => {
    expect(zonedInstant('2026-03-02', 8 * 60, BOGOTA).toISOString()).toBe('2026-03-02T13:00:00.000Z');
    // Madrid moves to UTC+2 on 29 Mar 2026: 08:00 local is 06:00Z that day, 07:00Z the day before.
    expect(zonedInstant('2026-03-28', 8 * 60, 'Europe/Madrid').toISOString()).toBe('2026-03-28T07:00:00.000Z');
    expect(zonedInstant('2026-03-30', 8 * 60, 'Europe/Madrid').toISOString()).toBe('2026-03-30T06:00:00.000Z');
  });
});

describe('Colombian holidays', () => {
  it('agrees with the official 2026 calendar', () => {
    // Decreto/Ley Emiliani 2026: Reyes moved to 12 Jan, San José to 23 Mar, Jueves y Viernes Santo 2–3 Apr, Ascensión 18 May,
    // Corpus Christi 8 Jun, Sagrado Corazón 15 Jun, San Pedro 29 Jun (a Monday), Asunción 17 Aug, Raza 12 Oct, Todos los Santos 2 Nov,
    // Independencia de Cartagena 16 Nov; fixed: 1 Jan, 1 May, 20 Jul, 7 Aug, 8 Dec, 25 Dec.
    const expected = [
      '2026-01-01',
      '2026-01-12',
      '2026-03-23',
      '2026-04-02',
      '2026-04-03',
      '2026-05-01',
      '2026-05-18',
      '2026-06-08',
      '2026-06-15',
      '2026-06-29',
      '2026-07-20',
      '2026-08-07',
      '2026-08-17',
      '2026-10-12',
      '2026-11-02',
      '2026-11-16',
      '2026-12-08',
      '2026-12-25',
    ];
    const all: string[] = [];
    for (let d = new Date('2026-01-01T00:00:00Z'); d.getUTCFullYear() === 2026; d = new Date(d.getTime() + 86_400_000)) {
      const day = d.toISOString().slice(0, 10);
      if (colombianHolidayOn(day)) all.push(day);
    }
    expect(all).toEqual(expected);
  });
});
