// Loads N tickets (default 1,000,000) of one tenant straight into the tickets schema of a bench
// database, with a legal clock row each, the way an inbox looks after a few years: about 85 % closed
// (answered), the rest Abierto / En proceso / Pendiente (open ones older than 21 days overdue),
// spread over 40 teams and 400 agents (the first `agents` ids and `teams` given are real users
// of the bench, so their tokens see their share). Secondary indexes are dropped for the load and
// rebuilt after it, then VACUUM ANALYZE.
//
//   node bench/generate-tickets.mjs --database-url=postgres://postgres@127.0.0.1:5432/<db> --tenant=<uuid> [--count=1000000]
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

const BATCH = 100_000;
const TEAMS = 40;
const AGENTS = 400;
const WEEKDAYS = JSON.stringify({
  1: { start: '08:00', end: '17:00' },
  2: { start: '08:00', end: '17:00' },
  3: { start: '08:00', end: '17:00' },
  4: { start: '08:00', end: '17:00' },
  5: { start: '08:00', end: '17:00' },
  6: null,
  7: null,
});

/** Every index of the two tables except primary keys and unique constraints (needed for correctness during the load). */
async function secondaryIndexes(client) {
  const { rows } = await client.query(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.schemaname = 'tickets' AND i.tablename IN ('ticket', 'ticket_legal_clock')
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.connamespace = 'tickets'::regnamespace)`,
  );
  return rows;
}

/**
 * @param {{ databaseUrl: string, tenantId: string, count?: number, teamIds?: string[], agentIds?: string[], log?: (m: string) => void }} options
 * Real teams and agents take the first slots: real agent k works in teamIds[k % teamIds.length].
 */
export async function generateTickets({ databaseUrl, tenantId, count = 1_000_000, teamIds = [], agentIds = [], log = console.log }) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const timings = {};
  const timed = async (label, work) => {
    const started = performance.now();
    await work();
    timings[label] = Math.round(performance.now() - started);
    log(`${label}: ${(timings[label] / 1000).toFixed(1)} s`);
  };
  try {
    const teams = [...teamIds, ...Array.from({ length: Math.max(0, TEAMS - teamIds.length) }, () => randomUUID())];
    const agents = [...agentIds, ...Array.from({ length: Math.max(0, AGENTS - agentIds.length) }, () => randomUUID())];
    // Agent k works in team k % TEAMS, except the real agents, who are in the real team given for them.
    const agentTeams = agents.map((_, k) => (k < agentIds.length && teamIds.length ? teamIds[k % teamIds.length] : teams[k % TEAMS]));
    const [{ id: calendarId }] = (
      await client.query(
        `INSERT INTO tickets.business_calendar (tenant_id, name, time_zone, weekly_hours, colombian_holidays, extra_non_working_days, is_default)
         VALUES ($1, 'Calendario de carga', 'America/Bogota', $2::jsonb, true, '[]', false) RETURNING id`,
        [tenantId, WEEKDAYS],
      )
    ).rows;
    const indexes = await secondaryIndexes(client);
    await timed(`drop ${indexes.length} secondary indexes`, async () => {
      for (const index of indexes) await client.query(`DROP INDEX tickets.${index.indexname}`);
    });
    // Ticket i: agent i % AGENTS (5 % unassigned, every agent alike), team of that agent, created over ~3 years (newest last).
    await timed(`insert ${count} tickets`, async () => {
      for (let from = 1; from <= count; from += BATCH) {
        const to = Math.min(count, from + BATCH - 1);
        await client.query(
          `INSERT INTO tickets.ticket (tenant_id, radicado, pqr_class, priority, status, channel, subject, description,
                  requester_name, requester_email, requester_document_type, requester_document_number, team_id, assignee_id,
                  received_at, created_at, updated_at, closed_at, resolution)
           SELECT $1, 'PQR-' || (2023 + i * 3 / ($4::int + 1)) || '-' || lpad(i::text, 7, '0'),
                  (ARRAY['reclamo','queja','peticion_general','peticion_documentos','consulta','sugerencia'])[1 + i % 6],
                  (ARRAY['alta','media','media','baja'])[1 + (i / 7) % 4],
                  s.status, (ARRAY['web','email','telefono','presencial'])[1 + (i / 3) % 4],
                  'Solicitud ' || i || ' sobre ' || (ARRAY['facturación','servicio técnico','cobro doble','información','traslado'])[1 + i % 5],
                  'Texto de la solicitud.', 'Peticionario ' || i, 'p' || i || '@carga.test', 'CC', (10000000 + i)::text,
                  ($5::uuid[])[1 + i % $7::int],
                  CASE WHEN (i / $7::int) % 20 = 0 THEN NULL ELSE ($6::uuid[])[1 + i % $7::int] END,
                  c.created_at, c.created_at, c.created_at,
                  CASE WHEN s.status = 'cerrado' THEN c.created_at + interval '9 days' END,
                  CASE WHEN s.status = 'cerrado' THEN 'Resuelta.' END
             FROM generate_series($2::int, $3::int) AS i
             CROSS JOIN LATERAL (SELECT now() - ($4::int - i) * (interval '3 years' / $4::int) AS created_at) c
             CROSS JOIN LATERAL (SELECT CASE
                 WHEN c.created_at < now() - interval '60 days' THEN (ARRAY['cerrado','cerrado','cerrado','cerrado','cerrado','cerrado','cerrado','cerrado','cerrado','abierto'])[1 + (i / 11) % 10]
                 ELSE (ARRAY['abierto','abierto','en_proceso','en_proceso','pendiente','cerrado'])[1 + (i / 11) % 6] END AS status) s`,
          [tenantId, from, to, count, agentTeams, agents, AGENTS],
        );
      }
    });
    await timed('insert legal clock rows', async () => {
      await client.query(
        `INSERT INTO tickets.ticket_legal_clock (ticket_id, tenant_id, calendar_id, pqr_class, term_days, received_at, due_at, due_date, answered_at, next_check_at)
         SELECT t.id, t.tenant_id, $2, t.pqr_class, 15, t.received_at, t.received_at + interval '21 days', (t.received_at + interval '21 days')::date,
                t.closed_at, NULL
           FROM tickets.ticket t WHERE t.tenant_id = $1`,
        [tenantId, calendarId],
      );
    });
    await timed(`rebuild ${indexes.length} indexes`, async () => {
      await client.query("SET maintenance_work_mem = '256MB'");
      // Two at a time: both cores.
      const second = new pg.Client({ connectionString: databaseUrl });
      await second.connect();
      await second.query("SET maintenance_work_mem = '256MB'");
      const queue = [...indexes];
      const worker = async (c) => {
        for (let index = queue.shift(); index; index = queue.shift()) await c.query(index.indexdef);
      };
      await Promise.all([worker(client), worker(second)]);
      await second.end();
    });
    await timed('vacuum analyze', async () => {
      await client.query('VACUUM ANALYZE tickets.ticket');
      await client.query('VACUUM ANALYZE tickets.ticket_legal_clock');
    });
    const [{ size }] = (await client.query(`SELECT pg_size_pretty(pg_total_relation_size('tickets.ticket') + pg_total_relation_size('tickets.ticket_legal_clock')) AS size`)).rows;
    return { count, teams, agents, calendarId, timings, size };
  } finally {
    await client.end();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = Object.fromEntries(process.argv.slice(2).map((arg) => /^--([a-z-]+)(?:=(.*))?$/.exec(arg)?.slice(1) ?? [arg, 'true']));
  if (!args['database-url'] || !args.tenant) {
    console.error('usage: node bench/generate-tickets.mjs --database-url=<url> --tenant=<uuid> [--count=1000000]');
    process.exit(2);
  }
  const result = await generateTickets({ databaseUrl: args['database-url'], tenantId: args.tenant, count: Number(args.count ?? 1_000_000) });
  console.log(JSON.stringify({ count: result.count, size: result.size, timings: result.timings }));
}
