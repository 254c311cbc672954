import type { BusinessCalendarRules, DayHours, NonWorkingDay } from '../business-time/index.js';
import type { BusinessCalendar } from './business-calendar.entity.js';

export interface WorkingHoursView {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  start: string;
  end: string;
}

export interface BusinessCalendarView {
  id: string;
  name: string;
  timeZone: string;
  workingHours: WorkingHoursView[];
  colombianHolidays: boolean;
  extraNonWorkingDays: NonWorkingDay[];
  isDefault: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function workingHoursOf(calendar: Pick<BusinessCalendar, 'weeklyHours'>): WorkingHoursView[] {
  const rows: WorkingHoursView[] = [];
  for (let weekday = 1; weekday <= 7; weekday += 1) {
    const hours = calendar.weeklyHours[weekday as keyof typeof calendar.weeklyHours] as DayHours | null | undefined;
    if (hours) rows.push({ weekday, start: hours.start, end: hours.end });
  }
  return rows;
}

export function toBusinessCalendarView(calendar: BusinessCalendar): BusinessCalendarView {
  return {
    id: calendar.id,
    name: calendar.name,
    timeZone: calendar.timeZone,
    workingHours: workingHoursOf(calendar),
    colombianHolidays: calendar.colombianHolidays,
    extraNonWorkingDays: [...calendar.extraNonWorkingDays].sort((a, b) => a.date.localeCompare(b.date)),
    isDefault: calendar.isDefault,
    version: calendar.version,
    createdAt: calendar.createdAt.toISOString(),
    updatedAt: calendar.updatedAt.toISOString(),
  };
}

export function rulesOf(calendar: Pick<BusinessCalendar, 'timeZone' | 'weeklyHours' | 'colombianHolidays' | 'extraNonWorkingDays'>): BusinessCalendarRules {
  return {
    timeZone: calendar.timeZone,
    weeklyHours: calendar.weeklyHours,
    colombianHolidays: calendar.colombianHolidays,
    extraNonWorkingDays: calendar.extraNonWorkingDays,
  };
}
