import { addDays, classifyDay, endOfLocalDay, localDateOf, toDayNumber, type BusinessCalendarRules, type LocalDate, type NonBusinessReason } from '@crm/business-calendar';

/**
 * A suspension of the legal term (art. 17 Ley 1755 de 2015: the petition is incomplete and the
 * petitioner is asked to complete it). `from` is when the request went out, `to` when the
 * petitioner answered or staff resumed (null while it lasts).
 *
 * Which days it removes from the count, in the tenant's zone: the days strictly after the day of
 * the request up to and including the day of the answer. The day of the request has already run
 * for the entity (so it counts if it is a business day), and art. 17 reactivates the term "a
 * partir del día siguiente en que el interesado aporte los documentos", so the day of the answer
 * does not count and the count continues the next business day.
 */
export interface Suspension {
  from: Date;
  to: Date | null;
}

export type SkipReason = NonBusinessReason | 'suspended';

export interface SkippedDay {
  date: LocalDate;
  reason: SkipReason;
  name?: { es: string; en: string };
}

export interface LegalSchedule {
  /** Local day of receipt; the count starts on the next business day. */
  receivedOn: LocalDate;
  /** The business days that counted, in order (all N of them unless an open suspension holds the count). */
  countedDays: LocalDate[];
  /** Days between the receipt and the due day that did not count, and why. */
  skippedDays: SkippedDay[];
  /** Day N, or null while an open suspension holds the count. */
  dueDate: LocalDate | null;
  /** End of day N in the tenant's zone (23:59:59.999 local) as a UTC instant, or null. */
  dueAt: Date | null;
}

/** Guard against a calendar with no business day at all (ten years of closed days). */
const MAX_SCAN_DAYS = 3660;

interface SuspendedSpan {
  after: number;
  through: number;
}

function suspendedSpans(suspensions: readonly Suspension[], timeZone: string): SuspendedSpan[] {
  return suspensions.map((suspension) => ({
    after: toDayNumber(localDateOf(suspension.from, timeZone)),
    through: suspension.to ? toDayNumber(localDateOf(suspension.to, timeZone)) : Number.POSITIVE_INFINITY,
  }));
}

function isSuspended(dayNumber: number, spans: readonly SuspendedSpan[]): boolean {
  return spans.some((span) => dayNumber > span.after && dayNumber <= span.through);
}

/** Counts `termDays` business days after the local day `receivedOn`. */
export function scheduleFromDate(receivedOn: LocalDate, termDays: number, calendar: BusinessCalendarRules, suspensions: readonly Suspension[] = []): LegalSchedule {
  if (!Number.isInteger(termDays) || termDays < 1) throw new RangeError(`termDays must be a positive integer (got ${termDays})`);
  const spans = suspendedSpans(suspensions, calendar.timeZone);
  const openFrom = spans.filter((span) => span.through === Number.POSITIVE_INFINITY).map((span) => span.after);
  const countedDays: LocalDate[] = [];
  const skippedDays: SkippedDay[] = [];
  let day = receivedOn;
  for (let scanned = 0; countedDays.length < termDays; scanned += 1) {
    if (scanned > MAX_SCAN_DAYS) throw new RangeError('the calendar has no business day in ten years');
    day = addDays(day, 1);
    const dayNumber = toDayNumber(day);
    // An open suspension stops the count for good: the due date is unknown until it is answered.
    if (openFrom.some((after) => dayNumber > after)) return { receivedOn, countedDays, skippedDays, dueDate: null, dueAt: null };
    const kind = classifyDay(day, calendar);
    if (!kind.legalBusinessDay) {
      skippedDays.push({ date: day, reason: kind.reason ?? 'weekend', ...(kind.name ? { name: kind.name } : {}) });
    } else if (isSuspended(dayNumber, spans)) {
      skippedDays.push({ date: day, reason: 'suspended' });
    } else {
      countedDays.push(day);
    }
  }
  return { receivedOn, countedDays, skippedDays, dueDate: day, dueAt: endOfLocalDay(day, calendar.timeZone) };
}

/** The legal schedule of a petition received at the instant `receivedAt`. */
export function legalSchedule(receivedAt: Date, termDays: number, calendar: BusinessCalendarRules, suspensions: readonly Suspension[] = []): LegalSchedule {
  return scheduleFromDate(localDateOf(receivedAt, calendar.timeZone), termDays, calendar, suspensions);
}

/**
 * When a petition received at `receivedAt` must be answered: the end (23:59:59.999 local) of the
 * `termDays`-th business day after the day of receipt, or null while an open suspension holds it.
 */
export function legalDueAt(receivedAt: Date, termDays: number, calendar: BusinessCalendarRules, suspensions: readonly Suspension[] = []): Date | null {
  return legalSchedule(receivedAt, termDays, calendar, suspensions).dueAt;
}

/**
 * Business days left at `now` before the due day: the business days after today up to and
 * including the due day (0 on the due day itself). Once past the due instant it is negative: minus
 * the business days elapsed after the due day (at least -1).
 */
export function businessDaysLeft(now: Date, dueDate: LocalDate, dueAt: Date, calendar: BusinessCalendarRules, suspensions: readonly Suspension[] = []): number {
  const today = localDateOf(now, calendar.timeZone);
  const spans = suspendedSpans(suspensions, calendar.timeZone);
  const countBetween = (afterDay: LocalDate, throughDay: LocalDate): number => {
    let count = 0;
    for (let day = addDays(afterDay, 1), scanned = 0; toDayNumber(day) <= toDayNumber(throughDay) && scanned <= MAX_SCAN_DAYS; day = addDays(day, 1), scanned += 1) {
      if (classifyDay(day, calendar).legalBusinessDay && !isSuspended(toDayNumber(day), spans)) count += 1;
    }
    return count;
  };
  if (now.getTime() <= dueAt.getTime()) return countBetween(today, dueDate);
  return -Math.max(1, countBetween(dueDate, today));
}
