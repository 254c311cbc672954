import type { LocalDate } from './local-date.js';

/** Opening hours of one weekday, local wall-clock `HH:MM` (end after start, same day). */
export interface DayHours {
  start: string;
  end: string;
}

/** ISO weekday → hours; a missing or null day is closed. */
export type WeeklyHours = Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, DayHours | null>>;

export interface NonWorkingDay {
  date: LocalDate;
  reason: string;
}

/**
 * What a tenant's business calendar says. Legal terms count días hábiles (Monday–Friday that
 * are not holidays nor tenant non-working days); the SLA counts the opening hours of `weeklyHours`
 * on the same non-holiday days (a Saturday with hours counts for the SLA, never for the law).
 */
export interface BusinessCalendarRules {
  timeZone: string;
  weeklyHours: WeeklyHours;
  colombianHolidays: boolean;
  extraNonWorkingDays: readonly NonWorkingDay[];
}

export const DEFAULT_TIME_ZONE = 'America/Bogota';

export const DEFAULT_WEEKLY_HOURS: WeeklyHours = {
  1: { start: '08:00', end: '17:00' },
  2: { start: '08:00', end: '17:00' },
  3: { start: '08:00', end: '17:00' },
  4: { start: '08:00', end: '17:00' },
  5: { start: '08:00', end: '17:00' },
  6: null,
  7: null,
};

export const DEFAULT_CALENDAR: BusinessCalendarRules = {
  timeZone: DEFAULT_TIME_ZONE,
  weeklyHours: DEFAULT_WEEKLY_HOURS,
  colombianHolidays: true,
  extraNonWorkingDays: [],
};

const HOUR_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

export function isHourOfDay(value: string): boolean {
  return HOUR_PATTERN.test(value);
}

/** `HH:MM` → minutes since midnight. */
export function minutesOf(hour: string): number {
  const [hours, minutes] = hour.split(':').map(Number);
  return hours * 60 + minutes;
}
