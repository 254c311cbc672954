import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CALENDAR } from '@crm/business-calendar';
import { decideExtension, type ExtensionRequest } from '../extension.js';

// Received Mon 16 Mar 2026, 15 days → due Thu 9 Apr 2026 (counted by hand in legal-term.spec.ts).
// Twice the term from the same start: Thu 9(15) Fri 10(16) · Mon 13(17) … Fri 17(21) · Mon 20(22)
// … Fri 24(26) · Mon 27(27) Tue 28(28) Wed 29(29) Thu 30 Apr(30). So the latest new date is Thu 30
// Apr 2026; the next business day would be Mon 4 May (Fri 1 May is Día del Trabajo).
const base: ExtensionRequest = {
  receivedAt: new Date('2026-03-16T09:00:00-05:00'),
  termDays: 15,
  calendar: DEFAULT_CALENDAR,
  suspensions: [],
  currentDueAt: new Date('2026-04-10T04:59:59.999Z'),
  now: new Date('2026-04-08T10:00:00-05:00'),
  newDate: '2026-04-30',
};

describe('decideExtension (art. 14 parágrafo)', () => {
  it('accepts the last day of twice the term', () => {
    expect(decideExtension(base)).toEqual({ ok: true, extendedTermDays: 30, newDueAt: new Date('2026-05-01T04:59:59.999Z') });
  });

  it('accepts a date in between, stored as its business-day position (Mon 20 Apr = day 22)', () => {
    expect(decideExtension({ ...base, newDate: '2026-04-20' })).toMatchObject({ ok: true, extendedTermDays: 22 });
  });

  it('is still possible late on the due day itself', () => {
    expect(decideExtension({ ...base, now: new Date('2026-04-09T23:00:00-05:00') })).toMatchObject({ ok: true });
  });

  it('refuses beyond twice the term, naming the limit', () => {
    expect(decideExtension({ ...base, newDate: '2026-05-04' })).toEqual({
      ok: false,
      code: 'beyond_double',
      maxDueDate: '2026-04-30',
      maxDueAt: new Date('2026-05-01T04:59:59.999Z'),
      maxTermDays: 30,
    });
  });

  it('refuses once the due date has passed', () => {
    expect(decideExtension({ ...base, now: new Date('2026-04-10T08:00:00-05:00') })).toMatchObject({ ok: false, code: 'past_due' });
  });

  it('refuses a date that is not later than the current due date, or not a business day', () => {
    expect(decideExtension({ ...base, newDate: '2026-04-09' })).toMatchObject({ ok: false, code: 'not_later', currentDueDate: '2026-04-09' });
    expect(decideExtension({ ...base, newDate: '2026-04-18' })).toMatchObject({ ok: false, code: 'not_business_day' });
    expect(decideExtension({ ...base, newDate: '2026-02-30' })).toMatchObject({ ok: false, code: 'invalid_date' });
  });

  it('refuses while suspended (no due date in force)', () => {
    expect(decideExtension({ ...base, currentDueAt: null })).toMatchObject({ ok: false, code: 'suspended' });
  });

  it('twice the term skips the same suspended days', () => {
    // Suspended Fri 27 Mar → answered Tue 7 Apr: 5 business days lost (see legal-term.spec.ts), due Thu
    // 16 Apr. Twice the term: Thu 16(15) Fri 17(16) · Mon 20(17) … Fri 24(21) · Mon 27(22) Tue 28(23)
    // Wed 29(24) Thu 30(25) · Fri 1 May holiday · Mon 4(26) Tue 5(27) Wed 6(28) Thu 7(29) Fri 8 May(30).
    const suspended = {
      ...base,
      suspensions: [{ from: new Date('2026-03-27T10:00:00-05:00'), to: new Date('2026-04-07T15:00:00-05:00') }],
      currentDueAt: new Date('2026-04-17T04:59:59.999Z'),
    };
    expect(decideExtension({ ...suspended, newDate: '2026-05-08' })).toMatchObject({ ok: true, extendedTermDays: 30 });
    expect(decideExtension({ ...suspended, newDate: '2026-05-11' })).toMatchObject({ ok: false, code: 'beyond_double', maxDueDate: '2026-05-08' });
  });
});
