import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { localDateOf } from '@crm/business-calendar';
import { Params, ratio, type Money, type ReportScope } from './report-scope.js';

type Q = Record<string, string | number | boolean | null>;

const OPP = { owner: 'o.owner_id', team: 'o.team_id', pipeline: 'o.pipeline_id' };

/** Dashboard, stage distribution, trends and forecast: opportunities and contacts read models (the funnel: funnel-report.service.ts). */
@Injectable()
export class SalesReportsService {
  constructor(private readonly db: DataSource) {}

  private q<T = Q>(sql: string, p: Params): Promise<T[]> {
    return this.db.query<T[]>(sql, p.values);
  }

  /** The KPIs, from the cubes (a few hundred cells per tenant, whatever the number of records). */
  async dashboard(scope: ReportScope, now = new Date()) {
    const today = localDateOf(now, scope.timeZone);
    const last30 = new Date(Date.parse(`${today}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
    const c = new Params();
    const contactSql = `
      SELECT kind, lifecycle, owner_id <> '' AS assigned, (day = ${c.add(today)}) AS today, sum(n)::bigint AS n
        FROM rpt_contact_cube k WHERE ${scope.where(c, { owner: 'k.owner_id', team: 'k.team_id' }, 'text')}
         AND (kind = 'now' OR (kind = 'created' AND day >= ${c.add(last30)} AND day <= ${c.add(today)})
              OR (kind IN ('lead', 'lead_converted') AND day >= ${c.add(scope.from)} AND day <= ${c.add(scope.to)}))
       GROUP BY 1, 2, 3, 4`;
    const o = new Params();
    const oppSql = `
      SELECT kind, currency, sum(n)::bigint AS n, sum(amount)::text AS amount, sum(weighted)::text AS weighted
        FROM rpt_opp_cube k WHERE ${scope.where(o, { owner: 'k.owner_id', team: 'k.team_id', pipeline: 'k.pipeline_id' }, 'text')}
         AND (kind = 'open' OR (kind IN ('won', 'lost') AND day >= ${o.add(scope.from)} AND day <= ${o.add(scope.to)}))
       GROUP BY 1, 2 ORDER BY 2`;
    const [contacts, opps] = await Promise.all([this.q(contactSql, c), this.q(oppSql, o)]);
    const sum = (rows: Q[], test: (r: Q) => boolean) => rows.filter(test).reduce((total, r) => total + Number(r.n), 0);
    const isNow = (r: Q) => r.kind === 'now';
    const lifecycle = (name: string) => sum(contacts, (r) => isNow(r) && r.lifecycle === name);
    const open = opps.filter((r) => r.kind === 'open' && Number(r.n) !== 0);
    const won = sum(opps, (r) => r.kind === 'won');
    const lost = sum(opps, (r) => r.kind === 'lost');
    const leads = sum(contacts, (r) => r.kind === 'lead');
    const converted = sum(contacts, (r) => r.kind === 'lead_converted');
    return {
      ...scope.period(),
      totalContacts: sum(contacts, isNow),
      contactsByLifecycle: { contact: lifecycle('contact'), prospect: lifecycle('prospect'), customer: lifecycle('customer'), supplier: lifecycle('supplier') },
      assignedContacts: sum(contacts, (r) => isNow(r) && r.assigned === true),
      contactsCreatedToday: sum(contacts, (r) => r.kind === 'created' && r.today === true),
      contactsCreatedLast30Days: sum(contacts, (r) => r.kind === 'created'),
      activeOpportunities: sum(open, () => true),
      potentialValue: open.map((row) => ({ currency: String(row.currency), amount: Number(row.amount).toFixed(2) })),
      weightedValue: open.map((row) => ({ currency: String(row.currency), amount: Number(row.weighted).toFixed(2) })),
      conversionRate: {
        opportunities: { won, lost, closed: won + lost, rate: ratio(won, won + lost) },
        leads: { created: leads, converted, rate: ratio(converted, leads) },
      },
    };
  }

  /** Open opportunities now, by stage (count, value per currency, share of the count). */
  async stageDistribution(scope: ReportScope) {
    const p = new Params();
    const rows = await this.q(
      `SELECT o.stage_id::text AS stage_id, o.currency, count(*)::int AS n, sum(o.amount)::text AS amount, sum(o.amount * o.probability / 100.0)::text AS weighted
         FROM rpt_opportunity o WHERE ${scope.where(p, OPP)} AND o.status = 'open' GROUP BY o.stage_id, o.currency`,
      p,
    );
    const names = await this.names(scope.tenantId);
    const total = rows.reduce((sum, row) => sum + Number(row.n), 0);
    const stages = new Map<string, { stageId: string; name: string | null; probability: number | null; count: number; value: Money[]; weightedValue: Money[]; share: number | null }>();
    for (const row of rows) {
      const id = String(row.stage_id);
      const s = stages.get(id) ?? {
        stageId: id,
        name: names.stages.get(id)?.name ?? null,
        probability: names.stages.get(id)?.probability ?? null,
        count: 0,
        value: [],
        weightedValue: [],
        share: null,
      };
      s.count += Number(row.n);
      s.value.push({ currency: String(row.currency), amount: Number(row.amount).toFixed(2) });
      s.weightedValue.push({ currency: String(row.currency), amount: Number(row.weighted).toFixed(2) });
      stages.set(id, s);
    }
    const list = [...stages.values()].map((s) => ({ ...s, share: ratio(s.count, total) }));
    list.sort((a, b) => (a.probability ?? 999) - (b.probability ?? 999) || (a.name ?? '').localeCompare(b.name ?? ''));
    return { ...scope.period(), total, stages: list };
  }

  /** Created, won and lost per week or month (tenant zone), with values per currency. */
  async trends(scope: ReportScope) {
    const granularity = scope.query.granularity ?? 'month';
    const p = new Params();
    const g = p.add(granularity);
    const tz = p.add(scope.timeZone);
    const where = scope.where(p, OPP);
    const rows = await this.q(
      `SELECT 'created' AS kind, to_char(date_trunc(${g}, o.created_at AT TIME ZONE ${tz}), 'YYYY-MM-DD') AS bucket, o.currency, count(*)::int AS n, sum(o.amount)::text AS amount
         FROM rpt_opportunity o WHERE ${where} AND ${scope.within(p, 'o.created_at')} GROUP BY 2, 3
       UNION ALL
       SELECT o.status, to_char(date_trunc(${g}, o.closed_at AT TIME ZONE ${tz}), 'YYYY-MM-DD'), o.currency, count(*)::int, sum(o.amount)::text
         FROM rpt_opportunity o WHERE ${where} AND o.closed_at IS NOT NULL AND ${scope.within(p, 'o.closed_at')} GROUP BY 1, 2, 3`,
      p,
    );
    const buckets = new Map<string, TrendRow>();
    for (const start of bucketStarts(scope.from, scope.to, granularity)) buckets.set(start, { period: start, created: 0, won: 0, lost: 0, createdValue: [], wonValue: [], lostValue: [] });
    for (const row of rows) {
      const b = buckets.get(String(row.bucket));
      if (!b) continue;
      const kind = String(row.kind) as 'created' | 'won' | 'lost';
      b[kind] += Number(row.n);
      b[`${kind}Value`].push({ currency: String(row.currency), amount: Number(row.amount).toFixed(2) });
    }
    return { ...scope.period(), granularity, series: [...buckets.values()] };
  }

  /** Open opportunities by expected close month in the period, value and value × probability. */
  async forecast(scope: ReportScope) {
    const p = new Params();
    const rows = await this.q(
      `SELECT substr(o.expected_close_date, 1, 7) AS month, o.currency, count(*)::int AS n, sum(o.amount)::text AS amount, sum(o.amount * o.probability / 100.0)::text AS weighted
         FROM rpt_opportunity o WHERE ${scope.where(p, OPP)} AND o.status = 'open'
          AND o.expected_close_date >= ${p.add(scope.from)} AND o.expected_close_date <= ${p.add(scope.to)}
        GROUP BY 1, 2 ORDER BY 1, 2`,
      p,
    );
    const months = new Map<string, { month: string; count: number; value: Money[]; weightedValue: Money[] }>();
    for (const start of bucketStarts(scope.from, scope.to, 'month')) months.set(start.slice(0, 7), { month: start.slice(0, 7), count: 0, value: [], weightedValue: [] });
    for (const row of rows) {
      const m = months.get(String(row.month));
      if (!m) continue;
      m.count += Number(row.n);
      m.value.push({ currency: String(row.currency), amount: Number(row.amount).toFixed(2) });
      m.weightedValue.push({ currency: String(row.currency), amount: Number(row.weighted).toFixed(2) });
    }
    return { ...scope.period(), months: [...months.values()] };
  }

  /** Stage, user and source names of a tenant (small tables). */
  async names(tenantId: string) {
    const [stages, users, sources] = await Promise.all([
      this.db.query<{ stage_id: string; name: string | null; probability: number | null }[]>(`SELECT stage_id, name, probability FROM rpt_stage WHERE tenant_id = $1`, [tenantId]),
      this.db.query<{ user_id: string; name: string | null }[]>(`SELECT user_id, name FROM rpt_user WHERE tenant_id = $1`, [tenantId]),
      this.db.query<{ source_id: string; name: string | null }[]>(`SELECT source_id, name FROM rpt_source WHERE tenant_id = $1`, [tenantId]),
    ]);
    return {
      stages: new Map(stages.map((s) => [s.stage_id, { name: s.name, probability: s.probability }])),
      users: new Map(users.map((u) => [u.user_id, u.name])),
      sources: new Map(sources.map((s) => [s.source_id, s.name])),
    };
  }
}

interface TrendRow {
  period: string;
  created: number;
  won: number;
  lost: number;
  createdValue: Money[];
  wonValue: Money[];
  lostValue: Money[];
}

/** First day of every week (Monday) or month touching [from, to]. */
export function bucketStarts(from: string, to: string, granularity: 'week' | 'month'): string[] {
  const out: string[] = [];
  const d = new Date(`${from}T00:00:00Z`);
  if (granularity === 'month') d.setUTCDate(1);
  else d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  for (let guard = 0; d.toISOString().slice(0, 10) <= to && guard < 1000; guard++) {
    out.push(d.toISOString().slice(0, 10));
    if (granularity === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
    else d.setUTCDate(d.getUTCDate() + 7);
  }
  return out;
}
