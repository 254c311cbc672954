import { businessDaysLeft, legalSchedule, startOfLocalDay, type BusinessCalendarRules } from '../business-time/index.js';
import { effectiveTerm, suspensionsOf, type LegalClockRow } from './legal-clock.row.js';
import type { LegalState } from '@crm/contracts';

export interface LegalFigures {
  dueDate: string | null;
  dueAt: Date | null;
  /** When the due-soon alert becomes due: the start of the Nth business day before the due day. */
  dueSoonFrom: Date | null;
  /** Start of the due day. */
  dueDayFrom: Date | null;
  /** Business days counted so far (meaningful while suspended). */
  countedDays: number;
  termDays: number;
}

type LegalInput = Pick<LegalClockRow, 'received_at' | 'term_days' | 'extended_term_days' | 'suspensions'>;

/** Due date, and when the alerts become due, from the stored facts and the calendar. */
export function legalFigures(row: LegalInput, rules: BusinessCalendarRules, dueSoonDays: number): LegalFigures {
  const termDays = effectiveTerm(row);
  const schedule = legalSchedule(row.received_at, termDays, rules, suspensionsOf(row));
  if (!schedule.dueDate || !schedule.dueAt) {
    return { dueDate: null, dueAt: null, dueSoonFrom: null, dueDayFrom: null, countedDays: schedule.countedDays.length, termDays };
  }
  const soonIndex = schedule.countedDays.length - 1 - dueSoonDays;
  return {
    dueDate: schedule.dueDate,
    dueAt: schedule.dueAt,
    dueSoonFrom: soonIndex >= 0 ? startOfLocalDay(schedule.countedDays[soonIndex], rules.timeZone) : row.received_at,
    dueDayFrom: startOfLocalDay(schedule.dueDate, rules.timeZone),
    countedDays: schedule.countedDays.length,
    termDays,
  };
}

type AlertState = Pick<LegalClockRow, 'answered_at' | 'suspended_since' | 'due_soon_alerted_at' | 'due_day_alerted_at' | 'overdue_alerted_at'>;

/** The next instant an alert can become due, or null (answered, suspended, or everything sent). */
export function legalNextCheck(row: AlertState, figures: LegalFigures): Date | null {
  if (row.answered_at || row.suspended_since || !figures.dueAt) return null;
  const candidates: number[] = [];
  if (!row.due_soon_alerted_at && figures.dueSoonFrom) candidates.push(figures.dueSoonFrom.getTime());
  if (!row.due_day_alerted_at && figures.dueDayFrom) candidates.push(figures.dueDayFrom.getTime());
  if (!row.overdue_alerted_at) candidates.push(figures.dueAt.getTime() + 1);
  return candidates.length ? new Date(Math.min(...candidates)) : null;
}

/**
 * After the due date moved (extension, resume, re-classification, calendar edit), an alert whose
 * moment is now in the future may be sent again for the new date.
 */
export function clearStaleLegalAlerts<T extends AlertState>(row: T, figures: LegalFigures, now: Date): T {
  const future = (at: Date | null) => at !== null && at.getTime() > now.getTime();
  return {
    ...row,
    due_soon_alerted_at: future(figures.dueSoonFrom) ? null : row.due_soon_alerted_at,
    due_day_alerted_at: future(figures.dueDayFrom) ? null : row.due_day_alerted_at,
    overdue_alerted_at: figures.dueAt && figures.dueAt.getTime() >= now.getTime() ? null : row.overdue_alerted_at,
  };
}

export function legalStateOf(
  row: Pick<LegalClockRow, 'answered_at' | 'suspended_since' | 'due_at'> & LegalInput,
  rules: BusinessCalendarRules,
  figures: LegalFigures,
  now: Date,
  dueSoonDays: number,
): { state: LegalState; daysLeft: number | null } {
  if (row.answered_at) {
    const onTime = !figures.dueAt || row.answered_at.getTime() <= figures.dueAt.getTime();
    return { state: onTime ? 'answered_on_time' : 'answered_late', daysLeft: null };
  }
  if (row.suspended_since || !figures.dueAt || !figures.dueDate) return { state: 'suspended', daysLeft: figures.termDays - figures.countedDays };
  const daysLeft = businessDaysLeft(now, figures.dueDate, figures.dueAt, rules, suspensionsOf(row));
  if (now.getTime() > figures.dueAt.getTime()) return { state: 'overdue', daysLeft };
  return { state: daysLeft <= dueSoonDays ? 'due_soon' : 'on_time', daysLeft };
}
