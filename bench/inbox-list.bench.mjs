// Benchmark: the support inbox (GET /api/v1/tickets with two filters) over 1,000,000 tickets of
// one tenant, through the gateway, 8 support agents at once (issue #8: p95 ≤ 50 ms).
//   1. creates 4 teams and 8 support agents (2 per team) through the gateway;
//   2. bench/generate-tickets.mjs loads the tickets (+ a legal clock row each) straight into the
//      tickets schema, the agents and teams taking the first slots of 400 agents and 40 teams;
//   3. each agent loops over two inbox shapes, with its own token (its visibility rules apply):
//        "my open queue":      ?status=abierto,en_proceso&assigneeId=<me>
//        "team overdue, high": ?status=abierto,en_proceso,pendiente&overdue=true&priority=alta
//      closed loop (the next request as soon as the last answered) and paced (0.5-1.5 s think time);
//   4. prints p50/p95/p99 and requests/s per shape and phase, and EXPLAIN (ANALYZE, BUFFERS) of
//      the SQL each shape runs (`shapeSql`: the statement TicketsQueryService builds, written out
//      by hand with the first agent's parameters).
//
//   node bench/inbox-list.bench.mjs [--tickets=1000000] [--seconds=20] [--wait-idle=120] [--no-build]
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { cpuWindow, sampleBusyCores } from './lib/cpu.mjs';
import { generateTickets } from './generate-tickets.mjs';
import { BenchPlatform } from './lib/platform.mjs';
import { fmt, sleep, summarize, table } from './lib/stats.mjs';

export const name = 'inbox-list';
export const description = 'Inbox list with two filters over 1,000,000 tickets, 8 support agents through the gateway';

const TARGET_P95_MS = 50;
const AGENTS = 8;

const SHAPES = {
  'my open queue (status + assignee)': (agent) => `/api/v1/tickets?status=abierto,en_proceso&assigneeId=${agent.id}&limit=50`,
  'team overdue (status + overdue + priority)': () => '/api/v1/tickets?status=abierto,en_proceso,pendiente&overdue=true&priority=alta&limit=50',
};

/** The statement TicketsQueryService.list builds for a support agent (visibility + filters + keyset order). */
function shapeSql(shape) {
  const visibility = `t.tenant_id = $1 AND t.merged_into_id IS NULL
    AND (((t.assignee_id = $2 OR (t.assignee_id IS NULL AND t.owner_id = $2)) OR t.team_id IN ($3)) OR t.owner_id = $2)`;
  const filters = shape.startsWith('my open')
    ? `t.status IN ('abierto', 'en_proceso') AND t.assignee_id IN ($2)`
    : `t.status IN ('abierto', 'en_proceso', 'pendiente') AND t.priority IN ('alta')
       AND EXISTS (SELECT 1 FROM tickets.ticket_legal_clock lco WHERE lco.ticket_id = t.id AND lco.answered_at IS NULL AND lco.suspended_since IS NULL AND lco.due_at < now())`;
  return `SELECT t.* FROM tickets.ticket t WHERE ${visibility} AND ${filters} ORDER BY t.created_at DESC, t.id DESC LIMIT 51`;
}

async function agentLoop({ url, agent, seconds, thinkMs, record }) {
  const shapes = Object.entries(SHAPES);
  const deadline = performance.now() + seconds * 1000;
  for (let i = Math.floor(Math.random() * shapes.length); performance.now() < deadline; i++) {
    const [shape, path] = shapes[i % shapes.length];
    const started = performance.now();
    const response = await fetch(`${url}${path(agent)}`, { headers: { authorization: `Bearer ${agent.token}` } });
    const body = await response.text();
    record(shape, performance.now() - started, response.status, body);
    if (thinkMs) await sleep(thinkMs[0] + Math.random() * (thinkMs[1] - thinkMs[0]));
  }
}

async function measure({ platform, agents, seconds, thinkMs }) {
  const latencies = new Map(Object.keys(SHAPES).map((shape) => [shape, []]));
  const failures = [];
  const empty = new Map();
  const cpu = cpuWindow(() => platform.ourProcesses());
  const started = performance.now();
  await Promise.all(
    agents.map((agent) =>
      agentLoop({
        url: platform.gatewayUrl,
        agent,
        seconds,
        thinkMs,
        record: (shape, ms, status, body) => {
          if (status !== 200) return void failures.push(`${status} ${body.slice(0, 200)}`);
          latencies.get(shape).push(ms);
          if (body.startsWith('{"items":[]')) empty.set(shape, (empty.get(shape) ?? 0) + 1);
        },
      }),
    ),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpuUse = await cpu.stop();
  const all = [...latencies.values()].flat();
  const results = Object.fromEntries(
    [...latencies].map(([shape, values]) => [shape, { ...summarize(values), requestsPerSecond: Math.round((values.length / elapsed) * 10) / 10, emptyPages: empty.get(shape) ?? 0 }]),
  );
  return { results, overall: { ...summarize(all), requestsPerSecond: Math.round((all.length / elapsed) * 10) / 10 }, failures, cpu: cpuUse };
}

function report(title, m) {
  const row = (label, r) => [label, String(r.count), fmt(r.requestsPerSecond, 1), fmt(r.p50, 1), fmt(r.p95, 1), fmt(r.p99, 1), fmt(r.max, 1), String(r.emptyPages ?? '—')];
  const c = m.cpu;
  const lines = [
    title,
    table(['shape', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'empty pages'], [...Object.entries(m.results).map(([shape, r]) => row(shape, r)), row('all', m.overall)]),
    `p95 ${fmt(m.overall.p95, 1)} ms (target ≤ ${TARGET_P95_MS} ms: ${m.overall.p95 <= TARGET_P95_MS ? 'met' : 'NOT met'}); failures ${m.failures.length}`,
    `CPU: ${fmt(c.busyCores, 2)} of ${c.cores} cores busy (gateway ${fmt(c.byProcess?.gateway, 2)}, tickets ${fmt(c.byProcess?.tickets, 2)}, ` +
      `postgres ${fmt(c.ourPostgresCores ?? c.dbBrokerCores, 2)}, load generator ${fmt(c.byProcess?.['bench (load generator)'], 2)}, others' processes ${fmt(c.otherCores, 2)})`,
  ];
  if (c.otherCores > 0.25) lines.push(`WARNING: other processes used ${fmt(c.otherCores, 2)} cores during this window: figures understate this code`);
  if (m.failures.length) lines.push(`failures: ${m.failures.slice(0, 3).join(' | ')}`);
  return lines.join('\n');
}

async function waitForQuiet(seconds, log) {
  let busy = await sampleBusyCores(2000);
  for (const deadline = Date.now() + seconds * 1000; busy > 0.3 && Date.now() < deadline;) {
    log(`machine busy (${busy.toFixed(2)} cores used by others or us); waiting`);
    busy = await sampleBusyCores(5000);
  }
  return busy;
}

export async function run({ platform, options = {}, log }) {
  const count = Number(options.inboxTickets ?? process.env.BENCH_INBOX_TICKETS ?? 1_000_000);
  const seconds = Number(options.inboxSeconds ?? process.env.BENCH_INBOX_SECONDS ?? 20);
  const waitIdle = Number(options.inboxWaitIdle ?? 0);
  const world = platform.world;
  if (!world) throw new Error('inbox-list needs the gateway');
  const teamIds = [];
  for (let i = 0; i < AGENTS / 2; i++) teamIds.push(await world.createTeam(`Bandeja ${i + 1}`));
  const agents = [];
  for (let i = 0; i < AGENTS; i++) {
    const user = await world.createUser(['support'], [teamIds[i % teamIds.length]]);
    agents.push({ ...user, teamId: teamIds[i % teamIds.length] });
  }
  const tenantId = JSON.parse(Buffer.from(world.adminToken.split('.')[1], 'base64url').toString('utf8')).tid;
  log(`generating ${count} tickets for tenant ${tenantId}`);
  const generated = await generateTickets({ databaseUrl: platform.databaseUrl, tenantId, count, teamIds, agentIds: agents.map((a) => a.id), log });

  // EXPLAIN of each shape as the first agent, on a warm cache.
  const client = new pg.Client({ connectionString: platform.databaseUrl });
  await client.connect();
  const plans = {};
  try {
    for (const shape of Object.keys(SHAPES)) {
      const sql = shapeSql(shape);
      const params = [tenantId, agents[0].id, agents[0].teamId];
      await client.query(sql, params);
      const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      plans[shape] = rows.map((row) => row['QUERY PLAN']).join('\n');
    }
  } finally {
    await client.end();
  }

  const phases = [];
  for (const [label, thinkMs] of [
    ['closed loop (no think time)', null],
    ['paced (0.5-1.5 s think time)', [500, 1500]],
  ]) {
    const quiet = await waitForQuiet(waitIdle, log);
    log(`${label}: ${AGENTS} agents for ${seconds} s (machine ${quiet.toFixed(2)} cores busy before)`);
    phases.push({ label, quietBefore: quiet, ...(await measure({ platform, agents, seconds, thinkMs })) });
  }
  const text = [
    `inbox list over ${count} tickets of one tenant (${generated.size} with the legal clock rows), ${AGENTS} support agents through the gateway, 50 per page`,
    `generated: ${Object.entries(generated.timings)
      .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
      .join(', ')}`,
    ...phases.map((phase) => report(`${phase.label}, machine ${phase.quietBefore.toFixed(2)} cores busy before`, phase)),
    ...Object.entries(plans).map(([shape, plan]) => `EXPLAIN (ANALYZE, BUFFERS), ${shape}:\n${plan}`),
  ].join('\n\n');
  return { text, data: { tickets: count, generated, phases: phases.map(({ label, results, overall, cpu, quietBefore }) => ({ label, results, overall, cpu, quietBefore })), plans } };
}

async function standalone() {
  const args = Object.fromEntries(
    process.argv
      .slice(2)
      .map((arg) => /^--([a-z-]+)(?:=(.*))?$/.exec(arg)?.slice(1) ?? [arg, 'true'])
      .map(([key, value]) => [key, value ?? 'true']),
  );
  const log = (message) => console.log(`[inbox-bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
  if (args['no-build'] !== 'true') {
    const { build } = await import(pathToFileURL(new URL('../scripts/build.mjs', import.meta.url).pathname).href);
    await build();
  }
  // The clock scheduler stays off: a million generated clocks are not the subject here.
  const platform = new BenchPlatform({ services: ['tickets'], env: { TICKETS_CLOCK_POLL_MS: '0' } });
  let cleaning;
  const cleanUp = () => (cleaning ??= platform.stop());
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, async () => {
      await cleanUp();
      process.exit(130);
    });
  }
  let exitCode = 0;
  try {
    log('starting gateway + tickets (fresh database, AMQP prefix)');
    await platform.start();
    const { text, data } = await run({ platform, options: { inboxTickets: args.tickets, inboxSeconds: args.seconds, inboxWaitIdle: args['wait-idle'] ?? 120 }, log });
    console.log(`\n${text}\n`);
    console.log(JSON.stringify({ machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg() }, phases: data.phases }));
  } catch (error) {
    exitCode = 1;
    console.error(error);
    console.error(platform.logsOf('tickets').split('\n').slice(-40).join('\n'));
  } finally {
    await cleanUp();
  }
  process.exit(exitCode);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await standalone();
