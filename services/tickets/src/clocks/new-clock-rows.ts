/** The rows a new ticket's clocks start from (before their due instants are computed). */
import type { CalendarRef } from '../calendars/business-calendars.service.js';
import { policyIn, type CachedSlaPolicy, type TenantClockSettings } from '../tenant-settings/tenant-clock-settings.cache.js';
import type { ClockTicket } from './clock-types.js';
import type { LegalClockRow } from './legal-clock.row.js';
import type { SlaClockRow } from './sla-clock.row.js';

/** What a new ticket's clocks start from. */
export interface ClockSetup {
  calendar: CalendarRef;
  termDays: number;
  policy: Pick<CachedSlaPolicy, 'id' | 'firstResponseMinutes' | 'resolutionMinutes' | 'warningPercent' | 'raisePriorityOnBreach'> | null;
  slaCalendar: CalendarRef;
}

export function fromSettings(settings: TenantClockSettings, t: ClockTicket): ClockSetup {
  const calendar = { id: settings.defaultCalendarId, rules: settings.calendars.get(settings.defaultCalendarId)! };
  const policy = policyIn(settings, t.priority, t.categoryId);
  const slaRules = policy?.calendarId ? settings.calendars.get(policy.calendarId) : undefined;
  return { calendar, termDays: settings.terms.get(t.pqrClass)!, policy, slaCalendar: slaRules ? { id: policy!.calendarId!, rules: slaRules } : calendar };
}

export function emptyLegal(t: ClockTicket, calendarId: string, termDays: number): LegalClockRow {
  return {
    ticket_id: t.id,
    tenant_id: t.tenantId,
    calendar_id: calendarId,
    pqr_class: t.pqrClass,
    term_days: termDays,
    extended_term_days: null,
    received_at: t.receivedAt,
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
}

export function emptySla(t: ClockTicket, calendarId: string): SlaClockRow {
  return {
    ticket_id: t.id,
    tenant_id: t.tenantId,
    policy_id: null,
    calendar_id: calendarId,
    started_at: t.receivedAt,
    first_response_minutes: null,
    resolution_minutes: null,
    warning_percent: 75,
    raise_priority_on_breach: false,
    pauses: [],
    paused_since: null,
    first_responded_at: null,
    first_response_warn_at: null,
    first_response_due_at: null,
    first_response_warned_at: null,
    first_response_breached_at: null,
    resolution_started_at: t.receivedAt,
    resolved_at: null,
    resolution_warn_at: null,
    resolution_due_at: null,
    resolution_warned_at: null,
    resolution_breached_at: null,
    next_check_at: null,
    recompute: false,
  };
}
