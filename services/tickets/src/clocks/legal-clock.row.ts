import type { PqrClass } from '@crm/contracts';
import type { Suspension } from '../business-time/index.js';

export interface StoredSuspension {
  from: string;
  to: string | null;
  reason: string;
  by: string | null;
  resumedBy?: string | null;
}

export interface StoredExtension {
  at: string;
  by: string | null;
  reason: string;
  previousDueAt: string;
  newDueAt: string;
  extendedTermDays: number;
}

/** A row of tickets.ticket_legal_clock as read by LEGAL_CLOCK_COLUMNS. */
export interface LegalClockRow {
  ticket_id: string;
  tenant_id: string;
  calendar_id: string;
  pqr_class: PqrClass;
  term_days: number;
  extended_term_days: number | null;
  received_at: Date;
  suspensions: StoredSuspension[];
  extensions: StoredExtension[];
  suspended_since: Date | null;
  due_date: string | null;
  due_at: Date | null;
  answered_at: Date | null;
  due_soon_alerted_at: Date | null;
  due_day_alerted_at: Date | null;
  overdue_alerted_at: Date | null;
  next_check_at: Date | null;
  recompute: boolean;
}

/** `due_date` as text: node-pg would turn a `date` into a local-midnight Date. */
export const LEGAL_CLOCK_COLUMNS = `lc.ticket_id, lc.tenant_id, lc.calendar_id, lc.pqr_class, lc.term_days, lc.extended_term_days, lc.received_at,
  lc.suspensions, lc.extensions, lc.suspended_since, lc.due_date::text AS due_date, lc.due_at, lc.answered_at,
  lc.due_soon_alerted_at, lc.due_day_alerted_at, lc.overdue_alerted_at, lc.next_check_at, lc.recompute`;

export function suspensionsOf(row: Pick<LegalClockRow, 'suspensions'>): Suspension[] {
  return row.suspensions.map((s) => ({ from: new Date(s.from), to: s.to ? new Date(s.to) : null }));
}

/** The term in force: the class term, or the extended one after an art. 14 extension. */
export function effectiveTerm(row: Pick<LegalClockRow, 'term_days' | 'extended_term_days'>): number {
  return Math.max(row.term_days, row.extended_term_days ?? 0);
}
