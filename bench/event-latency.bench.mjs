// Benchmark (b): how long a created contact takes to show on reporting's dashboard.
//   1. paced: POST /api/v1/contacts through the gateway at a fixed rate (open model: each request
//      is sent on schedule, whether or not earlier ones have answered), while the dashboard is
//      polled every few ms; when totalContacts has grown by N, the first N contacts (in order of
//      their 201) count as reflected at that poll. Latency = reflected − 201 received.
//      The outbox → consumer part comes from the database's own timestamps.
//   2. burst: K contact.created events written straight into contacts.outbox_message in one
//      transaction (as a bulk import would), to see what the relay → broker → consumer path
//      sustains end to end (anchor P7: ≥ 1,000 events/s).
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { cpuWindow } from './lib/cpu.mjs';
import { contactBody, requestJson } from './lib/http.mjs';
import { fmt, round, sleep, summarize, table } from './lib/stats.mjs';

export const name = 'event-latency';
export const description = 'contact created (201) → reporting dashboard reflects it; outbox → consumer timings; burst capacity';
/** Part of the plain `npm run bench` (about 1 min 40 s together with the other default one). */
export const inDefaultRun = true;

const CREATED = 'contacts.contact.created';

/** Polls the dashboard in the background, recording (time the answer arrived, totalContacts). */
function startDashboardPoller(url, token, intervalMs) {
  const observations = [];
  const pollLatencies = [];
  let failures = 0;
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      const started = performance.now();
      try {
        const response = await requestJson('GET', url, { token, timeoutMs: 5000 });
        const now = performance.now();
        pollLatencies.push(now - started);
        if (response.status === 200 && typeof response.body?.totalContacts === 'number') observations.push({ at: now, count: response.body.totalContacts });
        else failures++;
      } catch {
        failures++;
      }
      const wait = intervalMs - (performance.now() - started);
      if (wait > 0) await sleep(wait);
    }
  })();
  return {
    observations,
    pollLatencies,
    get failures() {
      return failures;
    },
    latest: () => observations.at(-1)?.count,
    async stop() {
      stopped = true;
      await done;
    },
  };
}

async function dashboardCount(url, token) {
  const response = await requestJson('GET', url, { token });
  if (response.status !== 200 || typeof response.body?.totalContacts !== 'number') throw new Error(`dashboard answered ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
  return response.body.totalContacts;
}

/** Waits until nothing is pending in the contacts outbox and the dashboard stops moving. */
async function settle(platform, dashboardUrl, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let previous = -1;
  while (Date.now() < deadline) {
    const [{ pending }] = await platform.query(`SELECT count(*)::int AS pending FROM contacts.outbox_message WHERE published_at IS NULL`);
    const count = await dashboardCount(dashboardUrl, platform.token);
    if (pending === 0 && count === previous) return count;
    previous = count;
    await sleep(300);
  }
  throw new Error('the platform did not settle (outbox pending or dashboard still moving) within 30 s');
}

/**
 * Samples pg_stat_activity every `intervalMs` for the platform's connections that are not idle:
 * what the services' database sessions are doing or waiting on (locks, WAL flush, client…).
 */
async function startWaitSampler(databaseUrl, intervalMs = 50) {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'bench-sampler' });
  await client.connect();
  const counts = new Map();
  let samples = 0;
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      const { rows } = await client.query(
        `SELECT application_name AS app, state, coalesce(wait_event_type || ':' || wait_event, 'on CPU') AS wait, count(*)::int AS n
           FROM pg_stat_activity
          WHERE datname = current_database() AND application_name LIKE 'crm-%' AND state <> 'idle'
          GROUP BY 1, 2, 3`,
      );
      samples++;
      for (const { app, state, wait, n } of rows) {
        const key = `${app} | ${state} | ${wait}`;
        counts.set(key, (counts.get(key) ?? 0) + n);
      }
      await sleep(intervalMs);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await done;
      await client.end();
      // Average number of sessions in each state per sample, busiest first.
      return [...counts.entries()]
        .map(([key, n]) => ({ session: key, averageSessions: round(n / Math.max(1, samples)) }))
        .sort((a, b) => b.averageSessions - a.averageSessions)
        .slice(0, 8);
    },
  };
}

/** Waits until the poller has seen `target`, or the deadline. */
async function waitForCount(poller, target, timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if ((poller.latest() ?? -1) >= target) return true;
    await sleep(10);
  }
  return false;
}

/** Per-event outbox timings: occurred_at (insert) → published_at (relay batch) → received_at (consumer's transaction). */
async function outboxTimings(platform, whereSql, params) {
  const rows = await platform.query(
    `SELECT extract(epoch FROM o.occurred_at) * 1000 AS occurred,
            extract(epoch FROM o.published_at) * 1000 AS published,
            extract(epoch FROM min(i.received_at)) * 1000 AS received
       FROM contacts.outbox_message o
       LEFT JOIN reporting.inbox_message i ON i.message_id = o.id::text
      WHERE o.event_type = '${CREATED}' AND ${whereSql}
      GROUP BY o.id`,
    params,
  );
  const num = (v) => (v === null ? null : Number(v));
  const events = rows.map((r) => ({ occurred: num(r.occurred), published: num(r.published), received: num(r.received) }));
  const published = events.filter((e) => e.published !== null);
  const received = events.filter((e) => e.received !== null);
  const span = (list, field) => (list.length > 0 ? Math.max(...list.map((e) => e[field])) - Math.min(...events.map((e) => e.occurred)) : null);
  return {
    events: events.length,
    published: published.length,
    consumed: received.length,
    relayPickupMs: summarize(published.map((e) => e.published - e.occurred)),
    publishToConsumeMs: summarize(received.filter((e) => e.published !== null).map((e) => e.received - e.published)),
    outboxToConsumerMs: summarize(received.map((e) => e.received - e.occurred)),
    firstToLastPublishedMs: round(span(published, 'published')),
    firstToLastConsumedMs: round(span(received, 'received')),
  };
}

async function pacedPhase({ platform, options, log, dashboardUrl, writeUrl }) {
  const { rate, seconds, pollMs } = options;
  const total = Math.round(rate * seconds);
  const before = await settle(platform, dashboardUrl);
  const tag = randomUUID().slice(0, 8);
  const poller = startDashboardPoller(dashboardUrl, platform.token, pollMs);
  log(`paced: ${total} contacts at ${rate}/s through ${platform.gatewayUrl ? 'the gateway' : 'the contacts service (no gateway)'}, dashboard polled every ${pollMs} ms`);

  const cpu = cpuWindow(() => platform.ourProcesses());
  // Other people's CPU use second by second, to tell our slow seconds from a busy machine.
  const otherCoresPerSecond = [];
  let secondWindow = cpuWindow(() => platform.ourProcesses());
  let second = 0;
  const secondTimer = setInterval(() => {
    const [ending, index] = [secondWindow, second++];
    secondWindow = cpuWindow(() => platform.ourProcesses());
    void ending.stop().then((use) => (otherCoresPerSecond[index] = use.otherCores));
  }, 1000);
  const creates = [];
  const inFlight = new Set();
  let lateStarts = 0;
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    else if (wait < -5) lateStarts++;
    const entry = { i, sentAt: performance.now(), respondedAt: null, status: 0, id: null, error: null };
    creates.push(entry);
    const promise = requestJson('POST', `${writeUrl}/api/v1/contacts`, { token: platform.token, body: contactBody(i, `e${tag}`) })
      .then((response) => {
        entry.respondedAt = performance.now();
        entry.status = response.status;
        entry.id = response.body?.id ?? null;
        if (response.status !== 201) entry.error = JSON.stringify(response.body).slice(0, 200);
      })
      .catch((error) => {
        entry.respondedAt = performance.now();
        entry.error = error.message;
      })
      .finally(() => inFlight.delete(promise));
    inFlight.add(promise);
  }
  const sendWindowMs = performance.now() - start;
  clearInterval(secondTimer);
  await Promise.all(inFlight);
  const created = creates.filter((c) => c.status === 201).sort((a, b) => a.respondedAt - b.respondedAt);
  const reached = await waitForCount(poller, before + created.length, 30_000);
  await poller.stop();
  const cpuUse = await cpu.stop();

  // Attribution: when the count is first seen at before + n, contacts 0..n-1 (by 201 order) are reflected.
  const reflectedAt = Array.from({ length: created.length }, () => null);
  let done = 0;
  for (const { at, count } of poller.observations) {
    const n = Math.min(created.length, count - before);
    for (; done < n; done++) reflectedAt[done] = at;
  }
  const latencies = created.map((c, k) => (reflectedAt[k] === null ? null : Math.max(0, reflectedAt[k] - c.respondedAt))).filter((v) => v !== null);
  const lastReflected = reflectedAt.filter((v) => v !== null).at(-1) ?? null;
  const outbox = await outboxTimings(platform, 'o.subject = ANY($1)', [created.map((c) => c.id)]);
  const failed = creates.filter((c) => c.status !== 201);
  // Per second of sending: how the create response time and the time to the dashboard evolve.
  const perSecond = [];
  created.forEach((c, k) => {
    const second = Math.floor((c.sentAt - start) / 1000);
    (perSecond[second] ??= { create: [], toDashboard: [] }).create.push(c.respondedAt - c.sentAt);
    if (reflectedAt[k] !== null) perSecond[second].toDashboard.push(Math.max(0, reflectedAt[k] - c.respondedAt));
  });
  const timeline = [...perSecond].map((bucket, second) => ({
    second,
    created: bucket?.create.length ?? 0,
    createP50Ms: bucket ? summarize(bucket.create).p50 : null,
    createMaxMs: bucket ? summarize(bucket.create).max : null,
    toDashboardP50Ms: bucket ? summarize(bucket.toDashboard).p50 : null,
    toDashboardMaxMs: bucket ? summarize(bucket.toDashboard).max : null,
    otherProcessesCores: otherCoresPerSecond[second] ?? null,
  }));
  return {
    offeredRate: rate,
    requested: total,
    created: created.length,
    failed: failed.length,
    failureSamples: failed.slice(0, 5).map((c) => ({ status: c.status, error: c.error })),
    lateStarts,
    achievedCreateRate: round((created.length / sendWindowMs) * 1000, 1),
    createResponseMs: summarize(created.map((c) => c.respondedAt - c.sentAt)),
    reflected: latencies.length,
    allReflected: reached,
    createdToDashboardMs: summarize(latencies),
    endToEndEventsPerSecond: lastReflected === null ? null : round((latencies.length / (lastReflected - start)) * 1000, 1),
    dashboardPolls: poller.pollLatencies.length,
    dashboardPollFailures: poller.failures,
    dashboardPollMs: summarize(poller.pollLatencies),
    outbox,
    cpu: cpuUse,
    timeline,
  };
}

async function burstPhase({ platform, options, log, dashboardUrl }) {
  const count = options.burst;
  const before = await settle(platform, dashboardUrl);
  const [template] = await platform.query(`SELECT tenant_id, envelope FROM contacts.outbox_message WHERE event_type = '${CREATED}' ORDER BY occurred_at DESC LIMIT 1`);
  if (!template) throw new Error('no contact.created event to use as a template');
  const batch = `burst-${randomUUID().slice(0, 8)}`;
  const poller = startDashboardPoller(dashboardUrl, platform.token, options.pollMs);
  log(`burst: ${count} contact.created events written into contacts.outbox_message in one transaction`);
  const cpu = cpuWindow(() => platform.ourProcesses());
  const sampler = await startWaitSampler(platform.databaseUrl);
  const started = performance.now();
  // Copies of a real envelope with fresh ids, so they pass the consumer's schema check.
  await platform.query(
    `INSERT INTO contacts.outbox_message (id, event_type, tenant_id, subject, envelope)
     SELECT g.id, $1, $2, g.id::text,
            jsonb_set(jsonb_set(jsonb_set(jsonb_set($3::jsonb, '{id}', to_jsonb(g.id::text)), '{subject}', to_jsonb(g.id::text)),
                      '{data,contactId}', to_jsonb(g.id::text)), '{correlationid}', to_jsonb($4::text))
       FROM (SELECT gen_random_uuid() AS id FROM generate_series(1, $5)) g`,
    [CREATED, template.tenant_id, JSON.stringify(template.envelope), batch, count],
  );
  const committed = performance.now();
  const reached = await waitForCount(poller, before + count, 60_000);
  const doneAt = poller.observations.find((o) => o.count >= before + count)?.at ?? null;
  await poller.stop();
  const cpuUse = await cpu.stop();
  const databaseSessions = await sampler.stop();
  const outbox = await outboxTimings(platform, "o.envelope->>'correlationid' = $1", [batch]);
  return {
    events: count,
    insertMs: round(committed - started),
    allReflected: reached,
    reflected: (poller.latest() ?? before) - before,
    commitToAllReflectedMs: doneAt === null ? null : round(doneAt - committed),
    endToEndEventsPerSecond: doneAt === null ? null : round((count / (doneAt - committed)) * 1000, 0),
    relayEventsPerSecond: outbox.firstToLastPublishedMs ? round((outbox.published / outbox.firstToLastPublishedMs) * 1000, 0) : null,
    consumerEventsPerSecond: outbox.firstToLastConsumedMs ? round((outbox.consumed / outbox.firstToLastConsumedMs) * 1000, 0) : null,
    outbox,
    cpu: cpuUse,
    databaseSessions,
  };
}

function cpuLine(cpu) {
  const perProcess = Object.entries(cpu.byProcess)
    .filter(([, cores]) => cores >= 0.02)
    .sort((a, b) => b[1] - a[1])
    .map(([name, cores]) => `${name} ${fmt(cores, 2)}`)
    .join(', ');
  return (
    `CPU during the phase: ${fmt(cpu.busyCores, 2)} of ${cpu.cores} cores busy (this run ${fmt(cpu.oursCores, 2)}: ${perProcess}; ` +
    `shared Postgres processes ${fmt(cpu.sharedPostgresCores, 2)}, RabbitMQ ${fmt(cpu.rabbitmqCores, 2)}; other processes ${fmt(cpu.otherCores, 2)})`
  );
}

function memoryRows(before, after) {
  return Object.keys({ ...before, ...after }).map((proc) => [proc, fmt(before[proc]?.rssMiB, 1), fmt(after[proc]?.rssMiB, 1), fmt(after[proc]?.peakMiB, 1)]);
}

export async function run(ctx) {
  const { platform, options } = ctx;
  if (!platform.has('reporting') || !platform.has('contacts')) throw new Error('event-latency needs the contacts and reporting services');
  const dashboardUrl = `${platform.urlOf('reporting')}/api/v1/reports/dashboard`;
  const writeUrl = platform.gatewayUrl ?? platform.urlOf('contacts');
  await dashboardCount(dashboardUrl, platform.token);
  const memoryBefore = platform.memory();
  const paced = await pacedPhase({ ...ctx, dashboardUrl, writeUrl });
  const burst = options.burst > 0 ? await burstPhase({ ...ctx, dashboardUrl }) : null;
  const memoryAfter = platform.memory();

  const s = (x) => [fmt(x.p50, 1), fmt(x.p95, 1), fmt(x.p99, 1), fmt(x.max, 1)];
  const lines = [
    `event-latency (paced): ${paced.requested} contacts offered at ${paced.offeredRate}/s via ${platform.gatewayUrl ? 'gateway' : 'contacts (no gateway)'}; ` +
      `${paced.created} created (${paced.failed} failed), ${paced.achievedCreateRate}/s achieved, ${paced.lateStarts} sent > 5 ms late`,
    table(
      ['path (ms)', 'n', 'p50', 'p95', 'p99', 'max'],
      [
        ['POST /contacts response time', String(paced.createResponseMs.count), ...s(paced.createResponseMs)],
        ['201 → dashboard reflects it', String(paced.createdToDashboardMs.count), ...s(paced.createdToDashboardMs)],
        ['outbox insert → relay picks it up', String(paced.outbox.relayPickupMs.count), ...s(paced.outbox.relayPickupMs)],
        ['relay pick-up → consumer tx start', String(paced.outbox.publishToConsumeMs.count), ...s(paced.outbox.publishToConsumeMs)],
        ['outbox insert → consumer tx start', String(paced.outbox.outboxToConsumerMs.count), ...s(paced.outbox.outboxToConsumerMs)],
        ['dashboard poll (GET) time', String(paced.dashboardPollMs.count), ...s(paced.dashboardPollMs)],
      ],
    ),
    `end to end: ${fmt(paced.endToEndEventsPerSecond, 1)} events/s reflected (first send → last reflected); all reflected: ${paced.allReflected ? 'yes' : `NO (${paced.reflected}/${paced.created})`}; ` +
      `poll resolution ≈ ${options.pollMs} ms + poll time; dashboard poll failures: ${paced.dashboardPollFailures}`,
    cpuLine(paced.cpu),
    'per second of sending:',
    table(
      ['second', 'created', 'create p50', 'create max', '→ dashboard p50', '→ dashboard max', 'other processes (cores)'],
      paced.timeline.map((t) => [
        String(t.second),
        String(t.created),
        fmt(t.createP50Ms, 0),
        fmt(t.createMaxMs, 0),
        fmt(t.toDashboardP50Ms, 0),
        fmt(t.toDashboardMaxMs, 0),
        fmt(t.otherProcessesCores, 2),
      ]),
    ),
  ];
  if (burst) {
    lines.push(
      '',
      `event-latency (burst): ${burst.events} events inserted into the outbox in ${fmt(burst.insertMs, 0)} ms (one transaction)`,
      table(
        ['measure', 'value'],
        [
          ['commit → dashboard shows all', burst.commitToAllReflectedMs === null ? `NOT REACHED (${burst.reflected}/${burst.events})` : `${fmt(burst.commitToAllReflectedMs, 0)} ms`],
          ['end-to-end events/s', fmt(burst.endToEndEventsPerSecond, 0)],
          ['relay publish rate (events/s)', fmt(burst.relayEventsPerSecond, 0)],
          ['consumer rate (events/s)', fmt(burst.consumerEventsPerSecond, 0)],
          ['outbox insert → consumer p50 / p99', `${fmt(burst.outbox.outboxToConsumerMs.p50, 0)} / ${fmt(burst.outbox.outboxToConsumerMs.p99, 0)} ms (queueing included)`],
        ],
      ),
      cpuLine(burst.cpu),
      'database sessions of the services during the burst (average per 50 ms sample of pg_stat_activity, not idle):',
      table(
        ['application | state | waiting on', 'sessions'],
        burst.databaseSessions.map((row) => [row.session, fmt(row.averageSessions, 2)]),
      ),
    );
  }
  const disturbed = [
    ['paced', paced.cpu],
    ['burst', burst?.cpu],
  ]
    .filter(([, cpu]) => cpu && cpu.otherCores > 0.25)
    .map(([phase]) => phase);
  if (disturbed.length > 0)
    lines.push(`WARNING: other people's processes used > 0.25 cores during the ${disturbed.join(' and ')} phase: figures understate this code; rerun on a quiet machine before comparing`);
  lines.push('', 'memory (RSS MiB, from /proc/<pid>/status)', table(['process', 'before', 'after', 'peak (VmHWM)'], memoryRows(memoryBefore, memoryAfter)));
  const checks = [
    {
      anchor: 'P7',
      what: 'outbox → consumer p99 ≤ 100 ms (anchor at 1,000 ev/s)',
      value: `${fmt(paced.outbox.outboxToConsumerMs.p99, 1)} ms at ${paced.offeredRate}/s`,
      pass: paced.outbox.outboxToConsumerMs.p99 <= 100,
    },
  ];
  if (burst)
    checks.push({ anchor: 'P7', what: '≥ 1,000 events/s end to end', value: `${fmt(burst.endToEndEventsPerSecond, 0)}/s (burst)`, pass: (burst.endToEndEventsPerSecond ?? 0) >= 1000 });
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
      options: { rate: options.rate, seconds: options.seconds, pollMs: options.pollMs, burst: options.burst },
      paced,
      burst,
      memoryBefore,
      memoryAfter,
      checks,
      disturbedPhases: disturbed,
    },
  };
}
