import type { CloudEvent } from '@crm/contracts';

/** A read-model row as stored: column name → value (instants as ISO strings, money as decimal strings). */
export type Row = Record<string, unknown>;

/** Any event reporting reads (the data is checked against its contract before it gets here). */
export type AnyEvent = CloudEvent<Record<string, unknown>>;

/**
 * One row per entity (an opportunity, a ticket…), changed by events through `apply`. `apply` must
 * be idempotent and order-tolerant (versions, min/max of instants, flags that only turn on): the
 * same event applied twice, or a replay over live rows, leaves the row as it was. It returns the
 * same object when nothing changed.
 */
export interface StateProjection {
  table: string;
  keyColumn: string;
  keyType: 'uuid' | 'text';
  /** Event types this projection reads. */
  types: readonly string[];
  /** The entity the event is about, or null when this event does not concern the projection. */
  keyOf(event: AnyEvent): string | null;
  blank(tenantId: string, key: string): Row;
  apply(row: Row, event: AnyEvent): Row;
  /** Cube cells the row counts in (see cube.ts); the runner moves them by the row's change. */
  cells?(row: Row): import('./cube.js').CubeEntry[];
}

/** Rows appended (or replaced) per event, keyed so a repeated event writes nothing new. */
export interface RowProjection {
  table: string;
  /** Primary key columns (the ON CONFLICT target). */
  conflict: readonly string[];
  /** 'ignore': first write wins (append-only facts); 'replace': last write wins (ERP snapshots). */
  mode: 'ignore' | 'replace';
  types: readonly string[];
  rowsOf(event: AnyEvent): Row[];
}

/** ISO instant or null; tolerates Date objects and bad input. */
export function iso(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The earlier of two instants (nulls ignored). */
export function earliest(a: unknown, b: unknown): string | null {
  const x = iso(a);
  const y = iso(b);
  if (!x) return y;
  if (!y) return x;
  return x <= y ? x : y;
}

export function isLater(candidate: unknown, than: unknown): boolean {
  const x = iso(candidate);
  const y = iso(than);
  return x !== null && (y === null || x > y);
}

/** Copies `patch` onto `row`; the same object when no value differs (so callers see "unchanged"). */
export function patched(row: Row, patch: Row): Row {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (!sameValue(row[key], value)) return { ...row, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
  }
  return row;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  // numeric columns come back as "100.0000"; instants as Date → ISO
  if (typeof a === 'string' && typeof b === 'string' && /^-?\d+(\.\d+)?$/.test(a) && /^-?\d+(\.\d+)?$/.test(b)) return Number(a) === Number(b);
  return String(a) === String(b);
}

/** A tax id compared the way the ERP contract says: no punctuation or spaces, upper-cased. */
export function normaliseTaxId(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const cleaned = value.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
  return cleaned.length > 0 ? cleaned : null;
}

export function str(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

export function int(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : null;
}
