/**
 * A civil date (`YYYY-MM-DD`) with no time and no zone: the unit the law counts in. Arithmetic
 * goes through a day number (days since 1970-01-01 on the proleptic Gregorian calendar), which
 * never meets a daylight-saving hour.
 */
export type LocalDate = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True for a real calendar date in `YYYY-MM-DD` form (2026-02-30 is not one). */
export function isLocalDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/**
 * Both conversions remembered: every ticket's clocks walk the same few weeks of days (a legal term
 * of 15-30 business days, SLA hours), day by day, and parsing or formatting each date anew was a
 * visible part of a ticket creation's CPU. Bounded: started over past this many days.
 */
const MAX_REMEMBERED_DAYS = 20_000;
const dayNumbers = new Map<LocalDate, number>();
const localDates = new Map<number, LocalDate>();

export function toDayNumber(date: LocalDate): number {
  const known = dayNumbers.get(date);
  if (known !== undefined) return known;
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const dayNumber = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY;
  if (dayNumbers.size >= MAX_REMEMBERED_DAYS) dayNumbers.clear();
  dayNumbers.set(date, dayNumber);
  return dayNumber;
}

export function fromDayNumber(dayNumber: number): LocalDate {
  const known = localDates.get(dayNumber);
  if (known !== undefined) return known;
  const date = new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
  if (localDates.size >= MAX_REMEMBERED_DAYS) localDates.clear();
  localDates.set(dayNumber, date);
  return date;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  // 1970-01-01 (day 0) was a Thursday (ISO 4).
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

export function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}
