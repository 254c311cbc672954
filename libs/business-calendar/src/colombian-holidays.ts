// The package's `main` is a CommonJS build that require()s the ESM-only `pascua`, which Jest's ESM
// runtime cannot load; its ESM build (`dist/index.mjs`, typed by index.d.mts) works everywhere.
import { getHolidaysForYear } from 'colombian-holidays/dist/index.mjs';
import { yearOf, type LocalDate } from './local-date.js';

export interface Holiday {
  date: LocalDate;
  name: { es: string; en: string };
}

const byYear = new Map<number, Map<LocalDate, Holiday>>();

/**
 * Colombian national holidays of a year as observed (`celebrationDate`: the Ley 51 de 1983
 * "Emiliani" holidays already moved to Monday; Easter-based ones computed by the library).
 */
export function colombianHolidaysOf(year: number): Map<LocalDate, Holiday> {
  let holidays = byYear.get(year);
  if (!holidays) {
    holidays = new Map(getHolidaysForYear(year).map((holiday) => [holiday.celebrationDate, { date: holiday.celebrationDate, name: holiday.name }]));
    byYear.set(year, holidays);
  }
  return holidays;
}

export function colombianHolidayOn(date: LocalDate): Holiday | undefined {
  return colombianHolidaysOf(yearOf(date)).get(date);
}
