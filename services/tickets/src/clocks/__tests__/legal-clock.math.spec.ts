import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CALENDAR } from '../../business-time/index.js';
import { dueLegalAlert, markLegalAlert } from '../clock-alert.rules.js';
import { recomputeLegal } from '../clock-recompute.js';
import { legalFigures, legalNextCheck, legalStateOf } from '../legal-clock.math.js';
import type { LegalClockRow } from '../legal-clock.row.js';

// Received Mon 16 Mar 2026, 15 business days (hand count, see business-time tests): Tue 17(1) Wed 18(2)
// Thu 19(3) Fri 20(4), Mon 23 San José, Tue 24(5) … Fri 27(8), Mon 30(9) Tue 31(10) Wed 1 Apr(11),
// Thu 2/Fri 3 Semana Santa, Mon 6(12) Tue 7(13) Wed 8(14) Thu 9 Apr(15). With the alert 3 business
// days before: the 12th counted day, Mon 6 Apr, from its start (00:00 Bogotá = 05:00Z).
const at = (iso: string) => new Date(iso);
const row: LegalClockRow = {
  ticket_id: '00000000-0000-4000-8000-000000000001',
  tenant_id: '00000000-0000-4000-8000-000000000002',
  calendar_id: '00000000-0000-4000-8000-000000000003',
  pqr_class: 'reclamo',
  term_days: 15,
  extended_term_days: null,
  received_at: at('2026-03-16T09:00:00-05:00'),
  suspensions: [],
  extensions: [],
  suspended_since: null,
  due_date: null,
  due_at: null,
  answered_at: null,
  due_soon_alerted_at: null,
  due_day_alerted_at: null,
  overdue_alerted_at: null,
  next_check_at: null,
  recompute: false,
};
const figures = legalFigures(row, DEFAULT_CALENDAR, 3);

describe('legal clock figures and alerts', () => {
  it('due date, due-soon and due-day instants', () => {
    expect(figures).toMatchObject({ dueDate: '2026-04-09', termDays: 15, countedDays: 15 });
    expect(figures.dueAt?.toISOString()).toBe('2026-04-10T04:59:59.999Z');
    expect(figures.dueSoonFrom?.toISOString()).toBe('2026-04-06T05:00:00.000Z');
    expect(figures.dueDayFrom?.toISOString()).toBe('2026-04-09T05:00:00.000Z');
    expect(legalNextCheck(row, figures)?.toISOString()).toBe('2026-04-06T05:00:00.000Z');
  });

  it('one alert at a time, the most serious first, never repeated', () => {
    expect(dueLegalAlert(row, figures, at('2026-04-03T12:00:00-05:00'))).toBeNull();
    expect(dueLegalAlert(row, figures, at('2026-04-06T10:00:00-05:00'))).toEqual({ kind: 'due_soon' });
    expect(dueLegalAlert(row, figures, at('2026-04-09T08:00:00-05:00'))).toEqual({ kind: 'due_day' });
    const late = at('2026-04-10T08:00:00-05:00');
    expect(dueLegalAlert(row, figures, late)).toEqual({ kind: 'overdue' });
    const marked = markLegalAlert(row, { kind: 'overdue' }, late);
    expect(marked).toMatchObject({ due_soon_alerted_at: late, due_day_alerted_at: late, overdue_alerted_at: late });
    expect(dueLegalAlert(marked, figures, late)).toBeNull();
    expect(legalNextCheck(marked, figures)).toBeNull();
  });

  it('states: on time, due soon, overdue, answered on time or late, suspended', () => {
    const state = (now: string, extra: Partial<LegalClockRow> = {}) =>
      legalStateOf({ ...row, ...extra }, DEFAULT_CALENDAR, legalFigures({ ...row, ...extra }, DEFAULT_CALENDAR, 3), at(now), 3);
    // Wed 1 Apr: Mon 6, Tue 7, Wed 8, Thu 9 left.
    expect(state('2026-04-01T10:00:00-05:00')).toEqual({ state: 'on_time', daysLeft: 4 });
    expect(state('2026-04-06T10:00:00-05:00')).toEqual({ state: 'due_soon', daysLeft: 3 });
    expect(state('2026-04-13T10:00:00-05:00')).toEqual({ state: 'overdue', daysLeft: -2 });
    expect(state('2026-04-13T10:00:00-05:00', { answered_at: at('2026-04-09T20:00:00-05:00') }).state).toBe('answered_on_time');
    expect(state('2026-04-13T10:00:00-05:00', { answered_at: at('2026-04-10T09:00:00-05:00') }).state).toBe('answered_late');
    // Suspended Fri 27 Mar after 8 counted days: 7 remain.
    const suspended = { suspended_since: at('2026-03-27T10:00:00-05:00'), suspensions: [{ from: '2026-03-27T15:00:00.000Z', to: null, reason: 'x', by: null }] };
    expect(state('2026-04-01T10:00:00-05:00', suspended)).toEqual({ state: 'suspended', daysLeft: 7 });
  });

  it('after an extension the alerts already sent for the old date may be sent again for the new one', () => {
    const now = at('2026-04-08T10:00:00-05:00');
    const alerted = recomputeLegal({ ...row, due_soon_alerted_at: at('2026-04-06T05:00:01Z') }, DEFAULT_CALENDAR, now, 3);
    expect(alerted.due_soon_alerted_at).not.toBeNull();
    // Extended to 30 days: due Thu 30 Apr (hand count in extension.spec.ts); due soon from Mon 27 Apr.
    const extended = recomputeLegal({ ...alerted, extended_term_days: 30 }, DEFAULT_CALENDAR, now, 3);
    expect(extended.due_at?.toISOString()).toBe('2026-05-01T04:59:59.999Z');
    expect(extended.due_soon_alerted_at).toBeNull();
    expect(extended.next_check_at?.toISOString()).toBe('2026-04-27T05:00:00.000Z');
  });
});
