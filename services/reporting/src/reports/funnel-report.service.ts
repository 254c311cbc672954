import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { zonedInstant } from '@crm/business-calendar';
import { Params, ratio, type Money, type ReportScope } from './report-scope.js';
import { SalesReportsService } from './sales-reports.service.js';

type Q = Record<string, string | number | boolean | null>;

const OPP = { owner: 'o.owner_id', team: 'o.team_id', pipeline: 'o.pipeline_id' };

/**
 * The funnel. Cohort = deals created in the period. The whole months of the period come from
 * rpt_funnel_cube (kept by the projections' batched deltas); the days before the first and after
 * the last whole month, and the deals without a source of their own (their contact's source can
 * change apart from the deal), are read from the deals. Both give the same cells, summed in SQL,
 * so the figures equal the direct computation (`mode: 'direct'`, the whole period from the deals).
 */
@Injectable()
export class FunnelReportService {
  constructor(
    private readonly db: DataSource,
    private readonly sales: SalesReportsService,
  ) {}

  async funnel(scope: ReportScope, mode: 'summary' | 'direct' = 'summary') {
    const p = new Params();
    const cells = mode === 'direct' ? this.directCells(scope, p, [[scope.fromAt, scope.toAt]], null) : this.summaryCells(scope, p);
    // The cells folded into the rows the report is made of (a money sum over no amount is no money), in
    // a fixed order so ties (same count) and money lists come out the same whichever way the cells were read.
    const money = (filter = 'true') => `CASE WHEN coalesce(sum(valued) FILTER (WHERE ${filter}), 0) > 0 THEN (sum(amount) FILTER (WHERE ${filter}))::text END`;
    const count = (filter: string) => `coalesce(sum(n) FILTER (WHERE ${filter}), 0)::int`;
    const group = (kind: string, key: string) =>
      `SELECT '${kind === 'deal' ? 'owner' : 'source'}', ${key}, NULLIF(currency, ''), sum(n)::int, ${money()}, ${count("status = 'open'")}, ${money("status = 'open'")},
              ${count("status = 'won'")}, ${count("status = 'lost'")}, ${money("status = 'won'")}
         FROM cells WHERE kind = '${kind}' GROUP BY ${key}, currency HAVING sum(n) <> 0`;
    const rows = await this.db.query<Q[]>(
      `WITH cells AS MATERIALIZED (${cells})
       SELECT 'stage' AS kind, stage_id AS key, NULLIF(currency, '') AS currency, sum(n)::int AS n, ${money()} AS amount, 0 AS open, NULL::text AS open_amount, 0 AS won, 0 AS lost,
              NULL::text AS won_amount
         FROM cells WHERE kind = 'reached' GROUP BY stage_id, currency HAVING sum(n) <> 0
       UNION ALL
       SELECT 'open', stage_id, NULLIF(currency, ''), 0, NULL, sum(n)::int, ${money()}, 0, 0, NULL FROM cells WHERE kind = 'deal' AND status = 'open' GROUP BY stage_id, currency HAVING sum(n) <> 0
       UNION ALL ${group('deal', 'owner_id')}
       UNION ALL ${group('source', 'source_id')}
       ORDER BY 1, 2, 3`,
      p.values,
    );
    return this.fold(scope, rows);
  }

  /** Whole months from the cube, the edge days and the deals without a source of their own from the deals. */
  private summaryCells(scope: ReportScope, p: Params): string {
    const months = wholeMonths(scope.from, scope.to);
    if (!months) return this.directCells(scope, p, [[scope.fromAt, scope.toAt]], null);
    const start = zonedInstant(months.first, 0, scope.timeZone);
    const end = zonedInstant(months.end, 0, scope.timeZone);
    const edges: [Date, Date][] = [];
    if (scope.from < months.first) edges.push([scope.fromAt, start]);
    if (end < scope.toAt) edges.push([end, scope.toAt]);
    const cube = `SELECT k.kind, k.stage_id, k.source_id, k.owner_id, k.status, k.currency, k.n, k.valued, k.amount FROM rpt_funnel_cube k
                   WHERE ${scope.where(p, { owner: 'k.owner_id', team: 'k.team_id', pipeline: 'k.pipeline_id' }, 'text')}
                     AND k.month >= ${p.add(months.first.slice(0, 7))} AND k.month < ${p.add(months.end.slice(0, 7))}`;
    return `${cube} UNION ALL ${this.directCells(scope, p, edges, [start, end])}`;
  }

  /**
   * The cells of the deals created in `ranges` (every kind), plus the `source` cells of the deals
   * created in `noSourceRange` without a source of their own (the contact's source, else none).
   */
  private directCells(scope: ReportScope, p: Params, ranges: [Date, Date][], noSourceRange: [Date, Date] | null): string {
    const columns = `o.tenant_id, o.contact_id, o.reached_stage_ids, o.stage_id, o.status, o.owner_id, o.source_id, o.amount, o.currency`;
    const between = ([from, to]: [Date, Date]) => `o.created_at >= ${p.add(from.toISOString())}::timestamptz AND o.created_at < ${p.add(to.toISOString())}::timestamptz`;
    const selects = ranges.map((range) => `SELECT ${columns}, true AS all_kinds FROM rpt_opportunity o WHERE ${scope.where(p, OPP)} AND ${between(range)}`);
    if (noSourceRange) selects.push(`SELECT ${columns}, false AS all_kinds FROM rpt_opportunity o WHERE ${scope.where(p, OPP)} AND o.source_id IS NULL AND ${between(noSourceRange)}`);
    if (selects.length === 0) selects.push(`SELECT ${columns}, true AS all_kinds FROM rpt_opportunity o WHERE false`);
    const measures = `coalesce(d.owner_id::text, '') AS owner_id, coalesce(d.status, '') AS status, coalesce(d.currency, '') AS currency, d.n, d.valued, d.amount`;
    // The contact's source only when the deal has none (COALESCE evaluates the subquery only then).
    const source = `coalesce(COALESCE(d.source_id, (SELECT c.source_id FROM rpt_contact c WHERE c.tenant_id = d.tenant_id AND c.contact_id = d.contact_id))::text, '')`;
    // Deals alike in every dimension are summed first (a few hundred groups instead of tens of thousands of deals).
    return `(WITH deals AS MATERIALIZED (
               SELECT x.tenant_id, CASE WHEN x.source_id IS NULL THEN x.contact_id END AS contact_id, x.reached_stage_ids, x.stage_id, x.status, x.owner_id, x.source_id, x.currency,
                      x.all_kinds, count(*) AS n, count(x.amount) AS valued, coalesce(sum(x.amount), 0) AS amount
                 FROM (${selects.join(' UNION ALL ')}) x GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9)
             SELECT 'deal' AS kind, coalesce(d.stage_id::text, '') AS stage_id, '' AS source_id, ${measures} FROM deals d WHERE d.all_kinds
             UNION ALL
             SELECT 'reached', r.stage_id::text, '', ${measures} FROM deals d CROSS JOIN LATERAL unnest(d.reached_stage_ids) AS r(stage_id) WHERE d.all_kinds
             UNION ALL
             SELECT 'source', '', ${source}, ${measures} FROM deals d)`;
  }

  private async fold(scope: ReportScope, rows: Q[]) {
    const names = await this.sales.names(scope.tenantId);
    const stages = new Map<string, { stageId: string; name: string | null; probability: number | null; reached: number; reachedValue: Money[]; open: number; openValue: Money[] }>();
    const stageOf = (id: string) => {
      let s = stages.get(id);
      if (!s)
        stages.set(
          id,
          (s = { stageId: id, name: names.stages.get(id)?.name ?? null, probability: names.stages.get(id)?.probability ?? null, reached: 0, reachedValue: [], open: 0, openValue: [] }),
        );
      return s;
    };
    const groups = { owner: new Map<string, GroupRow>(), source: new Map<string, GroupRow>() };
    for (const row of rows) {
      const key = row.key === null ? '' : String(row.key);
      const m = (amount: unknown): Money[] => (amount === null || row.currency === null ? [] : [{ currency: String(row.currency), amount: Number(amount).toFixed(2) }]);
      if (row.kind === 'stage') {
        const s = stageOf(key);
        s.reached += Number(row.n);
        s.reachedValue.push(...m(row.amount));
      } else if (row.kind === 'open') {
        const s = stageOf(key);
        s.open += Number(row.open);
        s.openValue.push(...m(row.open_amount));
      } else {
        const map = groups[row.kind as 'owner' | 'source'];
        const g = map.get(key) ?? { key: key || null, created: 0, open: 0, won: 0, lost: 0, createdValue: [], wonValue: [] };
        g.created += Number(row.n);
        g.open += Number(row.open);
        g.won += Number(row.won);
        g.lost += Number(row.lost);
        g.createdValue.push(...m(row.amount));
        g.wonValue.push(...m(row.won_amount));
        map.set(key, g);
      }
    }
    const ordered = [...stages.values()].sort((a, b) => (a.probability ?? 999) - (b.probability ?? 999) || (a.name ?? a.stageId).localeCompare(b.name ?? b.stageId));
    const byStage = ordered.map((s, i) => ({ ...s, conversionToNext: i + 1 < ordered.length ? ratio(ordered[i + 1]!.reached, s.reached) : null }));
    const withRate = (g: GroupRow) => ({ ...g, winRate: ratio(g.won, g.won + g.lost) });
    return {
      ...scope.period(),
      byStage,
      byOwner: [...groups.owner.values()].map((g) => ({ ownerId: g.key, ownerName: g.key ? (names.users.get(g.key) ?? null) : null, ...withRate(g) })).sort((a, b) => b.created - a.created),
      bySource: [...groups.source.values()]
        .map((g) => ({ sourceId: g.key, sourceName: g.key ? (names.sources.get(g.key) ?? null) : null, ...withRate(g) }))
        .sort((a, b) => b.created - a.created),
    };
  }
}

interface GroupRow {
  key: string | null;
  created: number;
  open: number;
  won: number;
  lost: number;
  createdValue: Money[];
  wonValue: Money[];
}

/** The whole calendar months inside [from, to] as [first day, first day after the last) — null when none. */
export function wholeMonths(from: string, to: string): { first: string; end: string } | null {
  const first = from.endsWith('-01') ? from : addMonths(`${from.slice(0, 7)}-01`, 1);
  const afterTo = new Date(`${to}T00:00:00Z`);
  afterTo.setUTCDate(afterTo.getUTCDate() + 1);
  const after = afterTo.toISOString().slice(0, 10);
  const end = after.endsWith('-01') ? after : `${to.slice(0, 7)}-01`;
  return first < end ? { first, end } : null;
}

function addMonths(firstOfMonth: string, months: number): string {
  const d = new Date(`${firstOfMonth}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}
