/**
 * Colombian national holidays (Ley 51 de 1983, "Ley Emiliani"): fixed dates, dates moved to the
 * following Monday, and the Easter-based ones. Written here rather than taken from the
 * `colombian-holidays` package, whose CommonJS build cannot load its ESM dependency under Jest.
 */
const FIXED = ['01-01', '05-01', '07-20', '08-07', '12-08', '12-25'];
/** Moved to the next Monday when they do not fall on one. */
const MOVABLE = ['01-06', '03-19', '06-29', '08-15', '10-12', '11-01', '11-11'];
/** Days after Easter Sunday: Holy Thursday, Good Friday, then Ascension, Corpus Christi, Sacred Heart (already Mondays). */
const EASTER_OFFSETS = [-3, -2, 43, 64, 71];

const cache = new Map<number, Set<string>>();

function easterSunday(year: number): Date {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

const iso = (date: Date): string => date.toISOString().slice(0, 10);
const plusDays = (date: Date, days: number): Date => new Date(date.getTime() + days * 86_400_000);

function holidaysOf(year: number): Set<string> {
  let set = cache.get(year);
  if (set) return set;
  set = new Set(FIXED.map((md) => `${year}-${md}`));
  for (const md of MOVABLE) {
    const date = new Date(`${year}-${md}T00:00:00Z`);
    set.add(iso(plusDays(date, (8 - date.getUTCDay()) % 7)));
  }
  const easter = easterSunday(year);
  for (const offset of EASTER_OFFSETS) set.add(iso(plusDays(easter, offset)));
  cache.set(year, set);
  return set;
}

/** Is `day` (`YYYY-MM-DD`) a Colombian national holiday? */
export function isColombianHoliday(day: string): boolean {
  return holidaysOf(Number(day.slice(0, 4))).has(day);
}
