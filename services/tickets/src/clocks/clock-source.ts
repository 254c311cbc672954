/** Where the clocks read "now" from. */
export abstract class ClockSource {
  abstract now(): Date;
  /** An instant read from the system clock by a caller (tickets-core's `at`), on this clock's timeline. */
  abstract fromSystem(instant: Date): Date;
}

/**
 * The system clock, or — for end-to-end tests only — a clock that starts at `TICKETS_CLOCK_TEST_NOW`
 * when the process starts and then runs at normal speed, so a test can stand on a hand-counted day
 * of the official calendar (e.g. the day before a due date) and still see time pass. Refused when
 * NODE_ENV is production.
 */
export function clockSourceFromEnv(env: NodeJS.ProcessEnv = process.env): ClockSource {
  const start = env.TICKETS_CLOCK_TEST_NOW?.trim();
  if (!start) return { now: () => new Date(), fromSystem: (instant) => instant };
  if (env.NODE_ENV === 'production') throw new Error('TICKETS_CLOCK_TEST_NOW is for tests only and cannot be set when NODE_ENV=production');
  const startsAt = Date.parse(start);
  if (Number.isNaN(startsAt)) throw new Error(`TICKETS_CLOCK_TEST_NOW must be an ISO instant (got "${start}")`);
  const offset = startsAt - Date.now();
  return { now: () => new Date(Date.now() + offset), fromSystem: (instant) => new Date(instant.getTime() + offset) };
}
