// Benchmark (a): GET /api/v1/contacts/{id} with a valid admin JWT,
//   1. through the gateway, 2. straight to the contacts service, 3. a minimal Fastify + pg
//   handler doing the same work (baseline-server.mjs), all in the same run, one after another,
//   with the same connections, warm-up and duration, over the same set of contact ids.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ROOT } from './lib/platform.mjs';
import { contactBody, inParallel, requestJson } from './lib/http.mjs';
import { closedLoop, openLoop } from './lib/load.mjs';
import { fmt, round, table } from './lib/stats.mjs';

export const name = 'read-contact';
/** Above this many cores used by processes outside the run, a window is flagged as disturbed. */
const NOISY_CORES = 0.25;
export const description = 'GET /api/v1/contacts/{id}: gateway vs direct to contacts vs minimal Fastify+pg baseline';
/** Part of the plain `npm run bench` (about 1 min 40 s together with the other default one). */
export const inDefaultRun = true;

async function startBaseline(platform) {
  const config = {
    databaseUrl: platform.serviceDatabaseUrl('contacts'),
    jwtSecret: process.env.JWT_SECRET,
    poolSize: Number(process.env.DB_POOL_SIZE ?? 10), // what the contacts service uses
    verifyModuleUrl: pathToFileURL(join(ROOT, 'dist', 'libs', 'auth', 'src', 'access-token.js')).href,
  };
  const child = fork(fileURLToPath(new URL('./lib/baseline-server.mjs', import.meta.url)), [], {
    env: { PATH: process.env.PATH, NODE_ENV: 'test', BASELINE_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit');
  const [message] = await Promise.race([once(child, 'message'), exited.then(([code]) => Promise.reject(new Error(`baseline server exited with ${code}`)))]);
  return {
    url: message.url,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null) return;
      child.send('stop');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function run({ platform, options, log }) {
  const { connections, seconds, warmupSeconds, readRate, openSeconds } = options;
  const seedCount = options.seedContacts;
  const writeUrl = platform.gatewayUrl ?? platform.urlOf('contacts');
  const tag = randomUUID().slice(0, 8);

  log(`seeding ${seedCount} contacts through ${platform.gatewayUrl ? 'the gateway' : 'the contacts service'}`);
  const ids = await inParallel(seedCount, 8, async (i) => {
    const response = await requestJson('POST', `${writeUrl}/api/v1/contacts`, { token: platform.token, body: contactBody(i, `r${tag}`) });
    if (response.status !== 201) throw new Error(`seeding contact ${i}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.id;
  });
  const pathOf = () => `/api/v1/contacts/${ids[Math.floor(Math.random() * ids.length)]}`;

  const baseline = await startBaseline(platform);
  const targets = [];
  if (platform.gatewayUrl) targets.push({ key: 'gateway', label: 'gateway → contacts', url: platform.gatewayUrl });
  targets.push({ key: 'direct', label: 'contacts (direct)', url: platform.urlOf('contacts') });
  targets.push({ key: 'baseline', label: 'baseline fastify+pg', url: baseline.url });

  const results = {};
  const fixedRate = {};
  const probeBodies = {};
  const bodyBytes = {};
  const headers = { authorization: `Bearer ${platform.token}` };
  const ourProcesses = async () => [...(await platform.ourProcesses()), { name: 'baseline', pid: baseline.pid }];
  try {
    // A 200 with this contact everywhere before measuring anything (a fast 404 would be a lie).
    const probeId = ids[0];
    for (const target of targets) {
      const probe = await requestJson('GET', `${target.url}/api/v1/contacts/${probeId}`, { token: platform.token });
      if (probe.status !== 200 || probe.body?.id !== probeId) throw new Error(`${target.label}: probe answered ${probe.status} ${JSON.stringify(probe.body).slice(0, 300)}`);
      probeBodies[target.key] = probe.body;
      bodyBytes[target.key] = probe.bytes;
    }
    if (probeBodies.gateway && JSON.stringify(probeBodies.gateway) !== JSON.stringify(probeBodies.direct)) log('warning: the gateway and the contacts service answer different bodies');
    log(`response body sizes: ${targets.map((t) => `${t.label} ${bodyBytes[t.key]} B`).join(', ')}`);
    for (const target of targets) {
      log(`${target.label}: closed loop, ${connections} connections, warm-up ${warmupSeconds} s, then ${seconds} s`);
      results[target.key] = {
        label: target.label,
        ...(await closedLoop({ title: target.label, url: target.url, path: pathOf, headers, connections, seconds, warmupSeconds, ourProcesses })),
      };
      if (readRate > 0 && openSeconds > 0) {
        log(`${target.label}: fixed rate ${readRate}/s for ${openSeconds} s`);
        fixedRate[target.key] = {
          label: target.label,
          ...(await openLoop({ title: target.label, url: target.url, path: pathOf, headers, rate: readRate, seconds: openSeconds, connections, ourProcesses })),
        };
      }
    }
  } finally {
    await baseline.stop();
  }

  const { gateway, direct, baseline: base } = results;
  const ratios = {
    gatewayOverDirectThroughput: gateway ? round(gateway.requestsPerSecond / direct.requestsPerSecond, 3) : null,
    directOverBaselineThroughput: round(direct.requestsPerSecond / base.requestsPerSecond, 3),
    gatewayHopP50Ms: gateway ? round(gateway.latencyMs.p50 - direct.latencyMs.p50) : null,
    gatewayHopP99Ms: gateway ? round(gateway.latencyMs.p99 - direct.latencyMs.p99) : null,
    fixedRateGatewayHopP50Ms: fixedRate.gateway ? round(fixedRate.gateway.latencyMs.p50 - fixedRate.direct.latencyMs.p50) : null,
    fixedRateGatewayHopP99Ms: fixedRate.gateway ? round(fixedRate.gateway.latencyMs.p99 - fixedRate.direct.latencyMs.p99) : null,
  };
  const failures = (r) => r.errors + (r.timeouts ?? 0) + r.non2xx;
  const checks = [];
  if (gateway) {
    const ms = (v) => `${fmt(v, 2)} ms`;
    checks.push(
      { anchor: 'P2', what: `gateway hop p50 ≤ 5 ms (closed loop, ${connections} conn.)`, value: ms(ratios.gatewayHopP50Ms), pass: ratios.gatewayHopP50Ms <= 5 },
      { anchor: 'P2', what: `gateway hop p99 ≤ 15 ms (closed loop, ${connections} conn.)`, value: ms(ratios.gatewayHopP99Ms), pass: ratios.gatewayHopP99Ms <= 15 },
      { anchor: 'P2', what: 'gateway ≥ 50% of direct req/s', value: `${fmt(ratios.gatewayOverDirectThroughput * 100, 0)}%`, pass: ratios.gatewayOverDirectThroughput >= 0.5 },
    );
    if (fixedRate.gateway) {
      checks.push(
        { anchor: 'P2', what: `gateway hop p50 ≤ 5 ms (fixed ${readRate}/s)`, value: ms(ratios.fixedRateGatewayHopP50Ms), pass: ratios.fixedRateGatewayHopP50Ms <= 5 },
        { anchor: 'P2', what: `gateway hop p99 ≤ 15 ms (fixed ${readRate}/s)`, value: ms(ratios.fixedRateGatewayHopP99Ms), pass: ratios.fixedRateGatewayHopP99Ms <= 15 },
      );
    }
    checks.push({ anchor: 'P3', what: 'read path ≥ 500 req/s (closed loop)', value: fmt(gateway.requestsPerSecond, 0), pass: gateway.requestsPerSecond >= 500 });
    const p3 = fixedRate.gateway ?? gateway;
    const how = fixedRate.gateway ? `fixed ${readRate}/s` : 'closed loop';
    checks.push(
      { anchor: 'P3', what: `read path p95 ≤ 50 ms (${how})`, value: ms(p3.latencyMs.p95), pass: p3.latencyMs.p95 <= 50 },
      { anchor: 'P3', what: `read path p99 ≤ 200 ms (${how})`, value: ms(p3.latencyMs.p99), pass: p3.latencyMs.p99 <= 200 },
      {
        anchor: 'P3',
        what: 'read path 0 errors (all runs)',
        value: String(failures(gateway) + (fixedRate.gateway ? failures(fixedRate.gateway) : 0)),
        pass: failures(gateway) + (fixedRate.gateway ? failures(fixedRate.gateway) : 0) === 0,
      },
    );
  }

  const cpuCell = (r) => `${fmt(r.cpu.busyCores, 2)} (${fmt(r.cpu.otherCores, 2)})`;
  const rowOf = (r) => [
    r.label,
    fmt(r.requestsPerSecond, 0),
    fmt(r.latencyMs.p50, 2),
    fmt(r.latencyMs.p95, 2),
    fmt(r.latencyMs.p99, 2),
    fmt(r.latencyMs.max, 1),
    String(r.non2xx),
    String(r.errors + (r.timeouts ?? 0)),
    cpuCell(r),
  ];
  const head = ['target', 'req/s (2xx)', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'non-2xx', 'errors', 'CPU busy (others)'];
  const lines = [
    `read-contact: GET /api/v1/contacts/{id} (random of ${ids.length} ids), targets one after another`,
    `closed loop: ${connections} connections, ${warmupSeconds} s warm-up + ${seconds} s each (maximum throughput)`,
    table(head, Object.values(results).map(rowOf)),
    '',
    `gateway / direct throughput: ${gateway ? `${fmt(ratios.gatewayOverDirectThroughput * 100, 0)}%` : 'n/a (no gateway)'}` +
      `   gateway − direct: ${gateway ? `p50 +${fmt(ratios.gatewayHopP50Ms, 2)} ms, p99 +${fmt(ratios.gatewayHopP99Ms, 2)} ms` : 'n/a'}`,
    `direct / baseline throughput: ${fmt(ratios.directOverBaselineThroughput * 100, 0)}%   (baseline = same JWT check, same row read, same pool size, no Nest/TypeORM)`,
    `JSON body: ${targets.map((t) => `${t.key} ${bodyBytes[t.key]} B`).join(', ')}`,
  ];
  // CPU time each request cost, per process: steadier than req/s when the box is shared.
  const cpuMs = (r, cores) => (cores === undefined || !r.requestsPerSecond ? null : round((cores * 1000) / r.requestsPerSecond, 3));
  const cpuPerRequest = Object.fromEntries(
    Object.entries(results).map(([key, r]) => [
      key,
      {
        gateway: cpuMs(r, key === 'gateway' ? r.cpu.byProcess.gateway : undefined),
        service: cpuMs(r, key === 'baseline' ? r.cpu.byProcess.baseline : r.cpu.byProcess.contacts),
        postgres: cpuMs(r, r.cpu.ourPostgresCores),
        loadGenerator: cpuMs(r, r.cpu.byProcess['bench (load generator)']),
      },
    ]),
  );
  lines.push(
    '',
    "CPU time per request in the closed-loop runs (ms of CPU; service = contacts, or the baseline process; postgres = the backends of this run's database)",
    table(
      ['target', 'gateway', 'service', 'postgres backends', 'load generator'],
      Object.entries(cpuPerRequest).map(([key, c]) => [results[key].label, fmt(c.gateway, 3), fmt(c.service, 3), fmt(c.postgres, 3), fmt(c.loadGenerator, 3)]),
    ),
  );
  if (Object.keys(fixedRate).length > 0) {
    lines.push('', `fixed rate: ${readRate} req/s for ${openSeconds} s each (open loop, latency from the scheduled send time)`, table(head, Object.values(fixedRate).map(rowOf)));
    if (fixedRate.gateway) lines.push(`gateway hop at ${readRate}/s: p50 +${fmt(ratios.fixedRateGatewayHopP50Ms, 2)} ms, p99 +${fmt(ratios.fixedRateGatewayHopP99Ms, 2)} ms`);
  }
  lines.push(
    'latency percentiles are exact (nearest rank) over every response of the measured window, in ms',
    `CPU: cores busy on the ${direct.cpu.cores}-core box during each window; in brackets, cores used by processes outside this run (other people's work; shared Postgres/RabbitMQ processes not counted)`,
  );
  const noisy = [...Object.values(results), ...Object.values(fixedRate)].filter((r) => r.cpu.otherCores > NOISY_CORES);
  if (noisy.length > 0) {
    lines.push(
      `WARNING: other people's processes used > ${NOISY_CORES} cores during ${noisy.length} of the windows (see the brackets): those rows understate this code; rerun on a quiet machine before comparing`,
    );
  }
  if (checks.length > 0)
    lines.push(
      '',
      table(
        ['anchor', 'target', 'measured', 'ok'],
        checks.map((c) => [c.anchor, c.what, c.value, c.pass ? 'yes' : 'NO']),
      ),
    );
  return {
    name,
    text: lines.join('\n'),
    data: {
      connections,
      seconds,
      warmupSeconds,
      readRate,
      openSeconds,
      seededContacts: ids.length,
      results,
      fixedRate,
      ratios,
      cpuPerRequest,
      bodyBytes,
      checks,
      disturbedWindows: noisy.map((r) => `${r.mode}: ${r.label}`),
    },
  };
}
