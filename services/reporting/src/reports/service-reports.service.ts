import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Params, ratio, type Money, type ReportScope } from './report-scope.js';

type Q = Record<string, string | number | Date | null>;

const instant = (value: unknown): string | null => (value instanceof Date ? value.toISOString() : value ? new Date(String(value)).toISOString() : null);

const round = (value: unknown): number | null => (value === null || value === undefined ? null : Math.round(Number(value) * 100) / 100);

/** PQR tickets and the customers' value (CLTV from the ERP's invoices and payments). */
@Injectable()
export class ServiceReportsService {
  constructor(private readonly db: DataSource) {}

  private q(sql: string, p: Params): Promise<Q[]> {
    return this.db.query<Q[]>(sql, p.values);
  }

  /**
   * Tickets received in the period. Legal outcome per ticket: closed late (answered_late) → late;
   * closed after an extension → extended; closed otherwise → on_time; open past its legal due
   * date (or flagged overdue) → overdue; open in term → pending.
   */
  async tickets(scope: ReportScope, now = new Date()) {
    const p = new Params();
    const where = scope.where(p, { owner: 't.assignee_id', team: 't.team_id' });
    const nowAt = p.add(now.toISOString());
    const outcome = `CASE WHEN t.closed_at IS NOT NULL THEN
                         CASE WHEN t.legal_state = 'answered_late' OR (t.legal_state IS NULL AND t.legal_due_at IS NOT NULL AND t.closed_at > t.legal_due_at) THEN 'late'
                              WHEN t.extended THEN 'extended' ELSE 'on_time' END
                       WHEN t.legal_overdue OR t.legal_due_at < ${nowAt}::timestamptz THEN 'overdue' ELSE 'pending' END`;
    // One pass for every breakdown and total (GROUPING SETS), the medians in a second query alongside.
    const m = new Params();
    const [sets, [medians]] = await Promise.all([
      this.q(
        `SELECT pqr_class, category_id::text AS category, channel, priority, legal_outcome, csat::text AS csat,
                GROUPING(pqr_class) AS g_class, GROUPING(category_id) AS g_category, GROUPING(channel) AS g_channel, GROUPING(priority) AS g_priority,
                GROUPING(legal_outcome) AS g_legal, GROUPING(csat) AS g_csat,
                count(*)::int AS n, count(closed_at)::int AS closed, (count(*) FILTER (WHERE closed_at IS NOT NULL AND NOT sla_breached))::int AS sla_met,
                count(first_response_at)::int AS answered, avg(first_response_minutes) AS first_avg, avg(resolution_minutes) AS resolution_avg, avg(csat) AS csat_avg
           FROM (SELECT t.*, ${outcome} AS legal_outcome FROM rpt_ticket t WHERE ${where} AND ${scope.within(p, 't.received_at')}) k
          GROUP BY GROUPING SETS ((pqr_class), (category_id), (channel), (priority), (legal_outcome), (csat), ())`,
        p,
      ),
      this.q(
        `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t.first_response_minutes) AS first_median,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY t.resolution_minutes) AS resolution_median
           FROM rpt_ticket t WHERE ${scope.where(m, { owner: 't.assignee_id', team: 't.team_id' })} AND ${scope.within(m, 't.received_at')}`,
        m,
      ),
    ]);
    const dims: [string, string, string][] = [
      ['class', 'g_class', 'pqr_class'],
      ['category', 'g_category', 'category'],
      ['channel', 'g_channel', 'channel'],
      ['priority', 'g_priority', 'priority'],
      ['legal', 'g_legal', 'legal_outcome'],
      ['csat', 'g_csat', 'csat'],
    ];
    const rows: Q[] = [];
    for (const row of sets) {
      const dim = dims.find(([, flag]) => Number(row[flag]) === 0);
      if (dim && !(dim[0] === 'csat' && row.csat === null)) rows.push({ dim: dim[0], key: row[dim[2]] ?? null, n: row.n });
      if (dim) continue;
      for (const key of ['closed', 'sla_met', 'answered']) rows.push({ dim: 'stat', key, n: row[key] ?? 0 });
      rows.push({ dim: 'stat', key: 'total', n: row.n });
      for (const key of ['first_avg', 'resolution_avg', 'csat_avg']) rows.push({ dim: 'num', key, n: row[key] ?? null });
    }
    for (const key of ['first_median', 'resolution_median']) rows.push({ dim: 'num', key, n: medians?.[key] ?? null });
    const by = (dim: string) =>
      rows
        .filter((r) => r.dim === dim)
        .map((r) => ({ key: r.key === null ? null : String(r.key), count: Number(r.n) }))
        .sort((a, b) => b.count - a.count || String(a.key).localeCompare(String(b.key)));
    const stat = (key: string) => Number(rows.find((r) => r.dim === 'stat' && r.key === key)?.n ?? 0);
    const num = (key: string) => round(rows.find((r) => r.dim === 'num' && r.key === key)?.n ?? null);
    const legal = Object.fromEntries(['on_time', 'late', 'extended', 'overdue', 'pending'].map((k) => [k, by('legal').find((r) => r.key === k)?.count ?? 0]));
    const answered = legal.on_time! + legal.late! + legal.extended!;
    const csat = Object.fromEntries([1, 2, 3, 4, 5].map((n) => [String(n), by('csat').find((r) => r.key === String(n))?.count ?? 0]));
    const rated = Object.values(csat).reduce((a, b) => a + b, 0);
    return {
      ...scope.period(),
      total: stat('total'),
      closed: stat('closed'),
      byClass: by('class'),
      byCategory: by('category'),
      byChannel: by('channel'),
      byPriority: by('priority'),
      firstResponseBusinessMinutes: { answered: stat('answered'), average: num('first_avg'), median: num('first_median') },
      resolutionBusinessMinutes: { resolved: stat('closed'), average: num('resolution_avg'), median: num('resolution_median') },
      slaCompliance: { closed: stat('closed'), met: stat('sla_met'), rate: ratio(stat('sla_met'), stat('closed')) },
      legalCompliance: { ...legal, answered, rate: ratio(legal.on_time! + legal.extended!, answered + legal.overdue!) },
      csat: { responses: rated, average: num('csat_avg'), distribution: csat },
    };
  }

  /**
   * CLTV per customer (contacts the caller can see) from ERP invoices issued up to the end of the
   * period (cancelled ones excluded) and payments received. Per currency:
   * averageOrder = revenue ÷ invoices; purchaseFrequency = invoices ÷ months active (from the
   * first invoice to the end of the period, at least 1); projected CLTV = revenue to date +
   * averageOrder × purchaseFrequency × horizonMonths (default 36).
   */
  async customersValue(scope: ReportScope) {
    const horizon = scope.query.horizonMonths ?? 36;
    const p = new Params();
    const t = p.add(scope.tenantId);
    const toAt = p.add(scope.toAt.toISOString());
    const vis = scope.visibility(p, { owner: 'c.owner_id', team: 'c.team_id' });
    const filters = [scope.query.ownerId ? `c.owner_id = ${p.add(scope.query.ownerId)}` : 'true', scope.query.teamId ? `c.team_id = ${p.add(scope.query.teamId)}` : 'true'];
    const rows = await this.q(
      `WITH inv AS (
         SELECT COALESCE(i.contact_id, (SELECT x.contact_id FROM rpt_contact x WHERE x.tenant_id = i.tenant_id AND x.tax_id = i.tax_id LIMIT 1)) AS contact_id,
                i.currency, i.total, i.issued_at
           FROM rpt_invoice i WHERE i.tenant_id = ${t} AND i.issued_at < ${toAt}::timestamptz AND i.status <> 'cancelled'),
       pay AS (
         SELECT COALESCE(y.contact_id, (SELECT x.contact_id FROM rpt_contact x WHERE x.tenant_id = y.tenant_id AND x.tax_id = y.tax_id LIMIT 1)) AS contact_id, y.currency, y.amount
           FROM rpt_payment y WHERE y.tenant_id = ${t} AND y.received_at < ${toAt}::timestamptz),
       per AS (SELECT contact_id, currency, count(*)::int AS invoices, sum(total) AS revenue, min(issued_at) AS first_at, max(issued_at) AS last_at FROM inv GROUP BY 1, 2),
       paid AS (SELECT contact_id, currency, sum(amount) AS paid FROM pay GROUP BY 1, 2)
       SELECT per.contact_id::text AS contact_id, c.display_name, per.currency, per.invoices, per.revenue::text AS revenue, COALESCE(paid.paid, 0)::text AS paid,
              per.first_at, per.last_at,
              GREATEST(1, (extract(year FROM age(${toAt}::timestamptz, per.first_at)) * 12 + extract(month FROM age(${toAt}::timestamptz, per.first_at)))
                          + CASE WHEN extract(day FROM age(${toAt}::timestamptz, per.first_at)) > 0 THEN 1 ELSE 0 END)::int AS months_active
         FROM per JOIN rpt_contact c ON c.tenant_id = ${t} AND c.contact_id = per.contact_id
         LEFT JOIN paid ON paid.contact_id = per.contact_id AND paid.currency = per.currency
        WHERE ${vis} AND ${filters.join(' AND ')}
        ORDER BY per.revenue DESC, per.contact_id LIMIT 1000`,
      p,
    );
    return {
      ...scope.period(),
      horizonMonths: horizon,
      formula: 'cltv = revenueToDate + averageOrder × purchaseFrequency × horizonMonths; averageOrder = revenueToDate ÷ invoices; purchaseFrequency = invoices ÷ monthsActive',
      customers: rows.map((r) => {
        const revenue = Number(r.revenue);
        const invoices = Number(r.invoices);
        const months = Number(r.months_active);
        const averageOrder = revenue / invoices;
        const frequency = invoices / months;
        const money = (amount: number): Money => ({ currency: String(r.currency), amount: amount.toFixed(2) });
        return {
          contactId: String(r.contact_id),
          name: r.display_name === null ? null : String(r.display_name),
          currency: String(r.currency),
          invoices,
          revenueToDate: money(revenue),
          paidToDate: money(Number(r.paid)),
          averageOrder: money(averageOrder),
          monthsActive: months,
          purchaseFrequencyPerMonth: Math.round(frequency * 10_000) / 10_000,
          firstPurchaseAt: instant(r.first_at),
          lastPurchaseAt: instant(r.last_at),
          projectedCltv: money(revenue + averageOrder * frequency * horizon),
        };
      }),
    };
  }
}
