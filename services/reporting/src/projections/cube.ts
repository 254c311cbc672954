import type { EntityManager } from 'typeorm';
import { localDateOf } from '@crm/business-calendar';
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
  table: keyof typeof CUBE_COLUMNS;
  /** Dimension values in the table's key order (after tenant_id). */
  key: string[];
  /** Measures in the table's measure order. */
  measures: number[];
}

export const CUBE_COLUMNS = {
  rpt_opp_cube: { key: ['kind', 'day', 'owner_id', 'team_id', 'pipeline_id', 'stage_id', 'currency'], measures: ['n', 'amount', 'weighted'] },
  rpt_contact_cube: { key: ['kind', 'day', 'owner_id', 'team_id', 'lifecycle'], measures: ['n'] },
  rpt_funnel_cube: { key: ['kind', 'month', 'owner_id', 'team_id', 'pipeline_id', 'source_id', 'stage_id', 'status', 'currency'], measures: ['n', 'valued', 'amount'] },
} as const;

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));
/** A uuid as Postgres prints it (lower case), so cells from events and from stored rows meet. */
const id = (value: unknown): string => text(value).toLowerCase();

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
    return [{ table: 'rpt_opp_cube', key: [String(row.status), localDateOf(new Date(closed), timeZone), ...dims, '', String(row.currency)], measures: [1, amount, 0] }];
  }
  return [];
}

/**
 * An opportunity's funnel cells, by its creation month (tenant zone), owner, team and pipeline:
 * `deal` (its current stage and status), `source` (its own source; a deal without one takes its
 * contact's source, which can change apart from the deal, so the report reads those deals
 * directly) and one `reached` cell per stage it was ever in. `valued` counts deals with an amount
 * (a sum over none is no money). Same definitions as the direct query (reports/funnel-report.service.ts).
 */
export function funnelCells(row: Row, timeZone: string): CubeEntry[] {
  const created = iso(row.created_at);
  if (!created) return [];
  const month = localDateOf(new Date(created), timeZone).slice(0, 7);
  const dims = [month, id(row.owner_id), id(row.team_id), id(row.pipeline_id)];
  const measures = [1, row.amount === null || row.amount === undefined ? 0 : 1, Number(row.amount ?? 0)];
  const currency = text(row.currency);
  const status = text(row.status);
  const cells: CubeEntry[] = [{ table: 'rpt_funnel_cube', key: ['deal', ...dims, '', id(row.stage_id), status, currency], measures }];
  if (row.source_id) cells.push({ table: 'rpt_funnel_cube', key: ['source', ...dims, id(row.source_id), '', status, currency], measures });
  for (const stage of (row.reached_stage_ids as string[] | null) ?? []) {
    cells.push({ table: 'rpt_funnel_cube', key: ['reached', ...dims, '', id(stage), '', currency], measures });
  }
  return cells;
}

/** A contact's cells: its lifecycle now; created on its day; and, for a lead, created and converted on their days. */
export function contactCells(row: Row, timeZone: string): CubeEntry[] {
  if (row.created !== true) return [];
  const dims = [text(row.owner_id), text(row.team_id)];
  const cells: CubeEntry[] = [{ table: 'rpt_contact_cube', key: ['now', '', ...dims, text(row.lifecycle)], measures: [1] }];
  const created = iso(row.created_at);
  if (created) cells.push({ table: 'rpt_contact_cube', key: ['created', localDateOf(new Date(created), timeZone), ...dims, ''], measures: [1] });
  const lead = row.initial_lifecycle === 'contact' || row.initial_lifecycle === 'prospect';
  if (lead && created) cells.push({ table: 'rpt_contact_cube', key: ['lead', localDateOf(new Date(created), timeZone), ...dims, ''], measures: [1] });
  const customer = iso(row.customer_at);
  if (lead && customer) cells.push({ table: 'rpt_contact_cube', key: ['lead_converted', localDateOf(new Date(customer), timeZone), ...dims, ''], measures: [1] });
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
      // Amounts are numeric(19,4) sums: rounding to 4 decimals drops the float noise of the in-memory sum.
      const measure = (name: string, value: number) => (name === 'amount' ? Math.round(value * 10_000) / 10_000 : value);
      const rows = cells.map((c) => Object.fromEntries([...keyCols.map((k, i) => [k, c.key[i]]), ...cols.measures.map((m, i) => [m, measure(m, c.measures[i]!)])]));
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
