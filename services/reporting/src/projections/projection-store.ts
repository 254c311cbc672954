import type { EntityManager } from 'typeorm';
import type { Row, RowProjection, StateProjection } from './projection.js';

/** Loads and stores read-model rows in bulk (one statement per table and batch). */
export class ProjectionStore {
  /** The existing rows for `keys` (tenant + entity), locked for this transaction. */
  async load(em: EntityManager, projection: StateProjection, keys: { tenantId: string; key: string }[]): Promise<Map<string, Row>> {
    const rows = (await em.query(
      `SELECT t.* FROM ${projection.table} t
         JOIN jsonb_to_recordset($1::jsonb) AS k(tenant_id uuid, key ${projection.keyType}) ON t.tenant_id = k.tenant_id AND t.${projection.keyColumn} = k.key
        ORDER BY t.tenant_id, t.${projection.keyColumn}
        FOR UPDATE OF t`,
      [JSON.stringify(keys.map((k) => ({ tenant_id: k.tenantId, key: k.key })))],
    )) as Row[];
    const found = new Map<string, Row>();
    for (const row of rows) found.set(`${String(row.tenant_id)}|${String(row[projection.keyColumn])}`, normalise(row));
    return found;
  }

  /** Upserts whole rows (every column is written). */
  async save(em: EntityManager, table: string, conflict: readonly string[], rows: Row[]): Promise<void> {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]!);
    const updates = columns.filter((c) => !conflict.includes(c)).map((c) => `${c} = EXCLUDED.${c}`);
    await em.query(
      `INSERT INTO ${table} AS t (${columns.join(', ')})
       SELECT ${columns.join(', ')} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)
       ON CONFLICT (${conflict.join(', ')}) DO ${updates.length > 0 ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`,
      [JSON.stringify(rows)],
    );
  }

  /** Appends rows; with 'replace' the last row of a key wins (within the batch too). */
  async append(em: EntityManager, projection: RowProjection, rows: Row[]): Promise<void> {
    if (rows.length === 0) return;
    const byKey = new Map<string, Row>();
    for (const row of rows) {
      const key = projection.conflict.map((c) => String(row[c])).join('|');
      if (projection.mode === 'ignore' && byKey.has(key)) continue;
      byKey.set(key, row);
    }
    const unique = [...byKey.values()];
    if (projection.mode === 'replace') return this.save(em, projection.table, projection.conflict, unique);
    const columns = Object.keys(unique[0]!);
    await em.query(
      `INSERT INTO ${projection.table} (${columns.join(', ')})
       SELECT ${columns.join(', ')} FROM jsonb_populate_recordset(NULL::${projection.table}, $1::jsonb)
       ON CONFLICT (${projection.conflict.join(', ')}) DO NOTHING`,
      [JSON.stringify(unique)],
    );
  }
}

function normalise(row: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) out[key] = value instanceof Date ? value.toISOString() : value;
  return out;
}
