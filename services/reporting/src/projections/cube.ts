import type { EntityManager } from 'typeorm';
import { localDate } from '../config/business-minutes.js';
import { iso, type Row } from './projection.js';

/**
 * Pre-aggregated counts ("cubes") kept by batched deltas: what an entity row contributes to a
 * cube is a pure function of the row, so when a batch changes rows, the cube moves by
 * contribution(after) − contribution(before), merged per cube cell, and is written with one
 * statement per batch. A tenant's hot cells are therefore touched once per batch, not once per
 * event, and an event that changes nothing moves nothing (replays included). Dimensions are text
 * ('' for none) so they can be part of the primary key.
 */
export interface CubeEntry {
  table: 'rpt_opp_cube' | 'rpt_contact_cube';
  /** Dimension values in the table's key order (after tenant_id). */
  key: string[];
  /** Measures in the table's measure order. */
  measures: number[];
}

export const CUBE_COLUMNS = {
  rpt_opp_cube: { key: ['kind', 'day', 'owner_id', 'team_id', 'pipeline_id', 'stage_id', 'currency'], measures: ['n', 'amount', 'weighted'] },
  rpt_contact_cube: { key: ['kind', 'day', 'owner_id', 'team_id', 'lifecycle'], measures: ['n'] },
} as const;

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

/** An opportunity's cells: open now (by stage), or won / lost on its close day (tenant zone). */
export function opportunityCells(row: Row, timeZone: string): CubeEntry[] {
  if (!row.status || row.currency === null || row.amount === null) return [];
  const amount = Number(row.amount);
  const dims = [text(row.owner_id), text(row.team_id), text(row.pipeline_id)];
  if (row.status === 'open') {
    return [{ table: 'rpt_opp_cube', key: ['open', '', ...dims, text(row.stage_id), String(row.currency)], measures: [1, amount, (amount * Number(row.probability ?? 0)) / 100] }];
  }
  const closed = iso(row.closed_at);
  if ((row.status === 'won' || row.status === 'lost') && closed) {
    return [{ table: 'rpt_opp_cube', key: [String(row.status), localDate(new Date(closed), timeZone), ...dims, '', String(row.currency)], measures: [1, amount, 0] }];
  }
  return [];
}

/** A contact's cells: its lifecycle now; created on its day; and, for a lead, created and converted on their days. */
export function contactCells(row: Row, timeZone: string): CubeEntry[] {
  if (row.created !== true) return [];
  const dims = [text(row.owner_id), text(row.team_id)];
  const cells: CubeEntry[] = [{ table: 'rpt_contact_cube', key: ['now', '', ...dims, text(row.lifecycle)], measures: [1] }];
  const created = iso(row.created_at);
  if (created) cells.push({ table: 'rpt_contact_cube', key: ['created', localDate(new Date(created), timeZone), ...dims, ''], measures: [1] });
  const lead = row.initial_lifecycle === 'contact' || row.initial_lifecycle === 'prospect';
  if (lead && created) cells.push({ table: 'rpt_contact_cube', key: ['lead', localDate(new Date(created), timeZone), ...dims, ''], measures: [1] });
  const customer = iso(row.customer_at);
  if (lead && customer) cells.push({ table: 'rpt_contact_cube', key: ['lead_converted', localDate(new Date(customer), timeZone), ...dims, ''], measures: [1] });
  return cells;
}

/** Merges the moves of a batch: + cells of each row after, − cells of the same row before. */
export class CubeDeltas {
  private readonly cells = new Map<string, CubeEntry>();

  add(entries: CubeEntry[], sign: 1 | -1, tenantId: string): void {
    for (const entry of entries) {
      const id = `${entry.table}|${tenantId}|${entry.key.join('|')}`;
      const cell = this.cells.get(id) ?? { table: entry.table, key: [tenantId, ...entry.key], measures: entry.measures.map(() => 0) };
      entry.measures.forEach((m, i) => (cell.measures[i]! += sign * m));
      this.cells.set(id, cell);
    }
  }

  async write(em: EntityManager): Promise<void> {
    for (const table of Object.keys(CUBE_COLUMNS) as (keyof typeof CUBE_COLUMNS)[]) {
      const cols = CUBE_COLUMNS[table];
      // Sorted: concurrent batches (replicas) lock cells in the same order.
      const cells = [...this.cells.entries()]
        .filter(([, c]) => c.table === table && c.measures.some((m) => Math.abs(m) > 1e-9))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([, c]) => c);
      if (cells.length === 0) continue;
      const keyCols = ['tenant_id', ...cols.key];
      const rows = cells.map((c) => Object.fromEntries([...keyCols.map((k, i) => [k, c.key[i]]), ...cols.measures.map((m, i) => [m, c.measures[i]])]));
      const all = [...keyCols, ...cols.measures];
      await em.query(
        `INSERT INTO ${table} AS t (${all.join(', ')})
         SELECT ${all.join(', ')} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)
         ON CONFLICT (${keyCols.join(', ')}) DO UPDATE SET ${cols.measures.map((m) => `${m} = t.${m} + EXCLUDED.${m}`).join(', ')}`,
        [JSON.stringify(rows)],
      );
    }
  }
}
