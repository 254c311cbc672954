// Shared by the three opportunities benchmarks (board, forecast, list):
//   - opportunitiesDataset: the bench's people (8 users: 4 sales in 4 teams, 2 managers, 2
//     admins) made through the gateway, 5 pipelines, and the generated opportunities
//     (bench/generate-opportunities.mjs); made once per platform, so the three benchmarks in one
//     `npm run bench` command share it;
//   - captureStatements: the exact SQL + parameters the service runs for a call, from the service's
//     own compiled code (dist/) on a DataSource whose logger records every statement, so the
//     plans printed and the SQL baseline are those statements, not a hand-written copy;
//   - runUsers / measureTargets: 8 users in a closed loop (or paced) against a target: through the
//     gateway, straight to the service, or the SQL baseline (the captured statements replayed on a
//     pg pool of the service's role: the database's share, without Node, Nest, TypeORM or HTTP);
//   - explainAll: EXPLAIN (ANALYZE, BUFFERS) of statements, and whether each touched
//     opportunities.opportunity only through indexes;
//   - standalone: `node bench/opportunities-*.bench.mjs` starts gateway + opportunities itself.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { Pool } from 'undici';
import { cpuWindow, sampleBusyCores } from './cpu.mjs';
import { BenchPlatform, importDist } from './platform.mjs';
import { fmt, sleep, summarize, table } from './stats.mjs';
import { generateOpportunities } from '../generate-opportunities.mjs';

const datasets = new WeakMap();

/** The tenant's people, pipelines and N opportunities; made once per platform. */
export function opportunitiesDataset(platform, options, log) {
  if (!datasets.has(platform)) datasets.set(platform, makeDataset(platform, options, log));
  return datasets.get(platform);
}

async function makeDataset(platform, options, log) {
  const world = platform.world;
  if (!world) throw new Error('the opportunities benchmarks need the gateway (they measure through it)');
  const count = Number(options.opportunities ?? process.env.BENCH_OPPORTUNITIES ?? 1_000_000);
  const boardOpen = Math.min(Number(options.boardOpen ?? 100_000), Math.floor(count / 4));
  const claims = JSON.parse(Buffer.from(world.adminToken.split('.')[1], 'base64url').toString('utf8'));
  const tenantId = claims.tid;
  const api = async (method, path, body) => {
    const response = await fetch(`${platform.gatewayUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${world.adminToken}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await response.json();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json).slice(0, 300)}`);
    return json;
  };
  const teams = [];
  for (let i = 0; i < 4; i++) teams.push(await world.createTeam(`Ventas región ${i + 1} ${Date.now()}`));
  const users = [];
  for (let i = 0; i < 4; i++) users.push({ role: 'sales', teamIds: [teams[i]], ...(await world.createUser(['sales'], [teams[i]])) });
  users.push({ role: 'manager', teamIds: [teams[0], teams[1]], ...(await world.createUser(['manager'], [teams[0], teams[1]])) });
  users.push({ role: 'manager', teamIds: [teams[2], teams[3]], ...(await world.createUser(['manager'], [teams[2], teams[3]])) });
  users.push({ role: 'admin', teamIds: [], id: claims.sub, token: world.adminToken });
  users.push({ role: 'admin', teamIds: [], ...(await world.createUser(['admin'], [])) });
  const { items } = await api('GET', '/api/v1/pipelines'); // seeds the tenant's catalogue (Ventas + lost reasons)
  const board = items.find((p) => p.isDefault) ?? items[0];
  for (const name of ['Proyectos institucionales', 'Renovaciones', 'Distribuidores', 'Licitaciones']) await api('POST', '/api/v1/pipelines', { name });
  const pipelines = (await api('GET', '/api/v1/pipelines')).items;
  log(`generating ${count.toLocaleString('en-US')} opportunities (${boardOpen.toLocaleString('en-US')} open in "${board.name}") for tenant ${tenantId}`);
  const generated = await generateOpportunities({
    databaseUrl: platform.databaseUrl,
    tenantId,
    count,
    boardOpen,
    boardClosed: Math.round(boardOpen * 0.6),
    boardPipelineId: board.id,
    users: users.filter((u) => u.role === 'sales'),
    teamIds: teams,
    log: (message) => log(`  ${message}`),
  });
  return { tenantId, teams, users, board, pipelines, generated, count };
}

/** The user as the service sees it (claims of its token): what the dist code is called with. */
export function authUserOf(user) {
  const claims = JSON.parse(Buffer.from(user.token.split('.')[1], 'base64url').toString('utf8'));
  return { kind: 'user', id: claims.sub, tenantId: claims.tid, roles: claims.roles ?? [user.role], teamIds: claims.teams ?? claims.teamIds ?? user.teamIds, scopes: [], email: '', name: '' };
}

/**
 * The service's own read code from dist/, on a DataSource of the service's role whose logger
 * records every statement: `capture(fn)` returns [{ sql, params }] of what fn ran.
 */
export async function serviceReaders(platform) {
  const base = 'services/opportunities/src';
  const { DataSource } = await import('typeorm');
  const [{ Opportunity }, { Pipeline }, { Stage }, { LostReason }, { Quote }, { Activity }] = await Promise.all(
    [
      'opportunities/opportunity.entity.js',
      'pipelines/pipeline.entity.js',
      'pipelines/stage.entity.js',
      'lost-reasons/lost-reason.entity.js',
      'quotes/quote.entity.js',
      'activities/activity.entity.js',
    ].map((file) => importDist(`${base}/${file}`)),
  );
  let recording = null;
  const logger = {
    logQuery: (sql, params) => recording?.push({ sql, params: params ?? [] }),
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
  const dataSource = new DataSource({
    type: 'postgres',
    url: platform.serviceDatabaseUrl('opportunities'),
    schema: 'opportunities',
    entities: [Opportunity, Pipeline, Stage, LostReason, Quote, Activity],
    synchronize: false,
    logging: ['query'],
    logger,
    extra: { max: 2, options: '-c search_path=opportunities,public', application_name: 'bench-capture' },
  });
  await dataSource.initialize();
  const modules = {};
  for (const file of ['opportunities/opportunity-access.service.js', 'opportunities/opportunities-query.service.js']) Object.assign(modules, await importDist(`${base}/${file}`));
  for (const file of ['opportunities/opportunity-board.service.js', 'opportunities/opportunity-forecast.service.js']) Object.assign(modules, await importDist(`${base}/${file}`));
  const access = new modules.OpportunityAccessService(dataSource);
  const queries = new modules.OpportunitiesQueryService(dataSource, access);
  const construct = (Class, ...deps) => new Class(...deps);
  const boards = construct(modules.OpportunityBoardService, dataSource, queries);
  const forecasts = construct(modules.OpportunityForecastService, queries);
  return {
    queries,
    boards,
    forecasts,
    /** Runs fn (given the readers) and returns its result and the statements it sent, in order. */
    async capture(fn) {
      recording = [];
      try {
        const result = await fn();
        return { result, statements: recording };
      } finally {
        recording = null;
      }
    },
    close: () => dataSource.destroy(),
  };
}

/** EXPLAIN (ANALYZE, BUFFERS) of each statement (warm cache: run once first), and how it read opportunity. */
export async function explainAll(platform, statements) {
  const client = new pg.Client({ connectionString: platform.serviceDatabaseUrl('opportunities'), options: '-c search_path=opportunities,public', application_name: 'bench-explain' });
  await client.connect();
  try {
    const plans = [];
    for (const { sql, params } of statements) {
      await client.query(sql, params);
      const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
      const seqScanOfOpportunity = /Seq Scan on opportunity\b/.test(plan);
      const touchesOpportunity = /\bopportunity\b/.test(sql.replace(/opportunity_\w+/g, ''));
      const executionMs = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? Number.NaN);
      plans.push({ sql, params, plan, executionMs, usesIndex: !touchesOpportunity || (!seqScanOfOpportunity && /Index/.test(plan)), seqScanOfOpportunity });
    }
    return plans;
  } finally {
    await client.end();
  }
}

/** Seq and index scans of opportunities.opportunity so far (for deltas around a window). */
export async function tableScans(platform) {
  const [row] = await platform.query("SELECT seq_scan, idx_scan FROM pg_stat_user_tables WHERE schemaname = 'opportunities' AND relname = 'opportunity'");
  return { seq: Number(row?.seq_scan ?? 0), idx: Number(row?.idx_scan ?? 0) };
}

export async function waitForQuiet(seconds, log) {
  let busy = await sampleBusyCores(2000);
  for (const deadline = Date.now() + seconds * 1000; busy > 0.3 && Date.now() < deadline;) {
    log(`machine busy (${busy.toFixed(2)} cores); waiting up to ${seconds} s for it to go quiet`);
    busy = await sampleBusyCores(5000);
  }
  return busy;
}

/**
 * One measured window: each user loops over its requests (closed loop, or with think time)
 * against `target`: { kind: 'http', url } or { kind: 'sql', pool }. A request is
 * `{ label, path }` for HTTP and `{ label, statements }` for SQL (run in order on one connection).
 */
export async function runUsers({ platform, target, users, seconds, thinkMs, requestsOf }) {
  const latencies = new Map();
  const failures = [];
  const all = [];
  const pool = target.kind === 'http' ? new Pool(target.url, { connections: users.length, pipelining: 1, keepAliveTimeout: 30_000 }) : null;
  const cpu = cpuWindow(() => platform.ourProcesses());
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    users.map(async (user, u) => {
      const requests = requestsOf(user);
      for (let i = u; performance.now() < deadline; i++) {
        const request = requests[i % requests.length];
        const t0 = performance.now();
        try {
          if (pool) {
            const response = await pool.request({ method: 'GET', path: request.path, headers: { authorization: `Bearer ${user.token}` }, headersTimeout: 30_000, bodyTimeout: 30_000 });
            const body = await response.body.text();
            if (response.statusCode !== 200) throw new Error(`${response.statusCode} ${request.path} ${body.slice(0, 200)}`);
          } else {
            const client = await target.pool.connect();
            try {
              for (const { sql, params } of request.statements) await client.query(sql, params);
            } finally {
              client.release();
            }
          }
          const ms = performance.now() - t0;
          all.push(ms);
          latencies.set(request.label, [...(latencies.get(request.label) ?? []), ms]);
        } catch (error) {
          failures.push(String(error.message ?? error).slice(0, 300));
        }
        if (thinkMs) await sleep(thinkMs[0] + Math.random() * (thinkMs[1] - thinkMs[0]));
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpuUse = await cpu.stop();
  await pool?.close();
  const perSecond = (n) => Math.round((n / elapsed) * 10) / 10;
  return {
    byLabel: Object.fromEntries([...latencies].map(([label, values]) => [label, { ...summarize(values), requestsPerSecond: perSecond(values.length) }])),
    overall: { ...summarize(all), requestsPerSecond: perSecond(all.length) },
    failures,
    cpu: cpuUse,
  };
}

/** A pg pool of the service's role, for the SQL baseline. */
export function baselinePool(platform, size) {
  return new pg.Pool({
    connectionString: platform.serviceDatabaseUrl('opportunities'),
    max: size,
    options: '-c search_path=opportunities,public -c statement_timeout=30000',
    application_name: 'bench-baseline',
  });
}

/** The rows of one window: per label, then "all"; plus the CPU line. */
export function windowReport(title, m, targetMs) {
  const row = (label, r) => [label, String(r.count), fmt(r.requestsPerSecond, 1), fmt(r.p50, 1), fmt(r.p95, 1), fmt(r.p99, 1), fmt(r.max, 1)];
  const c = m.cpu;
  const service = c.byProcess?.opportunities;
  const lines = [
    title,
    table(['request', 'count', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'], [...Object.entries(m.byLabel).map(([label, r]) => row(label, r)), row('all', m.overall)]),
    `${targetMs ? `p95 ${fmt(m.overall.p95, 1)} ms (target ≤ ${targetMs} ms: ${m.overall.p95 <= targetMs ? 'met' : 'NOT met'}); ` : ''}failures ${m.failures.length}`,
    `CPU: ${fmt(c.busyCores, 2)} of ${c.cores} cores busy (gateway ${fmt(c.byProcess?.gateway, 2)}, opportunities ${fmt(service, 2)}, postgres ${fmt(c.ourPostgresCores, 2)}, ` +
      `load generator ${fmt(c.byProcess?.['bench (load generator)'], 2)}, others' processes ${fmt(c.otherCores, 2)})`,
  ];
  if (c.otherCores > 0.25) lines.push(`WARNING: other processes used ${fmt(c.otherCores, 2)} cores during this window: figures understate this code`);
  if (m.failures.length) lines.push(`failures: ${m.failures.slice(0, 3).join(' | ')}`);
  return lines.join('\n');
}

export const stripWindow = (m) => ({ byLabel: m.byLabel, overall: m.overall, failures: m.failures.length, cpu: m.cpu });

/** `node bench/<file>`: gateway + opportunities on a fresh database, the benchmark, clean-up. */
export async function standalone(moduleUrl, run, prefix) {
  const args = Object.fromEntries(
    process.argv
      .slice(2)
      .map((arg) => /^--([a-z-]+)(?:=(.*))?$/.exec(arg)?.slice(1) ?? [arg, 'true'])
      .map(([key, value]) => [key.replace(/-([a-z])/g, (_m, ch) => ch.toUpperCase()), value ?? 'true']),
  );
  const log = (message) => console.log(`[${prefix} ${new Date().toISOString().slice(11, 19)}] ${message}`);
  if (args.noBuild !== 'true') {
    const { build } = await import(pathToFileURL(new URL('../../scripts/build.mjs', import.meta.url).pathname).href);
    await build();
  }
  // The stale scheduler stays off: flagging generated deals is not the subject here.
  const platform = new BenchPlatform({ services: ['opportunities'], env: { OPPORTUNITIES_STALE_POLL_MS: '0' } });
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
    log('starting gateway + opportunities (fresh database, AMQP prefix)');
    await platform.start();
    const { text, data } = await run({ platform, options: args, log });
    console.log(`\n${text}\n`);
    console.log(JSON.stringify({ machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg() }, ...data }).slice(0, 20_000));
  } catch (error) {
    exitCode = 1;
    console.error(error);
    console.error(platform.logsOf('opportunities').split('\n').slice(-40).join('\n'));
  } finally {
    const problems = await cleanUp();
    for (const problem of problems) log(`cleanup problem: ${problem}`);
  }
  void moduleUrl;
  process.exit(exitCode);
}

/**
 * The three targets compared in one command, 8 users each, closed loop: through the gateway,
 * straight to the service, and the SQL baseline (the statements the service's code sends for the
 * same call, captured per user and request, replayed on a pool of the service's role); then the
 * gateway again with people's think time. `requests(user)` → [{ label, path, call(readers, authUser) }].
 */
export async function compareTargets({ platform, readers, users, requests, seconds, warmupSeconds = 3, waitIdle, paced = true, targetMs, log }) {
  const captured = await captureRequests(readers, users, requests);
  const direct = platform.urlOf('opportunities');
  const sqlPool = baselinePool(platform, users.length);
  const windows = [];
  try {
    const targets = [
      ['gateway → opportunities', { kind: 'http', url: platform.gatewayUrl }],
      ['opportunities (direct)', { kind: 'http', url: direct }],
      ['SQL baseline (the same statements, pg pool)', { kind: 'sql', pool: sqlPool }],
    ];
    for (const [name, target] of targets) {
      if (warmupSeconds > 0) await runUsers({ platform, target, users, seconds: warmupSeconds, requestsOf: (user) => captured.get(user) });
      const quietBefore = await waitForQuiet(waitIdle, log);
      log(`${name}: ${users.length} users, closed loop, ${seconds} s (${quietBefore} cores busy before)`);
      windows.push({ name, mode: 'closed loop', quietBefore, ...(await runUsers({ platform, target, users, seconds, requestsOf: (user) => captured.get(user) })) });
    }
    if (paced) {
      const quietBefore = await waitForQuiet(waitIdle, log);
      log(`gateway, paced (0.5-1.5 s think time): ${users.length} users, ${seconds} s (${quietBefore} cores busy before)`);
      windows.push({
        name: 'gateway → opportunities',
        mode: 'paced 0.5-1.5 s',
        quietBefore,
        ...(await runUsers({ platform, target: targets[0][1], users, seconds, thinkMs: [500, 1500], requestsOf: (user) => captured.get(user) })),
      });
    }
  } finally {
    await sqlPool.end();
  }
  const text = windows.map((w) => windowReport(`${w.name}, ${w.mode}, ${users.length} users (${w.quietBefore} cores busy before)`, w, targetMs)).join('\n\n');
  const summary = table(
    ['target', 'mode', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'CPU cores (ours / others)'],
    windows.map((w) => [
      w.name,
      w.mode,
      fmt(w.overall.requestsPerSecond, 1),
      fmt(w.overall.p50, 1),
      fmt(w.overall.p95, 1),
      fmt(w.overall.p99, 1),
      `${fmt(w.cpu.oursCores, 2)} / ${fmt(w.cpu.otherCores, 2)}`,
    ]),
  );
  return { captured, windows, text: `${summary}\n\n${text}`, data: windows.map((w) => ({ name: w.name, mode: w.mode, quietBefore: w.quietBefore, ...stripWindow(w) })) };
}

/** Map user → [{ ...request, statements }]: what the service's code sends for each of the user's requests. */
export async function captureRequests(readers, users, requests) {
  const captured = new Map();
  for (const user of users) {
    const list = [];
    for (const request of requests(user)) {
      const { statements } = await readers.capture(() => request.call(readers, authUserOf(user)));
      list.push({ ...request, statements });
    }
    captured.set(user, list);
  }
  return captured;
}

/** The plans of the captured statements of the given users (first request of each label), with a verdict line each. */
export async function planReport(platform, captured, pick) {
  const chosen = [];
  const seen = new Set();
  for (const [user, list] of captured) {
    for (const request of list) {
      const key = `${user.role}|${request.label}`;
      if (seen.has(key) || !pick(user, request)) continue;
      seen.add(key);
      chosen.push({ who: `${user.role}`, label: request.label, statements: request.statements });
    }
  }
  const lines = [];
  const verdicts = [];
  for (const entry of chosen) {
    const plans = await explainAll(platform, entry.statements);
    plans.forEach((p, i) => {
      verdicts.push({ who: entry.who, label: entry.label, statement: i + 1, executionMs: p.executionMs, usesIndex: p.usesIndex });
      lines.push(
        `── ${entry.who}, ${entry.label}, statement ${i + 1}/${plans.length} (${fmt(p.executionMs, 2)} ms, ${p.usesIndex ? 'index' : 'NO INDEX / seq scan'})\n${p.sql}\n-- params ${JSON.stringify(p.params)}\n${p.plan}`,
      );
    });
  }
  const summary = table(
    ['who', 'request', 'stmt', 'execution ms', 'reads opportunity through'],
    verdicts.map((v) => [v.who, v.label, String(v.statement), fmt(v.executionMs, 2), v.usesIndex ? 'index' : 'SEQ SCAN']),
  );
  return { summary, text: lines.join('\n\n'), verdicts, allUseIndexes: verdicts.every((v) => v.usesIndex) };
}
