import { addDays, type LocalDate } from './local-date.js';

/**
 * Time-zone arithmetic through `Intl.DateTimeFormat` only (no library): the offset of a zone at
 * an instant is read from the formatted wall clock, so any IANA zone works, daylight saving
 * included.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the runtime knows the IANA zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * Wall clocks already read, per zone and whole second (the formatter's precision): a ticket's
 * clocks ask for the same instants (its reception, now) many times, and formatToParts is the
 * costly part. Bounded; a zone's offset never changes within a second.
 */
const wallClocks = new Map<string, Map<number, Readonly<WallClock>>>();
const WALL_CLOCKS_PER_ZONE = 2_000;

function wallClock(instant: Date, timeZone: string): Readonly<WallClock> {
  const second = Math.floor(instant.getTime() / 1000);
  let known = wallClocks.get(timeZone);
  const hit = known?.get(second);
  if (hit) return hit;
  const wall = readWallClock(instant, timeZone);
  if (!known) wallClocks.set(timeZone, (known = new Map()));
  if (known.size >= WALL_CLOCKS_PER_ZONE) known.clear();
  known.set(second, wall);
  return wall;
}

function readWallClock(instant: Date, timeZone: string): Readonly<WallClock> {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour % 24, minute: parts.minute, second: parts.second };
}

/** The zone's offset from UTC at `instant`, in ms (Bogotá: -5 h). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const wall = wallClock(instant, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const wholeSeconds = instant.getTime() - (((instant.getTime() % 1000) + 1000) % 1000);
  return asUtc - wholeSeconds;
}

/** The calendar date of `instant` on the wall clocks of `timeZone`. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const wall = wallClock(instant, timeZone);
  return `${String(wall.year).padStart(4, '0')}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
}

/** Minutes since local midnight of `instant` in `timeZone` (fractional, ms precision). */
export function localMinuteOfDay(instant: Date, timeZone: string): number {
  const local = instant.getTime() + zoneOffsetMs(instant, timeZone);
  return (((local % 86_400_000) + 86_400_000) % 86_400_000) / 60_000;
}

/**
 * The UTC instant at which the wall clock of `timeZone` shows `date` plus `minuteOfDay` minutes.
 * Two passes settle the offset across a daylight-saving change; a wall time that does not exist
 * (spring forward) lands just after the gap, as clocks do.
 */
export function zonedInstant(date: LocalDate, minuteOfDay: number, timeZone: string): Date {
  // Opening and closing times repeat for every ticket of a calendar: remember them (bounded).
  const key = `${timeZone}|${date}|${minuteOfDay}`;
  const known = zonedInstants.get(key);
  if (known !== undefined) return new Date(known);
  const instant = computeZonedInstant(date, minuteOfDay, timeZone);
  if (zonedInstants.size >= 50_000) zonedInstants.clear();
  zonedInstants.set(key, instant.getTime());
  return instant;
}

const zonedInstants = new Map<string, number>();

function computeZonedInstant(date: LocalDate, minuteOfDay: number, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  const wallAsUtc = Date.UTC(year, month - 1, day) + Math.round(minuteOfDay * 60_000);
  let guess = wallAsUtc - zoneOffsetMs(new Date(wallAsUtc), timeZone);
  const corrected = wallAsUtc - zoneOffsetMs(new Date(guess), timeZone);
  if (corrected !== guess) guess = Math.max(guess, corrected);
  return new Date(guess);
}

/** The first instant of `date` in the zone. */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  return zonedInstant(date, 0, timeZone);
}

/** The last millisecond of `date` in the zone (23:59:59.999 on its wall clock). */
export function endOfLocalDay(date: LocalDate, timeZone: string): Date {
  return new Date(startOfLocalDay(addDays(date, 1), timeZone).getTime() - 1);
}
