import { decodeCursor, toPage, type Page } from '@crm/common';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

export interface KeysetOptions<Row> {
  /** Query alias; the row's `id` column breaks ties. */
  alias: string;
  /** SQL expression sorted on, e.g. `u.created_at` or `lower(u.name)`. */
  sortExpr: string;
  /** Postgres type the cursor value is cast to. */
  sortType: 'timestamptz' | 'text';
  direction: 'ASC' | 'DESC';
  limit: number;
  cursor?: string;
  /** The value of `sortExpr` for a row (what goes into the next cursor). */
  sortValue: (row: Row) => string;
}

/** Runs a keyset-paginated query: (sort, id) > cursor, limit + 1 rows, never OFFSET or count(*). */
export async function keysetPage<Row extends ObjectLiteral & { id: string }, Item>(
  qb: SelectQueryBuilder<Row>,
  options: KeysetOptions<Row>,
  map: (rows: Row[]) => Item[] | Promise<Item[]>,
): Promise<Page<Item>> {
  const after = decodeCursor(options.cursor, 2);
  if (after) {
    const op = options.direction === 'ASC' ? '>' : '<';
    qb.andWhere(`(${options.sortExpr}, ${options.alias}.id) ${op} (CAST(:ksSort AS ${options.sortType}), CAST(:ksId AS uuid))`, {
      ksSort: String(after[0]),
      ksId: String(after[1]),
    });
  }
  qb.orderBy(options.sortExpr, options.direction).addOrderBy(`${options.alias}.id`, options.direction).limit(options.limit + 1);
  const rows = await qb.getMany();
  const page = toPage(rows, options.limit, (row) => [options.sortValue(row), row.id], (row) => row);
  return { items: await map(page.items), nextCursor: page.nextCursor };
}
