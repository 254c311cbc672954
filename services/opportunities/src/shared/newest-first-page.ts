import type { EntityManager } from 'typeorm';
import { decodeKeysetCursor, toPage, type Page } from '@crm/common';
import { keysetTimeKey } from '@crm/database';

export interface NewestFirstQuery {
  /** Table, e.g. `opportunities.opportunity_note`. */
  table: string;
  /** Conditions with $1…$n placeholders, e.g. `tenant_id = $1 AND opportunity_id = $2`. */
  where: string;
  params: unknown[];
  limit: number;
  cursor?: string;
}

/**
 * One keyset page of a table's rows, newest first by (created_at, id): fetches limit+1 rows and
 * builds the next cursor from the exact stored time (microseconds, see keysetTimeKey). A forged
 * or malformed cursor is a 400 naming `cursor` (decodeKeysetCursor), never a SQL error.
 */
export async function newestFirstPage<Row extends { id: string }, View>(em: EntityManager, query: NewestFirstQuery, map: (row: Row) => View): Promise<Page<View>> {
  const after = decodeKeysetCursor(query.cursor, ['time', 'uuid']);
  const params = [...query.params];
  let where = query.where;
  if (after) {
    params.push(after[0], after[1]);
    where += ` AND (created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
  }
  params.push(query.limit + 1);
  const rows = (await em.query(
    `SELECT *, ${keysetTimeKey('created_at')} AS keyset_time FROM ${query.table} WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
    params,
  )) as (Row & {
    keyset_time: string;
  })[];
  return toPage(rows, query.limit, (row) => [row.keyset_time, row.id], map);
}
