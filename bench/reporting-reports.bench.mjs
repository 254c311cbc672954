// Benchmark: every report over 1,000,000 opportunities and 1,000,000 tickets of one tenant, and
// the dashboard under 8 concurrent users.
//   1. Loads the read models straight with SQL (generate_series): 1M opportunities over 24 months
//      (5 stages, 50 sellers in 10 teams, 2 currencies, ~35 % won, ~25 % lost, the rest open),
//      1.5M stage moves, 300k contacts (20 sources), 1M tickets, 200k activities, the cubes the
//      projections keep (dashboard, funnel); then VACUUM ANALYZE (what autovacuum does to tables that
//      stop changing: statistics, and the visibility map the index-only scans need).
//   2. Each report through the gateway as the admin, for a 12-month range: 1 warm-up, then
//      5 timed runs → median and max (target ≤ 1 s each).
//   3. The dashboard, 8 closed-loop connections for 15 s (target p95 ≤ 300 ms).
//
//   npm run bench -- reporting-reports --services=reporting [--opportunities=1000000] [--tickets=1000000] [--reports=funnel,sales-cycle,trends]
//   (--reports: only those reports, and no dashboard load unless `dashboard` is one of them)
import { performance } from 'node:perf_hooks';
import { closedLoop } from './lib/load.mjs';
import { requestJson } from './lib/http.mjs';
import { fmt, round, summarize, table } from './lib/stats.mjs';

export const name = 'reporting-reports';
export const description = 'each report over 1M opportunities and 1M tickets (≤ 1 s); dashboard p95 with 8 users (≤ 300 ms)';

const REPORTS = ['dashboard', 'funnel', 'stage-distribution', 'trends', 'sales-cycle', 'sellers', 'sources', 'customers/value', 'forecast', 'tickets', 'activities'];

async function load(platform, tenantId, opportunities, tickets, log) {
  const t = tenantId;
  const steps = [
    [
      'contacts',
      `INSERT INTO reporting.rpt_contact (tenant_id, contact_id, created, created_at, initial_lifecycle, lifecycle, lifecycle_version, owner_id, owner_version, team_id, source_id, customer_at)
       SELECT '${t}', gen_random_uuid(), true, now() - (i % 730) * interval '1 day', 'prospect', CASE WHEN i % 4 = 0 THEN 'customer' ELSE 'prospect' END, 1,
              ('00000000-0000-4000-8000-' || lpad((i % 50)::text, 12, '0'))::uuid, 1, ('00000000-0000-4000-9000-' || lpad((i % 10)::text, 12, '0'))::uuid,
              ('00000000-0000-4000-a000-' || lpad((i % 20)::text, 12, '0'))::uuid, CASE WHEN i % 4 = 0 THEN now() - (i % 700) * interval '1 day' END
         FROM generate_series(1, ${Math.round(opportunities * 0.3)}) i`,
    ],
    [
      'stages',
      `INSERT INTO reporting.rpt_stage (tenant_id, stage_id, pipeline_id, name, probability)
       SELECT '${t}', ('00000000-0000-4000-b000-' || lpad(s::text, 12, '0'))::uuid, '00000000-0000-4000-c000-000000000001', 'Etapa ' || s, s * 20 FROM generate_series(0, 4) s`,
    ],
    [
      'opportunities',
      `INSERT INTO reporting.rpt_opportunity (tenant_id, opportunity_id, contact_id, pipeline_id, stage_id, initial_stage_id, owner_id, team_id, status, amount, currency, probability,
                                              expected_close_date, source_id, created_at, closed_at, version, reached_stage_ids)
       SELECT '${t}', gen_random_uuid(), NULL, '00000000-0000-4000-c000-000000000001', ('00000000-0000-4000-b000-' || lpad((i % 5)::text, 12, '0'))::uuid,
              '00000000-0000-4000-b000-000000000000', ('00000000-0000-4000-8000-' || lpad((i % 50)::text, 12, '0'))::uuid, ('00000000-0000-4000-9000-' || lpad((i % 10)::text, 12, '0'))::uuid,
              CASE WHEN i % 20 < 7 THEN 'won' WHEN i % 20 < 12 THEN 'lost' ELSE 'open' END, (i % 1000) * 1000 + 500, CASE WHEN i % 10 = 0 THEN 'USD' ELSE 'COP' END, (i % 5) * 20,
              to_char(now() + ((i % 365) - 100) * interval '1 day', 'YYYY-MM-DD'), ('00000000-0000-4000-a000-' || lpad((i % 20)::text, 12, '0'))::uuid,
              now() - (i % 730) * interval '1 day', CASE WHEN i % 20 < 12 THEN now() - (i % 730) * interval '1 day' + (i % 90) * interval '1 day' END, 1,
              CASE WHEN i % 4 <> 0 THEN ARRAY['00000000-0000-4000-b000-000000000000', '00000000-0000-4000-b000-000000000001', '00000000-0000-4000-b000-000000000002']::uuid[]
                   ELSE ARRAY['00000000-0000-4000-b000-000000000000']::uuid[] END
         FROM generate_series(1, ${opportunities}) i`,
    ],
    [
      'stage moves',
      `INSERT INTO reporting.rpt_stage_move (tenant_id, event_id, opportunity_id, pipeline_id, from_stage_id, to_stage_id, seconds_in_previous, owner_id, team_id, changed_at)
       SELECT '${t}', gen_random_uuid()::text, o.opportunity_id, o.pipeline_id, '00000000-0000-4000-b000-000000000000', ('00000000-0000-4000-b000-' || lpad((1 + k)::text, 12, '0'))::uuid,
              86400 * (1 + k), o.owner_id, o.team_id, o.created_at + (1 + k) * interval '1 day'
         FROM (SELECT * FROM reporting.rpt_opportunity WHERE tenant_id = '${t}' LIMIT ${Math.round(opportunities * 0.75)}) o CROSS JOIN generate_series(0, 1) k`,
    ],
    [
      'tickets',
      `INSERT INTO reporting.rpt_ticket (tenant_id, ticket_id, radicado, pqr_class, priority, channel, status, status_at, assignee_id, team_id, received_at, first_response_at, first_response_minutes,
                                         closed_at, resolution_minutes, legal_due_at, extended, legal_overdue, legal_state, sla_state, sla_breached, csat)
       SELECT '${t}', gen_random_uuid(), 'PQR-2026-' || lpad(i::text, 7, '0'), (ARRAY['peticion_general','queja','reclamo','consulta','sugerencia'])[1 + i % 5],
              (ARRAY['alta','media','baja'])[1 + i % 3], (ARRAY['web','email','telefono','chat'])[1 + i % 4], CASE WHEN i % 7 = 0 THEN 'abierto' ELSE 'cerrado' END, now(),
              ('00000000-0000-4000-8000-' || lpad((i % 50)::text, 12, '0'))::uuid, ('00000000-0000-4000-9000-' || lpad((i % 10)::text, 12, '0'))::uuid,
              now() - (i % 730) * interval '1 day', now() - (i % 730) * interval '1 day' + interval '2 hours', 120 + i % 600,
              CASE WHEN i % 7 <> 0 THEN now() - (i % 730) * interval '1 day' + interval '3 days' END, CASE WHEN i % 7 <> 0 THEN 1000 + i % 5000 END,
              now() - (i % 730) * interval '1 day' + interval '15 days', i % 13 = 0, i % 7 = 0 AND i % 2 = 0,
              CASE WHEN i % 7 = 0 THEN NULL WHEN i % 11 = 0 THEN 'answered_late' ELSE 'answered_on_time' END, CASE WHEN i % 9 = 0 THEN 'breached' ELSE 'met' END, i % 9 = 0,
              CASE WHEN i % 3 = 0 THEN 1 + i % 5 END
         FROM generate_series(1, ${tickets}) i`,
    ],
    [
      'activities',
      `INSERT INTO reporting.rpt_activity (tenant_id, activity_id, type, assigned_to, status, created_at, completed_at, version)
       SELECT '${t}', gen_random_uuid(), (ARRAY['call','meeting','email','task','visit'])[1 + i % 5], ('00000000-0000-4000-8000-' || lpad((i % 50)::text, 12, '0'))::uuid,
              'done', now() - (i % 730) * interval '1 day', now() - (i % 730) * interval '1 day' + interval '1 day', 1
         FROM generate_series(1, ${Math.round(opportunities * 0.2)}) i`,
    ],
    // The cubes the projections keep by batched deltas (projections/cube.ts), built here in one pass from the loaded rows.
    [
      'opportunity cube',
      `INSERT INTO reporting.rpt_opp_cube (tenant_id, kind, day, owner_id, team_id, pipeline_id, stage_id, currency, n, amount, weighted)
       SELECT tenant_id, status, CASE WHEN status = 'open' THEN '' ELSE to_char(closed_at AT TIME ZONE 'America/Bogota', 'YYYY-MM-DD') END,
              coalesce(owner_id::text, ''), coalesce(team_id::text, ''), coalesce(pipeline_id::text, ''), CASE WHEN status = 'open' THEN stage_id::text ELSE '' END, currency,
              count(*), sum(amount), sum(CASE WHEN status = 'open' THEN amount * probability / 100.0 ELSE 0 END)
         FROM reporting.rpt_opportunity WHERE tenant_id = '${t}' GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
    ],
    [
      'contact cube',
      `INSERT INTO reporting.rpt_contact_cube (tenant_id, kind, day, owner_id, team_id, lifecycle, n)
       SELECT tenant_id, kind, day, owner_id, team_id, lifecycle, count(*) FROM (
         SELECT tenant_id, 'now' AS kind, '' AS day, coalesce(owner_id::text, '') AS owner_id, coalesce(team_id::text, '') AS team_id, coalesce(lifecycle, '') AS lifecycle FROM reporting.rpt_contact WHERE tenant_id = '${t}'
         UNION ALL SELECT tenant_id, 'created', to_char(created_at AT TIME ZONE 'America/Bogota', 'YYYY-MM-DD'), coalesce(owner_id::text, ''), coalesce(team_id::text, ''), '' FROM reporting.rpt_contact WHERE tenant_id = '${t}'
         UNION ALL SELECT tenant_id, 'lead', to_char(created_at AT TIME ZONE 'America/Bogota', 'YYYY-MM-DD'), coalesce(owner_id::text, ''), coalesce(team_id::text, ''), '' FROM reporting.rpt_contact WHERE tenant_id = '${t}'
         UNION ALL SELECT tenant_id, 'lead_converted', to_char(customer_at AT TIME ZONE 'America/Bogota', 'YYYY-MM-DD'), coalesce(owner_id::text, ''), coalesce(team_id::text, ''), ''
           FROM reporting.rpt_contact WHERE tenant_id = '${t}' AND customer_at IS NOT NULL) x
       GROUP BY 1, 2, 3, 4, 5, 6`,
    ],
    // The funnel cube (projections/cube.ts funnelCells), with the fill of the migration that adds it.
    [
      'funnel cube',
      `INSERT INTO reporting.rpt_funnel_cube (tenant_id, kind, month, owner_id, team_id, pipeline_id, source_id, stage_id, status, currency, n, valued, amount)
       SELECT tenant_id, kind, month, owner_id, team_id, pipeline_id, source_id, stage_id, status, currency, count(*), count(amount), coalesce(sum(amount), 0)
         FROM (SELECT o.tenant_id, 'deal' AS kind, to_char(o.created_at AT TIME ZONE 'America/Bogota', 'YYYY-MM') AS month, coalesce(o.owner_id::text, '') AS owner_id,
                      coalesce(o.team_id::text, '') AS team_id, coalesce(o.pipeline_id::text, '') AS pipeline_id, '' AS source_id, coalesce(o.stage_id::text, '') AS stage_id,
                      coalesce(o.status, '') AS status, coalesce(o.currency, '') AS currency, o.amount
                 FROM reporting.rpt_opportunity o WHERE o.tenant_id = '${t}' AND o.created_at IS NOT NULL
               UNION ALL
               SELECT o.tenant_id, 'source', to_char(o.created_at AT TIME ZONE 'America/Bogota', 'YYYY-MM'), coalesce(o.owner_id::text, ''), coalesce(o.team_id::text, ''),
                      coalesce(o.pipeline_id::text, ''), o.source_id::text, '', coalesce(o.status, ''), coalesce(o.currency, ''), o.amount
                 FROM reporting.rpt_opportunity o WHERE o.tenant_id = '${t}' AND o.created_at IS NOT NULL AND o.source_id IS NOT NULL
               UNION ALL
               SELECT o.tenant_id, 'reached', to_char(o.created_at AT TIME ZONE 'America/Bogota', 'YYYY-MM'), coalesce(o.owner_id::text, ''), coalesce(o.team_id::text, ''),
                      coalesce(o.pipeline_id::text, ''), '', r.stage_id::text, '', coalesce(o.currency, ''), o.amount
                 FROM reporting.rpt_opportunity o CROSS JOIN LATERAL unnest(o.reached_stage_ids) AS r(stage_id) WHERE o.tenant_id = '${t}' AND o.created_at IS NOT NULL) x
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`,
    ],
    [
      'vacuum analyze',
      `VACUUM ANALYZE reporting.rpt_contact, reporting.rpt_opportunity, reporting.rpt_stage_move, reporting.rpt_ticket, reporting.rpt_activity, reporting.rpt_opp_cube,
                      reporting.rpt_contact_cube, reporting.rpt_funnel_cube`,
    ],
  ];
  const timings = {};
  for (const [label, sql] of steps) {
    const started = performance.now();
    await platform.query(sql);
    timings[label] = round((performance.now() - started) / 1000, 1);
    log(`${label}: ${timings[label]} s`);
  }
  return timings;
}

export async function run({ platform, options, log }) {
  if (!platform.has('reporting') || !platform.gatewayUrl) throw new Error('reporting-reports needs reporting and the gateway (--services=reporting)');
  const opportunities = Number(options.opportunities ?? 1_000_000);
  const tickets = Number(options.tickets ?? 1_000_000);
  const tenantId = JSON.parse(Buffer.from(platform.token.split('.')[1], 'base64url').toString()).tid;
  log(`loading ${opportunities} opportunities and ${tickets} tickets`);
  const loadSeconds = await load(platform, tenantId, opportunities, tickets, log);
  const to = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
  const only = typeof options.reports === 'string' ? options.reports.split(',').filter(Boolean) : null;
  const rows = [];
  const data = { loadSeconds, reports: {} };
  for (const report of only ?? REPORTS) {
    const url = `${platform.gatewayUrl}/api/v1/reports/${report}?from=${from}&to=${to}`;
    await requestJson('GET', url, { token: platform.token, timeoutMs: 60_000 });
    const times = [];
    let status = 0;
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      status = (await requestJson('GET', url, { token: platform.token, timeoutMs: 60_000 })).status;
      times.push(performance.now() - started);
    }
    const s = summarize(times);
    data.reports[report] = { status, ...s };
    rows.push([report, status, `${fmt(s.p50, 0)} ms`, `${fmt(s.max, 0)} ms`, s.max <= 1000 ? 'yes' : 'no']);
  }
  if (only && !only.includes('dashboard')) return { text: table(['report (12 months)', 'status', 'median', 'max', '≤ 1 s'], rows), data };
  const dashboard = await closedLoop({
    title: 'dashboard, 8 users',
    url: platform.gatewayUrl,
    path: () => `/api/v1/reports/dashboard?from=${from}&to=${to}`,
    headers: { authorization: `Bearer ${platform.token}` },
    connections: 8,
    seconds: Number(options.seconds ?? 15),
    warmupSeconds: 2,
    ourProcesses: () => platform.ourProcesses(),
  });
  data.dashboard = dashboard;
  const text = [
    table(['report (12 months)', 'status', 'median', 'max', '≤ 1 s'], rows),
    table(
      ['dashboard, 8 users', 'req/s', 'p50', 'p95', 'p99', '≤ 300 ms'],
      [
        [
          `${dashboard.requests} requests`,
          dashboard.requestsPerSecond,
          `${fmt(dashboard.latencyMs.p50, 0)} ms`,
          `${fmt(dashboard.latencyMs.p95, 0)} ms`,
          `${fmt(dashboard.latencyMs.p99, 0)} ms`,
          dashboard.latencyMs.p95 <= 300 ? 'yes' : 'no',
        ],
      ],
    ),
  ].join('\n\n');
  return { text, data };
}
