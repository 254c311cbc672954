/**
 * A quote's `validUntil` is a date: the quote is valid through that whole day in the tenant's
 * time zone and expires the day after at 00:00 there. Equivalently: it is still valid while
 * the tenant's local date is on or before `validUntil` (what the expiry scheduler checks in SQL
 * with `valid_until < (now() AT TIME ZONE tz)::date`).
 */
export function localDateIn(instant: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

export function isPastValidity(validUntil: string, now: Date, timeZone: string): boolean {
  return validUntil < localDateIn(now, timeZone);
}
