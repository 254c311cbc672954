import type { Pause } from '../business-time/index.js';

export interface StoredPause {
  from: string;
  to: string | null;
}

/** A row of tickets.ticket_sla_clock as read by SLA_CLOCK_COLUMNS. */
export interface SlaClockRow {
  ticket_id: string;
  tenant_id: string;
  policy_id: string | null;
  calendar_id: string;
  started_at: Date;
  first_response_minutes: number | null;
  resolution_minutes: number | null;
  warning_percent: number;
  raise_priority_on_breach: boolean;
  pauses: StoredPause[];
  paused_since: Date | null;
  first_responded_at: Date | null;
  first_response_warn_at: Date | null;
  first_response_due_at: Date | null;
  first_response_warned_at: Date | null;
  first_response_breached_at: Date | null;
  resolution_started_at: Date;
  resolved_at: Date | null;
  resolution_warn_at: Date | null;
  resolution_due_at: Date | null;
  resolution_warned_at: Date | null;
  resolution_breached_at: Date | null;
  next_check_at: Date | null;
  recompute: boolean;
}

export const SLA_CLOCK_COLUMNS = `sc.ticket_id, sc.tenant_id, sc.policy_id, sc.calendar_id, sc.started_at, sc.first_response_minutes, sc.resolution_minutes,
  sc.warning_percent, sc.raise_priority_on_breach, sc.pauses, sc.paused_since, sc.first_responded_at, sc.first_response_warn_at,
  sc.first_response_due_at, sc.first_response_warned_at, sc.first_response_breached_at, sc.resolution_started_at, sc.resolved_at,
  sc.resolution_warn_at, sc.resolution_due_at, sc.resolution_warned_at, sc.resolution_breached_at, sc.next_check_at, sc.recompute`;

export function pausesOf(row: Pick<SlaClockRow, 'pauses'>): Pause[] {
  return row.pauses.map((p) => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : null }));
}
