import type { SlaState, SlaTarget } from '@crm/contracts';
import { addBusinessMinutes, type BusinessCalendarRules } from '../business-time/index.js';
import { pausesOf, type SlaClockRow } from './sla-clock.row.js';

export interface SlaFigures {
  firstResponseWarnAt: Date | null;
  firstResponseDueAt: Date | null;
  resolutionWarnAt: Date | null;
  resolutionDueAt: Date | null;
}

type SlaInput = Pick<SlaClockRow, 'started_at' | 'resolution_started_at' | 'first_response_minutes' | 'resolution_minutes' | 'warning_percent' | 'pauses'>;

/**
 * Warning (at `warning_percent` of a target) and due instants, in business minutes of the calendar
 * from the start, not counting the pendiente pauses; null while an open pause holds them.
 */
export function slaFigures(row: SlaInput, rules: BusinessCalendarRules): SlaFigures {
  const pauses = pausesOf(row);
  const at = (from: Date, minutes: number | null, share = 1) => (minutes === null ? null : addBusinessMinutes(from, minutes * share, rules, pauses));
  const warnShare = row.warning_percent / 100;
  return {
    firstResponseWarnAt: at(row.started_at, row.first_response_minutes, warnShare),
    firstResponseDueAt: at(row.started_at, row.first_response_minutes),
    resolutionWarnAt: at(row.resolution_started_at, row.resolution_minutes, warnShare),
    resolutionDueAt: at(row.resolution_started_at, row.resolution_minutes),
  };
}

type SlaProgress = Pick<
  SlaClockRow,
  'first_responded_at' | 'resolved_at' | 'first_response_warned_at' | 'first_response_breached_at' | 'resolution_warned_at' | 'resolution_breached_at' | 'paused_since'
>;

/** The next instant a warning or breach can become due, or null. */
export function slaNextCheck(row: SlaProgress, figures: SlaFigures): Date | null {
  const candidates: number[] = [];
  const consider = (at: Date | null, alreadySent: Date | null) => {
    if (at && !alreadySent) candidates.push(at.getTime());
  };
  if (!row.first_responded_at && !row.resolved_at) {
    consider(figures.firstResponseWarnAt, row.first_response_warned_at);
    consider(figures.firstResponseDueAt, row.first_response_breached_at);
  }
  if (!row.resolved_at) {
    consider(figures.resolutionWarnAt, row.resolution_warned_at);
    consider(figures.resolutionDueAt, row.resolution_breached_at);
  }
  return candidates.length ? new Date(Math.min(...candidates)) : null;
}

/** Alerts whose moment moved into the future (targets changed) may be sent again. */
export function clearStaleSlaAlerts<T extends SlaProgress>(row: T, figures: SlaFigures, now: Date): T {
  const keep = (at: Date | null, sent: Date | null) => (sent && at && at.getTime() > now.getTime() ? null : sent);
  return {
    ...row,
    first_response_warned_at: keep(figures.firstResponseWarnAt, row.first_response_warned_at),
    first_response_breached_at: keep(figures.firstResponseDueAt, row.first_response_breached_at),
    resolution_warned_at: keep(figures.resolutionWarnAt, row.resolution_warned_at),
    resolution_breached_at: keep(figures.resolutionDueAt, row.resolution_breached_at),
  };
}

/** Which alert (if any) is due now for a target; the breach wins over the warning. */
export function dueSlaAlerts(row: SlaProgress, figures: SlaFigures, now: Date): { target: SlaTarget; kind: 'warning' | 'breach'; dueAt: Date }[] {
  const alerts: { target: SlaTarget; kind: 'warning' | 'breach'; dueAt: Date }[] = [];
  const reached = (at: Date | null) => at !== null && at.getTime() <= now.getTime();
  const check = (target: SlaTarget, open: boolean, warnAt: Date | null, dueAt: Date | null, warned: Date | null, breached: Date | null) => {
    if (!open || !dueAt) return;
    if (!breached && reached(dueAt)) alerts.push({ target, kind: 'breach', dueAt });
    else if (!warned && !breached && reached(warnAt)) alerts.push({ target, kind: 'warning', dueAt });
  };
  check('first_response', !row.first_responded_at && !row.resolved_at, figures.firstResponseWarnAt, figures.firstResponseDueAt, row.first_response_warned_at, row.first_response_breached_at);
  check('resolution', !row.resolved_at, figures.resolutionWarnAt, figures.resolutionDueAt, row.resolution_warned_at, row.resolution_breached_at);
  return alerts;
}

export function slaStateOf(row: SlaProgress & Pick<SlaClockRow, 'first_response_minutes' | 'resolution_minutes'>, figures: SlaFigures, now: Date): SlaState | null {
  if (row.first_response_minutes === null && row.resolution_minutes === null) return null;
  const late = (done: Date | null, due: Date | null) => due !== null && (done ?? now).getTime() > due.getTime();
  const breached =
    row.first_response_breached_at !== null ||
    row.resolution_breached_at !== null ||
    (!row.resolved_at && late(row.first_responded_at, figures.firstResponseDueAt)) ||
    late(row.resolved_at, figures.resolutionDueAt);
  if (row.resolved_at) return breached ? 'breached' : 'met';
  if (breached) return 'breached';
  if (row.paused_since) return 'paused';
  const reached = (at: Date | null) => at !== null && at.getTime() <= now.getTime();
  const frOpen = !row.first_responded_at;
  if ((frOpen && reached(figures.firstResponseWarnAt)) || reached(figures.resolutionWarnAt)) return 'warning';
  return 'on_track';
}
