import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { toPage, type Page } from '@crm/common';

/**
 * The SQL that reads a timestamptz column back exactly, to the microsecond, as an ISO-8601 UTC
 * string for a keyset cursor. `Date#toISOString` keeps milliseconds only: a cursor made from it
 * sorts before rows that share the millisecond, so the next page repeats (or skips) them.
 */
export function keysetTimeKey(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/**
 * One keyset page of a query ordered by (`timeColumn`, id): fetches limit+1 rows and builds the
 * next cursor from the exact stored time (decode it with `['time', 'uuid']`). The builder must
 * select one entity without joins that multiply rows.
 */
export async function timeKeysetPage<Entity extends ObjectLiteral & { id: string }, View>(
  builder: SelectQueryBuilder<Entity>,
  limit: number,
  timeColumn: string,
  map: (entity: Entity) => View,
): Promise<Page<View>> {
  const { entities, raw } = await builder
    .addSelect(keysetTimeKey(timeColumn), 'keyset_time')
    .limit(limit + 1)
    .getRawAndEntities<{ keyset_time: string }>();
  const rows = entities.map((entity, index) => ({ entity, time: raw[index].keyset_time }));
  return toPage(
    rows,
    limit,
    (row) => [row.time, row.entity.id],
    (row) => map(row.entity),
  );
}
