// Benchmark: GET /api/v1/contacts search and filters over 1M contacts of one tenant, through the
// gateway, with 8 concurrent users, measured twice: a closed loop (each user sends its next
// request as soon as the last one answered: saturation, the harshest reading of "8 concurrent
// users") and paced (each user pauses 0.5–1.5 s between requests, like people at a screen).
//
//   node bench/search.bench.mjs [--contacts=1000000] [--users=8] [--seconds=30] [--warmup=5] [--wait-idle=600] [--no-build]
//                                             standalone: gateway + contacts on a fresh database;
//                                             waits up to --wait-idle s for a quiet machine before
//                                             each measured window
//   npm run bench -- search                   inside the shared runner (BENCH_SEARCH_CONTACTS,
//                                             BENCH_SEARCH_USERS, BENCH_SEARCH_SECONDS)
//
// The contacts are COPYed by bench/generate-contacts.mjs (Spanish names, cities, companies,
// e-mails, phones, tax ids, owners, teams, sources, interests). The mix: name fragments, first +
// last name, e-mails, phone digits, tax ids, company names, filters with sorts, pages deep in the
// list (keyset cursors), and a sales user whose visibility rules apply. Per kind: p50/p95/p99 and
// req/s; plus which indexes Postgres used during the run and whether it scanned the table.
import { join } from 'node:path';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { Pool } from 'undici';
import { cpuWindow, sampleBusyCores } from './lib/cpu.mjs';
import { generateContacts } from './generate-contacts.mjs';
import { BenchPlatform, ROOT } from './lib/platform.mjs';
import { fmt, summarize, table } from './lib/stats.mjs';

export const name = 'search';
export const description = 'GET /api/v1/contacts search, filters, sorts and deep pages over 1M contacts; 8 concurrent users through the gateway';

const TARGET_P95_MS = 50;

/** Deterministic choice, so two runs ask the same questions. */
function chooser(seed) {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { random, one: (list) => list[Math.floor(random() * list.length)] };
}

const strip = (text) => text.normalize('NFKD').replace(/\p{M}/gu, '');
const cursorOf = (values) => Buffer.from(JSON.stringify(values)).toString('base64url');

/** Keyset cursors deep in the list, as a client paging that far would hold them. */
async function deepCursors(platform, tenantId, total) {
  const cursors = [];
  for (const fraction of [0.1, 0.3, 0.5, 0.7, 0.9]) {
    const offset = Math.floor(total * fraction);
    const [byDate] = await platform.query(
      `SELECT id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS k FROM contacts.contact
       WHERE tenant_id = $1 AND merged_into_id IS NULL ORDER BY created_at DESC, id DESC OFFSET $2 LIMIT 1`,
      [tenantId, offset],
    );
    const [byName] = await platform.query(
      `SELECT id, contacts.fold_text(display_name) AS k FROM contacts.contact
       WHERE tenant_id = $1 AND merged_into_id IS NULL ORDER BY contacts.fold_text(display_name), id OFFSET $2 LIMIT 1`,
      [tenantId, offset],
    );
    if (byDate) cursors.push(`sort=-createdAt&cursor=${cursorOf(['createdAt', byDate.k, byDate.id])}`);
    if (byName) cursors.push(`sort=displayName&cursor=${cursorOf(['displayName', byName.k, byName.id])}`);
  }
  return cursors;
}

/** The query kinds, their share of the traffic and how each builds its next path. */
function queryMix(samples, generated, cursors, seed) {
  const { random, one } = chooser(seed);
  const q = (text) => `/api/v1/contacts?q=${encodeURIComponent(text)}`;
  const lastNames = samples.names;
  const fragment = () => {
    const name = one(lastNames);
    const cut = random() < 0.5 ? name : name.slice(0, 4 + Math.floor(random() * 3));
    return random() < 0.5 ? strip(cut).toLowerCase() : cut;
  };
  const month = () => {
    const start = new Date(Date.now() - Math.floor(random() * 1000) * 86_400_000);
    return `createdFrom=${start.toISOString().slice(0, 10)}&createdTo=${new Date(start.getTime() + 30 * 86_400_000).toISOString().slice(0, 10)}`;
  };
  const filters = [
    ['lifecycle + city', () => `lifecycle=customer&city=${encodeURIComponent(one(samples.cities))}`],
    ['owner, by last change', () => `ownerId=${one(generated.ownerIds.slice(0, 20))}&sort=-updatedAt`],
    ['tags + country', () => 'tags=vip,newsletter&country=ES'],
    ['source + interest', () => `sourceId=${one(generated.sourceIds)}&interestId=${one(generated.interestIds)}`],
    ['created in a month + lifecycle', () => `${month()}&lifecycle=prospect`],
    ['priority + interest level + industry, by name', () => 'priority=high&interestLevel=high&industry=Salud&sort=displayName'],
    ['rare city', () => 'city=Leticia'],
    ['organisations of 2 countries, by name', () => 'kind=organization&sort=displayName&country=MX,PE'],
    ['search + city + lifecycle', () => `q=${encodeURIComponent(fragment())}&city=${encodeURIComponent(one(samples.cities))}&lifecycle=customer`],
    ['unassigned', () => 'ownerId=none&sort=-createdAt'],
  ];
  let lastFilter = '';
  const filter = (list) => {
    const [label, build] = one(list);
    lastFilter = label;
    return build();
  };
  return [
    { kind: 'name fragment', weight: 20, path: () => q(fragment()) },
    { kind: 'first + last name', weight: 8, path: () => q(`${one(['José', 'María', 'Juan', 'Ana', 'Luis', 'Carmen', 'Andrés', 'Camila'])} ${one(lastNames)}`) },
    { kind: 'e-mail', weight: 10, path: () => q(random() < 0.6 ? one(samples.emails) : one(samples.emails).split('@')[0]) },
    { kind: 'phone digits', weight: 10, path: () => q(random() < 0.6 ? one(samples.phones) : one(samples.phones).replace(/^(\d{3})(\d{3})(\d+)$/, '$1 $2 $3')) },
    { kind: 'tax id', weight: 6, path: () => q(one(samples.taxIds)) },
    { kind: 'company', weight: 8, path: () => q(one(samples.companies)) },
    { kind: 'filters + sort', weight: 20, path: () => `/api/v1/contacts?${filter(filters)}`, shape: () => lastFilter },
    { kind: 'deep keyset page', weight: 8, path: () => `/api/v1/contacts?${one(cursors)}` },
    { kind: 'sales user (visibility)', weight: 10, asSales: true, path: () => (random() < 0.5 ? q(fragment()) : `/api/v1/contacts?${filter(filters.slice(0, 6))}`) },
  ].map((entry) => ({ ...entry, random }));
}

/**
 * `users` workers over one keep-alive pool, each waiting for its answer, then `thinkMs()` (0 =
 * closed loop, the next request at once).
 */
async function usersLoop({ url, mix, tokens, users, seconds, record, thinkMs = () => 0 }) {
  const pool = new Pool(url, { connections: users, pipelining: 1, keepAliveTimeout: 30_000 });
  const total = mix.reduce((sum, entry) => sum + entry.weight, 0);
  const pick = () => {
    let r = mix[0].random() * total;
    for (const entry of mix) {
      r -= entry.weight;
      if (r < 0) return entry;
    }
    return mix[mix.length - 1];
  };
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const entry = pick();
      const path = entry.path();
      const shape = entry.shape?.();
      const started = performance.now();
      try {
        const response = await pool.request({
          method: 'GET',
          path,
          headers: { authorization: `Bearer ${entry.asSales ? tokens.sales : tokens.admin}` },
          headersTimeout: 10_000,
          bodyTimeout: 10_000,
        });
        const body = await response.body.text();
        record(entry.kind, performance.now() - started, response.statusCode, path, body, shape);
      } catch (error) {
        record(entry.kind, performance.now() - started, 0, path, String(error), shape);
      }
      const pause = thinkMs();
      if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
    }
  };
  await Promise.all(Array.from({ length: users }, worker));
  await pool.close();
}

/**
 * On a shared machine other people's builds and tests steal the cores the platform runs on:
 * before a measured window, wait (up to `seconds`) until the machine is quiet.
 */
async function waitForQuiet(seconds, log) {
  const deadline = Date.now() + seconds * 1000;
  let busy = await sampleBusyCores(2000);
  while (busy > 0.3 && Date.now() < deadline) {
    log(`waiting for the machine to go quiet (${busy} cores busy)`);
    busy = await sampleBusyCores(5000);
  }
  return busy;
}

/** One measured window: latencies per kind (and per filter shape), failures, empty pages. */
async function measure({ platform, mix, tokens, users, seconds, thinkMs }) {
  const latencies = new Map(mix.map((entry) => [entry.kind, []]));
  const shapes = new Map();
  const failures = new Map();
  const empty = new Map();
  const all = [];
  const cpu = cpuWindow(() => platform.ourProcesses());
  const started = performance.now();
  await usersLoop({
    url: platform.gatewayUrl,
    mix,
    tokens,
    users,
    seconds,
    thinkMs,
    record: (kind, ms, status, path, body, shape) => {
      if (status !== 200) {
        failures.set(kind, [...(failures.get(kind) ?? []), `${status} ${path} ${body.slice(0, 200)}`]);
        return;
      }
      latencies.get(kind).push(ms);
      if (shape && kind === 'filters + sort') shapes.set(shape, [...(shapes.get(shape) ?? []), ms]);
      all.push(ms);
      if (body.startsWith('{"items":[]')) empty.set(kind, (empty.get(kind) ?? 0) + 1);
    },
  });
  const elapsed = (performance.now() - started) / 1000;
  const cpuUse = await cpu.stop();
  const results = {};
  for (const [kind, values] of latencies)
    results[kind] = { ...summarize(values), requestsPerSecond: Math.round((values.length / elapsed) * 10) / 10, failures: failures.get(kind)?.length ?? 0, emptyPages: empty.get(kind) ?? 0 };
  const overall = { ...summarize(all), requestsPerSecond: Math.round((all.length / elapsed) * 10) / 10, failures: [...failures.values()].reduce((sum, list) => sum + list.length, 0) };
  const byShape = Object.fromEntries([...shapes].map(([shape, values]) => [shape, summarize(values)]));
  return { results, overall, byShape, failures, cpu: cpuUse };
}

function report(title, m) {
  const row = (label, r) => [
    label,
    String(r.count),
    fmt(r.requestsPerSecond, 1),
    fmt(r.p50, 1),
    fmt(r.p95, 1),
    fmt(r.p99, 1),
    fmt(r.max, 1),
    String(r.failures),
    String(r.emptyPages ?? '—'),
  ];
  const c = m.cpu;
  const lines = [
    title,
    table(
      ['query kind', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'failed', 'empty'],
      [...Object.entries(m.results).map(([kind, r]) => row(kind, r)), row('all', m.overall)],
    ),
    `p95 of all requests ${fmt(m.overall.p95, 1)} ms (target ≤ ${TARGET_P95_MS} ms: ${m.overall.p95 <= TARGET_P95_MS ? 'met' : 'NOT met'}); worst kind p95 ${fmt(Math.max(...Object.values(m.results).map((r) => r.p95 ?? 0)), 1)} ms`,
    `CPU: ${fmt(c.busyCores, 2)} of ${c.cores} cores busy (gateway ${fmt(c.byProcess?.gateway, 2)}, contacts ${fmt(c.byProcess?.contacts, 2)}, ` +
      `postgres ${fmt(c.ourPostgresCores ?? c.dbBrokerCores, 2)}, load generator ${fmt(c.byProcess?.['bench (load generator)'], 2)}, others' processes ${fmt(c.otherCores, 2)})`,
    `filters + sort by shape (p50 / p95 ms): ${Object.entries(m.byShape)
      .map(([shape, r]) => `${shape} ${fmt(r.p50, 0)}/${fmt(r.p95, 0)}`)
      .join('; ')}`,
  ];
  if (c.otherCores > 0.25) lines.push(`WARNING: other processes used ${fmt(c.otherCores, 2)} cores during this window: figures understate this code`);
  for (const [kind, list] of m.failures) lines.push(`failures in ${kind}: ${list.slice(0, 3).join(' | ')}`);
  return lines.join('\n');
}

async function indexUsage(platform) {
  const rows = await platform.query(
    `SELECT relname AS table, indexrelname AS index, idx_scan AS scans FROM pg_stat_user_indexes WHERE schemaname = 'contacts' AND relname IN ('contact', 'contact_interest')`,
  );
  const [table] = await platform.query("SELECT seq_scan, idx_scan FROM pg_stat_user_tables WHERE schemaname = 'contacts' AND relname = 'contact'");
  return { indexes: Object.fromEntries(rows.map((row) => [`${row.table}.${row.index}`, Number(row.scans)])), seqScans: Number(table?.seq_scan ?? 0) };
}

export async function run({ platform, options = {}, log }) {
  const count = Number(options.searchContacts ?? process.env.BENCH_SEARCH_CONTACTS ?? 1_000_000);
  const users = Number(options.searchUsers ?? process.env.BENCH_SEARCH_USERS ?? 8);
  const seconds = Number(options.searchSeconds ?? process.env.BENCH_SEARCH_SECONDS ?? 30);
  const warmupSeconds = Number(options.searchWarmup ?? 5);
  if (!platform.gatewayUrl || !platform.world) throw new Error('the search benchmark needs the gateway (it measures through it)');
  const world = platform.world;
  const adminToken = platform.token;
  const claims = JSON.parse(Buffer.from(adminToken.split('.')[1], 'base64url').toString('utf8'));
  const tenantId = claims.tid;

  const team = await world.createTeam(`Ventas bench ${Date.now()}`);
  const seller = await world.createUser(['sales'], [team]);
  const owners = Array.from({ length: 5 }, () => ({ id: crypto.randomUUID() }));
  owners.push({ id: seller.id, teamId: team });

  log(`generating ${count.toLocaleString('en-US')} contacts in tenant ${tenantId} (COPY)`);
  const generated = await generateContacts({ databaseUrl: platform.databaseUrl, tenantId, count, createdBy: claims.sub, owners, seed: 42, log: (message) => log(`  ${message}`) });
  log(`generated in ${generated.seconds} s (${generated.plantedDuplicates} planted duplicates, ${generated.interestLinks} interest links)`);
  const [{ rows: tableRows, bytes }] = await platform.query("SELECT count(*)::int AS rows, pg_total_relation_size('contacts.contact') AS bytes FROM contacts.contact WHERE tenant_id = $1", [
    tenantId,
  ]);

  const cursors = await deepCursors(platform, tenantId, tableRows);
  const mix = queryMix(generated.samples, generated, cursors, 7);
  const tokens = { admin: adminToken, sales: seller.token };

  // Every kind must answer 200 with items before anything is measured.
  for (const entry of mix) {
    const path = entry.path();
    const response = await fetch(`${platform.gatewayUrl}${path}`, { headers: { authorization: `Bearer ${entry.asSales ? tokens.sales : tokens.admin}` } });
    const body = await response.json();
    if (response.status !== 200 || !Array.isArray(body.items)) throw new Error(`${entry.kind}: ${path} answered ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  }

  log(`warm-up ${warmupSeconds} s, then ${seconds} s with ${users} concurrent users without think time`);
  await usersLoop({ url: platform.gatewayUrl, mix, tokens, users, seconds: warmupSeconds, record: () => undefined });
  const waitIdle = Number(options.searchWaitIdle ?? process.env.BENCH_SEARCH_WAIT_IDLE ?? 0);
  const quietBefore = [await waitForQuiet(waitIdle, log)];
  const before = await indexUsage(platform);
  const closed = await measure({ platform, mix, tokens, users, seconds });
  const after = await indexUsage(platform);
  log(`${seconds} s with ${users} users pausing 0.5–1.5 s between requests (people at a screen)`);
  quietBefore.push(await waitForQuiet(waitIdle, log));
  const pacedRandom = chooser(11).random;
  const paced = await measure({ platform, mix, tokens, users, seconds, thinkMs: () => 500 + pacedRandom() * 1000 });

  const indexScans = Object.fromEntries(
    Object.entries(after.indexes)
      .map(([index, scans]) => [index, scans - (before.indexes[index] ?? 0)])
      .filter(([, delta]) => delta > 0)
      .sort((a, b) => b[1] - a[1]),
  );
  const seqScans = after.seqScans - before.seqScans;
  const lines = [
    `search: GET /api/v1/contacts through the gateway, ${tableRows.toLocaleString('en-US')} contacts in the tenant (${(Number(bytes) / 2 ** 30).toFixed(2)} GiB with indexes), page size 50; data generated in ${generated.seconds} s`,
    '',
    report(`1. closed loop: ${users} concurrent users, no think time (saturation), ${warmupSeconds} s warm-up + ${seconds} s`, closed),
    '',
    report(`2. paced: ${users} concurrent users, 0.5–1.5 s between a user's requests, ${seconds} s`, paced),
    '',
    `cores busy on the machine just before each window (others' work; ≤ 0.3 = quiet): ${quietBefore.join(' / ')}`,
    `sequential scans of contacts.contact during the closed loop: ${seqScans}; index scans: ${Object.entries(indexScans)
      .map(([index, n]) => `${index.replace(/^contact\./, '')} ${n}`)
      .join(', ')}`,
  ];
  const strip = (m) => ({ results: m.results, overall: m.overall, byShape: m.byShape, cpu: m.cpu });
  return {
    name,
    text: lines.join('\n'),
    data: {
      contacts: tableRows,
      totalRelationBytes: Number(bytes),
      users,
      seconds,
      warmupSeconds,
      busyCoresBefore: quietBefore,
      generatedSeconds: generated.seconds,
      closedLoop: strip(closed),
      paced: strip(paced),
      seqScans,
      indexScans,
      targetP95Ms: TARGET_P95_MS,
    },
  };
}

/** `node bench/search.bench.mjs`: its own platform (gateway + contacts), then cleans up. */
async function standalone() {
  const args = Object.fromEntries(
    process.argv
      .slice(2)
      .map((arg) => /^--([a-z-]+)(?:=(.*))?$/.exec(arg)?.slice(1) ?? [arg, 'true'])
      .map(([key, value]) => [key, value ?? 'true']),
  );
  const log = (message) => console.log(`[search-bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
  if (args['no-build'] !== 'true') {
    const { build } = await import(pathToFileURL(join(ROOT, 'scripts', 'build.mjs')).href);
    await build();
  }
  const platform = new BenchPlatform({ services: ['contacts'] });
  let cleaning;
  const cleanUp = () => (cleaning ??= platform.stop());
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, async () => {
      log(`${signal}: stopping the platform and removing the run's database and AMQP names`);
      await cleanUp();
      process.exit(130);
    });
  }
  let exitCode = 0;
  try {
    log('starting gateway + contacts (fresh database, AMQP prefix)');
    await platform.start();
    const options = { searchContacts: args.contacts, searchUsers: args.users, searchSeconds: args.seconds, searchWarmup: args.warmup, searchWaitIdle: args['wait-idle'] ?? 600 };
    const { text, data } = await run({ platform, options: Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)), log });
    console.log(`\n${text}\n`);
    console.log(
      JSON.stringify({
        machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAverage: os.loadavg() },
        ...data,
      }),
    );
  } catch (error) {
    exitCode = 1;
    console.error(error);
    console.error(platform.logsOf('contacts').split('\n').slice(-40).join('\n'));
  } finally {
    const problems = await cleanUp();
    for (const problem of problems) log(`cleanup problem: ${problem}`);
  }
  process.exit(exitCode);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await standalone();
