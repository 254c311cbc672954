import { isColombianHoliday } from './colombian-holidays.js';

/**
 * Business minutes between two instants under the default business calendar of the platform:
 * Monday to Friday, 08:00–17:00 in `timeZone`, Colombian national holidays closed (config/colombian-holidays.ts; the same
 * default the tickets service gives a tenant that has not edited its calendar). Used for ticket
 * first-response and resolution times.
 */
export const BUSINESS_OPEN_MINUTE = 8 * 60;
export const BUSINESS_CLOSE_MINUTE = 17 * 60;

export function businessMinutesBetween(start: Date, end: Date, timeZone: string): number {
  if (!(end > start)) return 0;
  let total = 0;
  let day = localDate(start, timeZone);
  const lastDay = localDate(end, timeZone);
  for (let guard = 0; day <= lastDay && guard < 3700; guard++, day = nextDay(day)) {
    if (!isBusinessDay(day)) continue;
    const open = zonedInstant(day, BUSINESS_OPEN_MINUTE, timeZone).getTime();
    const close = zonedInstant(day, BUSINESS_CLOSE_MINUTE, timeZone).getTime();
    const from = Math.max(open, start.getTime());
    const to = Math.min(close, end.getTime());
    if (to > from) total += (to - from) / 60_000;
  }
  return Math.round(total);
}

export function isBusinessDay(day: string): boolean {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isColombianHoliday(day);
}

/** `YYYY-MM-DD` of an instant in a zone. */
export function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The instant at `minute` minutes after local midnight of `day` in `timeZone`. */
export function zonedInstant(day: string, minute: number, timeZone: string): Date {
  const guess = Date.parse(`${day}T00:00:00Z`) + minute * 60_000;
  const offset = offsetMs(new Date(guess), timeZone);
  const first = guess - offset;
  // A DST change between the guess and the answer: correct once with the offset at the answer.
  return new Date(guess - offsetMs(new Date(first), timeZone));
}

function offsetMs(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}
