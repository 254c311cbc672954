import { Problems, type Language } from '@crm/common';
import { isLocalDate, localDateOf, scheduleFromDate, type SkipReason } from '../business-time/index.js';
import type { BusinessCalendar } from './business-calendar.entity.js';
import { rulesOf } from './business-calendar.view.js';

export interface BusinessDaysAnswer {
  calendarId: string;
  timeZone: string;
  /** The local day of receipt the count starts after. */
  receivedOn: string;
  days: number;
  /** The first business day counted. */
  startsOn: string;
  dueDate: string;
  /** End of the due day in the calendar's zone (23:59:59.999 local), as UTC. */
  dueAt: string;
  countedDays: string[];
  skippedDays: { date: string; reason: SkipReason; label: string }[];
}

const REASON_LABELS: Record<SkipReason, Record<Language, string>> = {
  weekend: { es: 'Fin de semana', en: 'Weekend' },
  holiday: { es: 'Festivo', en: 'Holiday' },
  non_working_day: { es: 'Día no laborable', en: 'Non-working day' },
  suspended: { es: 'Término suspendido', en: 'Term suspended' },
};

/**
 * The date arithmetic a front end or the ERP needs: counting `days` business days after the day
 * of `from` (a `YYYY-MM-DD` local date, or an instant whose local date is taken), with every
 * skipped day and why.
 */
export function businessDaysAnswer(calendar: BusinessCalendar, from: string, days: number, language: Language): BusinessDaysAnswer {
  const rules = rulesOf(calendar);
  let receivedOn: string;
  if (isLocalDate(from)) receivedOn = from;
  else {
    const instant = /^\d{4}-\d{2}-\d{2}T/.test(from) ? new Date(from) : new Date(Number.NaN);
    if (Number.isNaN(instant.getTime())) throw Problems.invalid([{ field: 'from', message: 'Use una fecha AAAA-MM-DD o un instante ISO 8601.' }]);
    receivedOn = localDateOf(instant, rules.timeZone);
  }
  const schedule = scheduleFromDate(receivedOn, days, rules);
  return {
    calendarId: calendar.id,
    timeZone: rules.timeZone,
    receivedOn,
    days,
    startsOn: schedule.countedDays[0],
    dueDate: schedule.dueDate!,
    dueAt: schedule.dueAt!.toISOString(),
    countedDays: schedule.countedDays,
    skippedDays: schedule.skippedDays.map((day) => ({
      date: day.date,
      reason: day.reason,
      label: day.reason === 'weekend' || !day.name ? REASON_LABELS[day.reason][language] : `${REASON_LABELS[day.reason][language]}: ${day.name[language]}`,
    })),
  };
}
