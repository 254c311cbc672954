import type { LegalFigures } from './legal-clock.math.js';
import type { LegalClockRow } from './legal-clock.row.js';

export type LegalAlert = { kind: 'overdue' } | { kind: 'due_day' } | { kind: 'due_soon' };

/**
 * The one legal alert due now, the most serious first: overdue (once the due instant passed), the
 * due day (from its start), due soon (from the start of the Nth business day before). A more
 * serious alert marks the lighter ones as done, so a late pass never sends all three.
 */
export function dueLegalAlert(row: LegalClockRow, figures: LegalFigures, now: Date): LegalAlert | null {
  if (row.answered_at || row.suspended_since || !figures.dueAt) return null;
  const t = now.getTime();
  if (t > figures.dueAt.getTime()) return row.overdue_alerted_at ? null : { kind: 'overdue' };
  if (figures.dueDayFrom && t >= figures.dueDayFrom.getTime() && !row.due_day_alerted_at) return { kind: 'due_day' };
  if (figures.dueSoonFrom && t >= figures.dueSoonFrom.getTime() && !row.due_soon_alerted_at && !row.due_day_alerted_at) return { kind: 'due_soon' };
  return null;
}

export function markLegalAlert(row: LegalClockRow, alert: LegalAlert, now: Date): LegalClockRow {
  const next = { ...row, due_soon_alerted_at: row.due_soon_alerted_at ?? now };
  if (alert.kind === 'due_soon') return next;
  next.due_day_alerted_at = row.due_day_alerted_at ?? now;
  if (alert.kind === 'overdue') next.overdue_alerted_at = now;
  return next;
}
