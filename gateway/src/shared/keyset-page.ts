import { decodeKeysetCursor, toPage, type Page } from '@crm/common';
import { keysetTimeKey } from '@crm/database';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

export interface KeysetOptions {
  /** Query alias; the row's `id` column breaks ties. */
  alias: string;
  /** SQL expression sorted on, e.g. `u.created_at` or `lower(u.name)`. */
  sortExpr: string;
  /** Postgres type of the sort expression. */
  sortType: 'timestamptz' | 'text';
  direction: 'ASC' | 'DESC';
  limit: number;
  cursor?: string;
}

/**
 * Runs a keyset-paginated query: (sort, id) after the cursor, limit + 1 rows, never OFFSET or
 * count(*). The cursor is checked value by value (a forged one is a 400), and its sort value is
 * read back from Postgres itself (microsecond times, `lower()` as Postgres computes it), so the
 * next page starts exactly after the last row: nothing repeats, nothing is skipped.
 */
export async function keysetPage<Row extends ObjectLiteral & { id: string }, Item>(
  qb: SelectQueryBuilder<Row>,
  options: KeysetOptions,
  map: (rows: Row[]) => Item[] | Promise<Item[]>,
): Promise<Page<Item>> {
  const after = decodeKeysetCursor(options.cursor, [options.sortType === 'timestamptz' ? 'time' : 'text', 'uuid']);
  if (after) {
    const op = options.direction === 'ASC' ? '>' : '<';
    qb.andWhere(`(${options.sortExpr}, ${options.alias}.id) ${op} (CAST(:ksSort AS ${options.sortType}), CAST(:ksId AS uuid))`, { ksSort: after[0], ksId: after[1] });
  }
  const sortKey = options.sortType === 'timestamptz' ? keysetTimeKey(options.sortExpr) : options.sortExpr;
  qb.addSelect(sortKey, 'ks_sort')
    .orderBy(options.sortExpr, options.direction)
    .addOrderBy(`${options.alias}.id`, options.direction)
    .limit(options.limit + 1);
  const { entities, raw } = await qb.getRawAndEntities<{ ks_sort: string }>();
  const rows = entities.map((entity, index) => ({ entity, sort: raw[index]!.ks_sort }));
  const page = toPage(
    rows,
    options.limit,
    (row) => [row.sort, row.entity.id],
    (row) => row.entity,
  );
  return { items: await map(page.items), nextCursor: page.nextCursor };
}
