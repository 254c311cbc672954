import { Injectable } from '@nestjs/common';
import { visibilityLevel } from '@crm/auth';
import { DataSource } from 'typeorm';
import { Params, ratio, type Money, type ReportScope } from './report-scope.js';
import { SalesReportsService } from './sales-reports.service.js';

type Q = Record<string, string | number | null>;
const OPP = { owner: 'o.owner_id', team: 'o.team_id', pipeline: 'o.pipeline_id' };

const days = (seconds: unknown): number | null => (seconds === null || seconds === undefined ? null : Math.round((Number(seconds) / 86_400) * 100) / 100);

/** Sales cycle, sellers, sources (CAC) and activities. */
@Injectable()
export class PerformanceReportsService {
  constructor(
    private readonly db: DataSource,
    private readonly sales: SalesReportsService,
  ) {}

  private q(sql: string, p: Params): Promise<Q[]> {
    return this.db.query<Q[]>(sql, p.values);
  }

  /**
   * Runs a query whose medians sort a period's rows (up to a million values) with enough memory to
   * sort them in memory, not in temporary files.
   */
  private sorting(sql: string, p: Params): Promise<Q[]> {
    return this.db.transaction(async (em) => {
      await em.query(`SET LOCAL work_mem = '64MB'`);
      return em.query<Q[]>(sql, p.values);
    });
  }

  /** Opportunities closed in the period: days from creation to close, and time spent in each stage left in the period. */
  async salesCycle(scope: ReportScope) {
    const p = new Params();
    const where = scope.where(p, OPP);
    const s = new Params();
    // Every stage change has its deal's row (both come from the same event, in the same batch, and a
    // rebuild deletes both): with no filter and full visibility the join to the deals selects nothing
    // out, so the changes are read alone (from their covering index).
    const unfiltered = visibilityLevel(scope.user) === 'all' && !scope.query.ownerId && !scope.query.teamId && !scope.query.pipelineId;
    const moves = unfiltered
      ? `FROM rpt_stage_move m WHERE m.tenant_id = ${s.add(scope.tenantId)} AND ${scope.within(s, 'm.changed_at')}`
      : `FROM rpt_stage_move m JOIN rpt_opportunity o ON o.tenant_id = m.tenant_id AND o.opportunity_id = m.opportunity_id
          WHERE ${scope.where(s, OPP)} AND ${scope.within(s, 'm.changed_at')}`;
    const [closed, stages] = await Promise.all([
      this.sorting(
        `SELECT o.status, count(*)::int AS n, avg(extract(epoch FROM o.closed_at - o.created_at)) AS avg_s,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM o.closed_at - o.created_at)) AS median_s
           FROM rpt_opportunity o WHERE ${where} AND o.closed_at IS NOT NULL AND o.created_at IS NOT NULL AND ${scope.within(p, 'o.closed_at')}
          GROUP BY o.status`,
        p,
      ),
      this.sorting(
        `SELECT m.from_stage_id::text AS stage_id, count(*)::int AS n, avg(m.seconds_in_previous) AS avg_s,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY m.seconds_in_previous) AS median_s
           ${moves} GROUP BY m.from_stage_id`,
        s,
      ),
    ]);
    const names = await this.sales.names(scope.tenantId);
    const won = closed.find((r) => r.status === 'won');
    const lost = closed.find((r) => r.status === 'lost');
    const wonCount = Number(won?.n ?? 0);
    const lostCount = Number(lost?.n ?? 0);
    return {
      ...scope.period(),
      won: wonCount,
      lost: lostCount,
      winRate: ratio(wonCount, wonCount + lostCount),
      averageDaysToWin: days(won?.avg_s),
      medianDaysToWin: days(won?.median_s),
      averageDaysToLose: days(lost?.avg_s),
      medianDaysToLose: days(lost?.median_s),
      timeInStage: stages
        .map((r) => ({
          stageId: String(r.stage_id),
          name: names.stages.get(String(r.stage_id))?.name ?? null,
          probability: names.stages.get(String(r.stage_id))?.probability ?? null,
          exits: Number(r.n),
          averageDays: days(r.avg_s),
          medianDays: days(r.median_s),
        }))
        .sort((a, b) => (a.probability ?? 999) - (b.probability ?? 999)),
    };
  }

  /** Sellers (opportunity owners) ranked by won value in `currency` (default COP), then won count. */
  async sellers(scope: ReportScope) {
    const currency = scope.query.currency ?? 'COP';
    const p = new Params();
    const rows = await this.q(
      `SELECT o.owner_id::text AS owner_id, o.currency, count(*) FILTER (WHERE o.status = 'won')::int AS won, count(*) FILTER (WHERE o.status = 'lost')::int AS lost,
              COALESCE(sum(o.amount) FILTER (WHERE o.status = 'won'), 0)::text AS won_amount
         FROM rpt_opportunity o WHERE ${scope.where(p, OPP)} AND o.owner_id IS NOT NULL AND o.closed_at IS NOT NULL AND ${scope.within(p, 'o.closed_at')}
        GROUP BY o.owner_id, o.currency`,
      p,
    );
    const activities = await this.activityCounts(scope, 'done');
    const names = await this.sales.names(scope.tenantId);
    const sellers = new Map<string, { ownerId: string; name: string | null; won: number; lost: number; wonValue: Money[]; activitiesDone: number }>();
    const sellerOf = (id: string) => {
      let s = sellers.get(id);
      if (!s) sellers.set(id, (s = { ownerId: id, name: names.users.get(id) ?? null, won: 0, lost: 0, wonValue: [], activitiesDone: 0 }));
      return s;
    };
    for (const row of rows) {
      const s = sellerOf(String(row.owner_id));
      s.won += Number(row.won);
      s.lost += Number(row.lost);
      if (Number(row.won) > 0) s.wonValue.push({ currency: String(row.currency), amount: Number(row.won_amount).toFixed(2) });
    }
    for (const row of activities) sellerOf(String(row.user_id)).activitiesDone += Number(row.n);
    const value = (s: { wonValue: Money[] }) => Number(s.wonValue.find((m) => m.currency === currency)?.amount ?? 0);
    const ranked = [...sellers.values()].sort((a, b) => value(b) - value(a) || b.won - a.won || a.ownerId.localeCompare(b.ownerId));
    return { ...scope.period(), rankedBy: { currency }, sellers: ranked.map((s, i) => ({ rank: i + 1, ...s, winRate: ratio(s.won, s.won + s.lost) })) };
  }

  /** Activities per seller (assignee) and type: created and done in the period. */
  async activities(scope: ReportScope) {
    const [created, done] = await Promise.all([this.activityCounts(scope, 'created', true), this.activityCounts(scope, 'done', true)]);
    const names = await this.sales.names(scope.tenantId);
    const rows = new Map<string, { userId: string; name: string | null; type: string; created: number; done: number }>();
    for (const [list, field] of [
      [created, 'created'],
      [done, 'done'],
    ] as const) {
      for (const r of list) {
        const key = `${String(r.user_id)}|${String(r.type)}`;
        const row = rows.get(key) ?? { userId: String(r.user_id), name: names.users.get(String(r.user_id)) ?? null, type: String(r.type), created: 0, done: 0 };
        row[field] += Number(r.n);
        rows.set(key, row);
      }
    }
    return { ...scope.period(), rows: [...rows.values()].sort((a, b) => (a.name ?? a.userId).localeCompare(b.name ?? b.userId) || a.type.localeCompare(b.type)) };
  }

  private activityCounts(scope: ReportScope, which: 'created' | 'done', byType = false): Promise<Q[]> {
    const p = new Params();
    const parts = [`a.tenant_id = ${p.add(scope.tenantId)}`, 'a.assigned_to IS NOT NULL'];
    parts.push(which === 'done' ? `a.completed_at IS NOT NULL AND ${scope.within(p, 'a.completed_at')}` : scope.within(p, 'a.created_at'));
    if (scope.query.ownerId) parts.push(`a.assigned_to = ${p.add(scope.query.ownerId)}`);
    if (scope.query.teamId) parts.push(`${p.add(scope.query.teamId)}::uuid = ANY(u.team_ids)`);
    const level = visibilityLevel(scope.user);
    if (level === 'own') parts.push(`a.assigned_to = ${p.add(scope.user.id)}`);
    if (level === 'team') parts.push(`(a.assigned_to = ${p.add(scope.user.id)} OR u.team_ids && ${p.add(scope.user.teamIds)}::uuid[])`);
    return this.q(
      `SELECT a.assigned_to::text AS user_id, ${byType ? 'a.type' : "''"} AS type, count(*)::int AS n
         FROM rpt_activity a LEFT JOIN rpt_user u ON u.tenant_id = a.tenant_id AND u.user_id = a.assigned_to
        WHERE ${parts.join(' AND ')} GROUP BY 1, 2`,
      p,
    );
  }

  /**
   * Per source: leads (contacts created in the period), customers acquired (contacts of the
   * source that became customers in the period), won value, cost of the periods overlapping the
   * report's, and CAC = cost ÷ customers acquired (per currency of the cost).
   */
  async sources(scope: ReportScope) {
    const c = new Params();
    const contacts = await this.q(
      `SELECT c.source_id::text AS source_id, count(*) FILTER (WHERE ${scope.within(c, 'c.created_at')})::int AS leads,
              count(*) FILTER (WHERE ${scope.within(c, 'c.customer_at')})::int AS customers
         FROM rpt_contact c WHERE ${scope.where(c, { owner: 'c.owner_id', team: 'c.team_id' })} AND c.created AND c.source_id IS NOT NULL GROUP BY 1`,
      c,
    );
    const o = new Params();
    const won = await this.q(
      `SELECT COALESCE(o.source_id, c.source_id)::text AS source_id, o.currency, count(*)::int AS n, sum(o.amount)::text AS amount
         FROM rpt_opportunity o LEFT JOIN rpt_contact c ON c.tenant_id = o.tenant_id AND c.contact_id = o.contact_id
        WHERE ${scope.where(o, OPP)} AND o.status = 'won' AND ${scope.within(o, 'o.closed_at')} AND COALESCE(o.source_id, c.source_id) IS NOT NULL GROUP BY 1, 2`,
      o,
    );
    const k = new Params();
    const costs = await this.q(
      `SELECT source_id::text AS source_id, currency, sum(amount)::text AS amount FROM (
         SELECT DISTINCT ON (source_id, period_from, period_to, currency) source_id, currency, amount FROM rpt_source_cost
          WHERE tenant_id = ${k.add(scope.tenantId)} AND period_from <= ${k.add(scope.to)} AND period_to >= ${k.add(scope.from)}
          ORDER BY source_id, period_from, period_to, currency, (origin = 'admin') DESC, recorded_at DESC) x
        GROUP BY 1, 2`,
      k,
    );
    const names = await this.db.query<{ source_id: string; name: string | null; channel: string | null }[]>(`SELECT source_id, name, channel FROM rpt_source WHERE tenant_id = $1`, [
      scope.tenantId,
    ]);
    const rows = new Map<
      string,
      { sourceId: string; name: string | null; channel: string | null; leads: number; customers: number; won: number; wonValue: Money[]; cost: Money[]; cac: Money[] }
    >();
    const rowOf = (id: string) => {
      let r = rows.get(id);
      const n = names.find((x) => x.source_id === id);
      if (!r) rows.set(id, (r = { sourceId: id, name: n?.name ?? null, channel: n?.channel ?? null, leads: 0, customers: 0, won: 0, wonValue: [], cost: [], cac: [] }));
      return r;
    };
    for (const r of contacts) Object.assign(rowOf(String(r.source_id)), { leads: Number(r.leads), customers: Number(r.customers) });
    for (const r of won) {
      const row = rowOf(String(r.source_id));
      row.won += Number(r.n);
      row.wonValue.push({ currency: String(r.currency), amount: Number(r.amount).toFixed(2) });
    }
    for (const r of costs) rowOf(String(r.source_id)).cost.push({ currency: String(r.currency), amount: Number(r.amount).toFixed(2) });
    for (const row of rows.values()) row.cac = row.customers > 0 ? row.cost.map((m) => ({ currency: m.currency, amount: (Number(m.amount) / row.customers).toFixed(2) })) : [];
    return {
      ...scope.period(),
      sources: [...rows.values()]
        .filter((r) => r.leads > 0 || r.customers > 0 || r.won > 0 || r.cost.length > 0)
        .sort((a, b) => b.leads - a.leads || (a.name ?? '').localeCompare(b.name ?? '')),
    };
  }
}
