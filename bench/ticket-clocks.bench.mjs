// Benchmark: the tickets clock scheduler over 100,000 open tickets. Inserts N tickets with a
// legal and an SLA clock row each (next_check_at spread over 30 days, 1 % due now), then times the
// scheduler's own code (ClockPasses from dist/, the same class the service runs) for:
//   1. a pass with 1 % of the rows due (the normal case: alerts, recomputations),
//   2. an idle pass right after (nothing due: the index probe every replica does every poll),
//   3. a full pass after every row was flagged for recomputation (e.g. a calendar edit).
// "Database time" is the time spent waiting on Postgres (every query of the pass, summed);
// "wall" adds the JavaScript (business-day and business-minute arithmetic) between queries.
//
//   node bench/ticket-clocks.bench.mjs [--tickets=100000] [--no-build]   standalone (tickets service, fresh database)
//   npm run bench -- ticket-clocks                                          inside the shared runner
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { BenchPlatform, importDist } from './lib/platform.mjs';
import { fmt, table } from './lib/stats.mjs';

export const name = 'ticket-clocks';
export const description = 'Clock scheduler passes over 100,000 open tickets (legal + SLA rows): database time per pass';

const TARGET_DB_MS = 1000;
const WEEKDAYS = JSON.stringify({
  1: { start: '08:00', end: '17:00' },
  2: { start: '08:00', end: '17:00' },
  3: { start: '08:00', end: '17:00' },
  4: { start: '08:00', end: '17:00' },
  5: { start: '08:00', end: '17:00' },
  6: null,
  7: null,
});

async function seed(databaseUrl, tickets) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tenantId = randomUUID();
    const teamId = randomUUID();
    await client.query('BEGIN');
    const [{ id: calendarId }] = (
      await client.query(
        `INSERT INTO tickets.business_calendar (tenant_id, name, time_zone, weekly_hours, colombian_holidays, extra_non_working_days, is_default)
         VALUES ($1, 'Calendario general', 'America/Bogota', $2::jsonb, true, '[]', true) RETURNING id`,
        [tenantId, WEEKDAYS],
      )
    ).rows;
    await client.query(
      `INSERT INTO tickets.user_ref (user_id, tenant_id, name, team_ids, roles, active, source_version)
       VALUES ($1, $2, 'Gerente', ARRAY[$3::uuid], ARRAY['manager'], true, 1)`,
      [randomUUID(), tenantId, teamId],
    );
    await client.query(
      `INSERT INTO tickets.ticket (tenant_id, radicado, pqr_class, priority, status, channel, subject, description, requester_name, requester_email, team_id, assignee_id, received_at)
       SELECT $1, 'PQR-2026-' || lpad(i::text, 7, '0'), (ARRAY['reclamo','queja','peticion_general','peticion_documentos','consulta'])[1 + i % 5],
              (ARRAY['alta','media','baja'])[1 + i % 3], 'abierto', 'web', 'Asunto ' || i, 'Descripción', 'Persona ' || i, 'p' || i || '@bench.co', $2, $3,
              now() - (i % 25) * interval '1 day' - (i % 600) * interval '1 minute'
         FROM generate_series(1, $4) AS i`,
      [tenantId, teamId, randomUUID(), tickets],
    );
    // 1 % due now; the rest spread over the next 30 days.
    await client.query(
      `INSERT INTO tickets.ticket_legal_clock (ticket_id, tenant_id, calendar_id, pqr_class, term_days, received_at, due_at, due_date, next_check_at)
       SELECT t.id, t.tenant_id, $2, t.pqr_class, CASE t.pqr_class WHEN 'consulta' THEN 30 WHEN 'peticion_documentos' THEN 10 ELSE 15 END, t.received_at,
              t.received_at + interval '21 days', (t.received_at + interval '21 days')::date,
              CASE WHEN abs(hashtext(t.radicado)) % 100 = 0 THEN now() - interval '1 minute' ELSE now() + random() * interval '30 days' END
         FROM tickets.ticket t WHERE t.tenant_id = $1`,
      [tenantId, calendarId],
    );
    await client.query(
      `INSERT INTO tickets.ticket_sla_clock (ticket_id, tenant_id, calendar_id, started_at, resolution_started_at, first_response_minutes, resolution_minutes,
              first_response_warn_at, first_response_due_at, resolution_warn_at, resolution_due_at, next_check_at, recompute)
       SELECT t.id, t.tenant_id, $2, t.received_at, t.received_at, 240, 1620,
              t.received_at + interval '3 hours', t.received_at + interval '4 hours', t.received_at + interval '2 days', t.received_at + interval '3 days',
              CASE WHEN abs(hashtext(t.radicado)) % 100 = 0 THEN now() - interval '1 minute' ELSE now() + random() * interval '30 days' END,
              abs(hashtext(t.radicado)) % 100 = 0
         FROM tickets.ticket t WHERE t.tenant_id = $1`,
      [tenantId, calendarId],
    );
    await client.query('COMMIT');
    await client.query('ANALYZE tickets.ticket_legal_clock');
    await client.query('ANALYZE tickets.ticket_sla_clock');
    await client.query('ANALYZE tickets.ticket');
    return { tenantId };
  } finally {
    await client.end();
  }
}

/** A TypeORM DataSource as the tickets service role, whose query runners add up their time in Postgres. */
async function timedDataSource(url) {
  const { DataSource } = await import('typeorm');
  const dataSource = new DataSource({ type: 'postgres', url, entities: [], logging: false });
  await dataSource.initialize();
  const clock = { ms: 0, queries: 0 };
  const create = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = (mode) => {
    const runner = create(mode);
    const query = runner.query.bind(runner);
    runner.query = async (...args) => {
      const started = performance.now();
      try {
        return await query(...args);
      } finally {
        clock.ms += performance.now() - started;
        clock.queries += 1;
      }
    };
    return runner;
  };
  return { dataSource, clock };
}

export async function run({ platform, options = {}, log }) {
  const tickets = Number(options.clockTickets ?? process.env.BENCH_CLOCK_TICKETS ?? 100_000);
  log(`seeding ${tickets} tickets with a legal and an SLA clock each`);
  const t0 = performance.now();
  await seed(platform.databaseUrl, tickets);
  log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const { ClockPasses } = await importDist('services/tickets/src/clocks/clock-passes.js');
  const { ClockStore } = await importDist('services/tickets/src/clocks/clock-store.js');
  const { TicketHistoryService } = await importDist('services/tickets/src/tickets/ticket-history.service.js');
  const { OutboxService, resolveMessagingOptions } = await importDist('libs/messaging/src/index.js');
  const { dataSource, clock } = await timedDataSource(platform.serviceDatabaseUrl('tickets'));
  const config = { pollMs: 0, batchSize: 500, dueSoonDays: 3 };
  const passes = new ClockPasses(dataSource, new ClockStore(), new OutboxService(resolveMessagingOptions({ service: 'tickets' })), new TicketHistoryService(), config);

  const measure = async (label) => {
    clock.ms = 0;
    clock.queries = 0;
    const started = performance.now();
    const result = await passes.runAll(new Date());
    const wallMs = performance.now() - started;
    log(`${label}: ${result.legal} legal + ${result.sla} SLA rows, ${result.alerts} alerts, db ${clock.ms.toFixed(1)} ms, wall ${wallMs.toFixed(1)} ms`);
    return { label, ...result, dbMs: Math.round(clock.ms * 10) / 10, wallMs: Math.round(wallMs * 10) / 10, queries: clock.queries };
  };
  try {
    const rows = [];
    rows.push(await measure('1 % due (normal pass)'));
    rows.push(await measure('nothing due (idle pass)'));
    const [plan] = await platform.query(
      `EXPLAIN (FORMAT JSON) SELECT ticket_id FROM tickets.ticket_legal_clock WHERE next_check_at <= now() ORDER BY next_check_at LIMIT 500 FOR UPDATE SKIP LOCKED`,
    );
    const planText = JSON.stringify(plan['QUERY PLAN']);
    const usesIndex = planText.includes('ticket_legal_clock_next_check');
    await platform.query("UPDATE tickets.ticket_legal_clock SET next_check_at = now() - interval '1 second', recompute = true");
    await platform.query("UPDATE tickets.ticket_sla_clock SET next_check_at = now() - interval '1 second', recompute = true");
    rows.push(await measure('everything due + recompute (calendar edit)'));
    const normal = rows[0];
    const text = [
      `clock scheduler over ${tickets} open tickets (${tickets} legal + ${tickets} SLA clock rows), batches of ${config.batchSize}`,
      table(
        ['pass', 'legal rows', 'SLA rows', 'alerts', 'queries', 'db ms', 'wall ms'],
        rows.map((r) => [r.label, String(r.legal), String(r.sla), String(r.alerts), String(r.queries), fmt(r.dbMs, 1), fmt(r.wallMs, 1)]),
      ),
      `normal pass database time ${fmt(normal.dbMs, 1)} ms (target ≤ ${TARGET_DB_MS} ms: ${normal.dbMs <= TARGET_DB_MS ? 'met' : 'NOT met'}); due rows found through ${usesIndex ? 'the partial index on next_check_at' : 'NO index (sequential scan)'}`,
    ].join('\n');
    return { text, data: { tickets, passes: rows, usesNextCheckIndex: usesIndex } };
  } finally {
    await dataSource.destroy();
  }
}

async function standalone() {
  const args = Object.fromEntries(
    process.argv
      .slice(2)
      .map((arg) => arg.replace(/^--/, '').split('='))
      .map(([k, v]) => [k, v ?? true]),
  );
  const log = (message) => console.log(`[ticket-clocks ${new Date().toISOString().slice(11, 19)}] ${message}`);
  if (args.build !== 'false' && !args['no-build']) {
    const { build } = await import(pathToFileURL(new URL('../scripts/build.mjs', import.meta.url).pathname).href);
    await build();
  }
  // The service's own scheduler stays off: the bench drives the passes itself.
  const platform = new BenchPlatform({ services: ['tickets'], gateway: false, env: { TICKETS_CLOCK_POLL_MS: '0' } });
  let exitCode = 0;
  try {
    await platform.start();
    const { text } = await run({ platform, options: { clockTickets: args.tickets ? Number(args.tickets) : undefined }, log });
    console.log(`\n${text}\n`);
  } catch (error) {
    exitCode = 1;
    console.error(error);
    console.error(platform.logsOf('tickets').split('\n').slice(-40).join('\n'));
  } finally {
    await platform.stop();
  }
  process.exit(exitCode);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await standalone();
