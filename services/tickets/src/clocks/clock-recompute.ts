import type { BusinessCalendarRules } from '../business-time/index.js';
import { clearStaleLegalAlerts, legalFigures, legalNextCheck, type LegalFigures } from './legal-clock.math.js';
import type { LegalClockRow } from './legal-clock.row.js';
import { clearStaleSlaAlerts, slaFigures, slaNextCheck, type SlaFigures } from './sla-clock.math.js';
import type { SlaClockRow } from './sla-clock.row.js';

/** The row with its due date and next check worked out again from its facts. */
export function recomputeLegal(row: LegalClockRow, rules: BusinessCalendarRules, now: Date, dueSoonDays: number): LegalClockRow {
  return recomputeLegalWithFigures(row, rules, now, dueSoonDays).row;
}

/** The same, also answering the figures (the scheduler needs both and the count is the costly part). */
export function recomputeLegalWithFigures(row: LegalClockRow, rules: BusinessCalendarRules, now: Date, dueSoonDays: number): { row: LegalClockRow; figures: LegalFigures } {
  const figures = legalFigures(row, rules, dueSoonDays);
  const dueMoved = (row.due_at?.getTime() ?? null) !== (figures.dueAt?.getTime() ?? null);
  const alerts = dueMoved ? clearStaleLegalAlerts(row, figures, now) : row;
  const next = { ...row, ...alerts, due_date: figures.dueDate, due_at: figures.dueAt, recompute: false };
  return { row: { ...next, next_check_at: legalNextCheck(next, figures) }, figures };
}

export function recomputeSla(row: SlaClockRow, rules: BusinessCalendarRules, now: Date): SlaClockRow {
  return recomputeSlaWithFigures(row, rules, now).row;
}

/** The same, also answering the figures (a new ticket's view needs them: no second count). */
export function recomputeSlaWithFigures(row: SlaClockRow, rules: BusinessCalendarRules, now: Date): { row: SlaClockRow; figures: SlaFigures } {
  const figures = slaFigures(row, rules);
  const alerts = clearStaleSlaAlerts(row, figures, now);
  const next: SlaClockRow = {
    ...row,
    ...alerts,
    first_response_warn_at: figures.firstResponseWarnAt,
    first_response_due_at: figures.firstResponseDueAt,
    resolution_warn_at: figures.resolutionWarnAt,
    resolution_due_at: figures.resolutionDueAt,
    recompute: false,
  };
  return { row: { ...next, next_check_at: slaNextCheck(next, figures) }, figures };
}
