import { minutesOf, type BusinessCalendarRules } from './calendar-rules.js';
import { classifyDay } from './business-day.js';
import { addDays, type LocalDate } from './local-date.js';
import { localDateOf, zonedInstant } from './time-zone.js';

/** A span the SLA does not count (the ticket was `pendiente`); `to` null while it lasts. */
export interface Pause {
  from: Date;
  to: Date | null;
}

const MS_PER_MINUTE = 60_000;
/** Guard against a calendar with no opening hours at all (ten years of closed days). */
const MAX_SCAN_DAYS = 3660;

interface Span {
  from: number;
  to: number;
}

/** The opening hours of `date` as a UTC span, or null when closed (weekend without hours, holiday…). */
function openingSpan(date: LocalDate, calendar: BusinessCalendarRules): Span | null {
  const hours = classifyDay(date, calendar).hours;
  if (!hours) return null;
  const from = zonedInstant(date, minutesOf(hours.start), calendar.timeZone).getTime();
  const to = zonedInstant(date, minutesOf(hours.end), calendar.timeZone).getTime();
  return to > from ? { from, to } : null;
}

/** `span` minus every pause, as ordered sub-spans. */
function withoutPauses(span: Span, pauses: readonly Pause[]): Span[] {
  let pieces: Span[] = [span];
  for (const pause of pauses) {
    const pauseFrom = pause.from.getTime();
    const pauseTo = pause.to ? pause.to.getTime() : Number.POSITIVE_INFINITY;
    pieces = pieces.flatMap((piece) => {
      if (pauseTo <= piece.from || pauseFrom >= piece.to) return [piece];
      const kept: Span[] = [];
      if (pauseFrom > piece.from) kept.push({ from: piece.from, to: pauseFrom });
      if (pauseTo < piece.to) kept.push({ from: pauseTo, to: piece.to });
      return kept;
    });
  }
  return pieces;
}

/** Business minutes (opening hours, outside pauses) between two instants; 0 when `to` ≤ `from`. */
export function businessMinutesBetween(from: Date, to: Date, calendar: BusinessCalendarRules, pauses: readonly Pause[] = []): number {
  if (to.getTime() <= from.getTime()) return 0;
  const lastDay = localDateOf(to, calendar.timeZone);
  let total = 0;
  for (let day = localDateOf(from, calendar.timeZone); day <= lastDay; day = addDays(day, 1)) {
    const opening = openingSpan(day, calendar);
    if (!opening) continue;
    const clipped = { from: Math.max(opening.from, from.getTime()), to: Math.min(opening.to, to.getTime()) };
    if (clipped.to <= clipped.from) continue;
    for (const piece of withoutPauses(clipped, pauses)) total += piece.to - piece.from;
  }
  return total / MS_PER_MINUTE;
}

/**
 * The instant at which `minutes` business minutes have passed since `from` (pauses not counted),
 * or null when an open pause holds the clock before they are reached.
 */
export function addBusinessMinutes(from: Date, minutes: number, calendar: BusinessCalendarRules, pauses: readonly Pause[] = []): Date | null {
  if (!(minutes >= 0)) throw new RangeError(`minutes must be ≥ 0 (got ${minutes})`);
  if (minutes === 0) return new Date(from);
  let remaining = minutes * MS_PER_MINUTE;
  const openPause = pauses.find((pause) => pause.to === null);
  let day = localDateOf(from, calendar.timeZone);
  for (let scanned = 0; scanned <= MAX_SCAN_DAYS; scanned += 1, day = addDays(day, 1)) {
    const opening = openingSpan(day, calendar);
    if (!opening || opening.to <= from.getTime()) continue;
    const clipped = { from: Math.max(opening.from, from.getTime()), to: opening.to };
    for (const piece of withoutPauses(clipped, pauses)) {
      const length = piece.to - piece.from;
      if (remaining <= length) return new Date(piece.from + remaining);
      remaining -= length;
    }
    if (openPause && openPause.from.getTime() <= opening.to) return null;
  }
  throw new RangeError('the calendar has no opening hours in ten years');
}
