import { ProblemException } from '../errors/problem.exception.js';
import { isUuid } from '../validation/is-uuid.js';

/**
 * Keyset cursors: the sort-key values of the last row, opaque to clients (base64url JSON).
 * A malformed cursor is a 400, not a full scan.
 */
export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, expectedLength: number): unknown[] | undefined {
  if (!cursor) return undefined;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === expectedLength) return values;
  } catch {
    // fall through to the 400 below
  }
  throw new ProblemException(400, 'El cursor de paginación no es válido.', { errors: [{ field: 'cursor', message: 'cursor inválido' }] });
}

/**
 * What each value of a keyset cursor must be: an ISO-8601 UTC time (up to microseconds, as
 * Postgres stores it: write it with keysetTimeKey from @crm/database, never Date#toISOString,
 * which drops the microseconds and makes pages repeat rows), a UUID, a short key, or any text
 * up to 1000 characters, possibly empty (names, sort values).
 */
export type CursorPart = 'time' | 'uuid' | 'key' | 'text';

const CURSOR_CHECKS: Record<CursorPart, (value: unknown) => boolean> = {
  time: (value) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(value) && !Number.isNaN(Date.parse(value)),
  uuid: isUuid,
  // Postgres text cannot hold NUL: a cursor with one would fail in SQL (500) instead of here.
  key: (value) => typeof value === 'string' && value.length > 0 && value.length <= 200 && !value.includes('\u0000'),
  text: (value) => typeof value === 'string' && value.length <= 1000 && !value.includes('\u0000'),
};

export function badCursorProblem(): ProblemException {
  return new ProblemException(400, 'El cursor de paginación no es válido.', { errors: [{ field: 'cursor', message: 'cursor inválido' }] });
}

/**
 * Decodes a cursor and checks every value against its declared kind, so a forged cursor is a
 * 400 here and never reaches SQL as a bad timestamp or uuid (which would be a 500).
 */
export function decodeKeysetCursor(cursor: string | undefined, parts: readonly CursorPart[]): string[] | undefined {
  const values = decodeCursor(cursor, parts.length);
  if (!values) return undefined;
  if (values.every((value, index) => CURSOR_CHECKS[parts[index]](value))) return values as string[];
  throw badCursorProblem();
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

/** Fetch limit+1 rows, return limit, and the cursor of the last returned row when there are more. */
export function toPage<Row, Item>(rows: Row[], limit: number, keyOf: (row: Row) => unknown[], map: (row: Row) => Item): Page<Item> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { items: pageRows.map(map), nextCursor: hasMore && last ? encodeCursor(keyOf(last)) : null };
}
