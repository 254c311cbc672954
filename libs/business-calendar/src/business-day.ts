import type { BusinessCalendarRules, DayHours } from './calendar-rules.js';
import { colombianHolidayOn } from './colombian-holidays.js';
import { isoWeekday, type LocalDate } from './local-date.js';

export type NonBusinessReason = 'weekend' | 'holiday' | 'non_working_day';

export interface DayKind {
  date: LocalDate;
  /** A día hábil for legal terms. */
  legalBusinessDay: boolean;
  /** Opening hours that count for the SLA that day, or null when closed. */
  hours: DayHours | null;
  reason?: NonBusinessReason;
  /** Holiday name (es/en) or the tenant's reason. */
  name?: { es: string; en: string };
}

/** Why `date` is or is not a business day under `calendar`. */
export function classifyDay(date: LocalDate, calendar: BusinessCalendarRules): DayKind {
  const weekday = isoWeekday(date) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
  const extra = calendar.extraNonWorkingDays.find((day) => day.date === date);
  if (extra) return { date, legalBusinessDay: false, hours: null, reason: 'non_working_day', name: { es: extra.reason, en: extra.reason } };
  const holiday = calendar.colombianHolidays ? colombianHolidayOn(date) : undefined;
  if (holiday) return { date, legalBusinessDay: false, hours: null, reason: 'holiday', name: holiday.name };
  const hours = calendar.weeklyHours[weekday] ?? null;
  if (weekday >= 6) return { date, legalBusinessDay: false, hours, reason: 'weekend' };
  return { date, legalBusinessDay: true, hours };
}

export function isLegalBusinessDay(date: LocalDate, calendar: BusinessCalendarRules): boolean {
  return classifyDay(date, calendar).legalBusinessDay;
}
