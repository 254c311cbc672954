// Benchmark: realtime fan-out (issue #9, "1,000 concurrent WebSocket clients on one gateway:
// message → all subscribers p99 ≤ 100 ms, extra gateway memory ≤ 200 MiB").
//   1. N clients (default 1,000; --realtime-clients=N) open /api/v1/realtime with the `ws`
//      package, authenticate with the first message and subscribe to the same ticket (each
//      subscription is checked against GET /tickets/{id}, as in production).
//   2. bus leg: M `tickets.ticket.replied` events (default 50, --realtime-messages) are published
//      on the events exchange at --realtime-rate per second (default 5), as the tickets relay
//      would, after 10 unmeasured warm-up events (--realtime-warmup); latency = publish → each
//      client's frame (the gateway's own part: queue, route,
//      fan-out, the network, the client's event loop).
//   3. REST leg: the same number of public replies through POST /api/v1/tickets/{id}/messages;
//      latency = request sent → each client's frame (adds the outbox commit and the relay).
//   Memory: the gateway's RSS before the clients connect and with all of them subscribed after
//   the messages (its peak too). Sender and clients run in this process, so one clock serves all.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import amqp from 'amqplib';
import { WebSocket } from 'ws';
import { cpuWindow } from './lib/cpu.mjs';
import { requestJson } from './lib/http.mjs';
import { memoryOf } from './lib/platform.mjs';
import { fmt, round, sleep, summarize, table } from './lib/stats.mjs';

export const name = 'realtime-fanout';
export const description = '1,000 WebSocket clients on one gateway subscribed to one ticket: message → every subscriber latency, gateway memory';
export const inDefaultRun = false;

const TARGET_P99_MS = 100;
const TARGET_EXTRA_MIB = 200;

/** Opens one client, authenticates and subscribes; resolves once `subscribed` arrives. */
function openClient(wsUrl, token, topic, onEvent) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, { perMessageDeflate: false });
    const timer = setTimeout(() => reject(new Error('client did not subscribe within 30 s')), 30_000);
    ws.on('error', reject);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', token })));
    ws.on('message', (raw) => {
      const received = performance.now();
      const frame = JSON.parse(raw.toString());
      if (frame.type === 'authenticated') ws.send(JSON.stringify({ type: 'subscribe', topic }));
      else if (frame.type === 'subscribed') {
        clearTimeout(timer);
        resolve(ws);
      } else if (frame.type === 'refused' || frame.type === 'error') reject(new Error(`subscription: ${JSON.stringify(frame)}`));
      else if (frame.type === 'event') onEvent(frame, received);
    });
  });
}

async function connectAll(count, concurrency, open) {
  const clients = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next += 1;
        clients.push(await open());
      }
    }),
  );
  return clients;
}

const METRICS_TOKEN = process.env.METRICS_TOKEN ?? 'test-metrics-token-0123456789abcdef';

async function gatewayMetrics(api) {
  return fetch(`${api}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    .then((r) => r.text())
    .catch(() => '');
}

/** The gateway's V8 heap in use, MiB (from its /metrics), less noisy than RSS. */
async function heapUsedMiB(api) {
  const value = /^nodejs_heap_size_used_bytes(?:\{[^}]*\})? ([\d.e+]+)/m.exec(await gatewayMetrics(api))?.[1];
  return value ? round(Number(value) / 1024 / 1024, 1) : null;
}

function gatewayPid(platform) {
  return platform.platform.processes.get('gateway')?.child.pid;
}

export async function run({ platform, options, log }) {
  if (!platform.gatewayUrl || !platform.has('tickets')) return { data: { skipped: 'needs the gateway and tickets' }, text: 'realtime-fanout: skipped (needs the gateway and tickets)' };
  const clientCount = Number(options.realtimeClients ?? 1000);
  const messages = Number(options.realtimeMessages ?? 50);
  const rate = Number(options.realtimeRate ?? 5);
  const api = platform.gatewayUrl;
  const token = platform.token;

  const ticket = await requestJson('POST', `${api}/api/v1/tickets`, {
    token,
    body: {
      pqrClass: 'reclamo',
      subject: 'Benchmark de tiempo real',
      description: 'Conversación con mil observadores.',
      requester: { name: 'Ana Bench', documentType: 'CC', documentNumber: '1020304050', email: 'ana@bench.test', phone: '+57 300 123 4567' },
    },
  });
  if (ticket.status !== 201) throw new Error(`ticket: ${ticket.status} ${JSON.stringify(ticket.body)}`);
  const ticketId = ticket.body.id;
  const topic = `ticket:${ticketId}`;

  // A real replied event to clone for the bus leg (its schema is checked by the gateway).
  const connection = await amqp.connect(platform.amqpUrl);
  const channel = await connection.createConfirmChannel();
  const exchange = `${platform.platform.amqpPrefix}crm.events`;
  const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
  await channel.bindQueue(queue, exchange, 'tickets.ticket.replied');
  let template;
  await channel.consume(
    queue,
    (message) => {
      if (message) template ??= JSON.parse(message.content.toString());
    },
    { noAck: true },
  );
  const first = await requestJson('POST', `${api}/api/v1/tickets/${ticketId}/messages`, { token, body: { kind: 'public', body: 'Mensaje inicial' } });
  if (first.status !== 201) throw new Error(`reply: ${first.status}`);
  for (let i = 0; i < 200 && !template; i++) await sleep(50);
  if (!template) throw new Error('no tickets.ticket.replied event seen on the bus');

  const pid = gatewayPid(platform);
  const before = memoryOf(pid);
  const heapBefore = await heapUsedMiB(api);
  log(`gateway RSS before the clients: ${before?.rssMiB} MiB; connecting ${clientCount} clients`);

  const sentAt = new Map(); // marker → performance.now() when sent
  const latencies = { bus: [], rest: [] };
  const lastArrival = new Map(); // marker → { leg, count, last }
  const onEvent = (frame, received) => {
    const marker = frame.data?.body;
    const sent = sentAt.get(marker);
    if (sent === undefined) return;
    const leg = marker.startsWith('rest') ? 'rest' : 'bus';
    latencies[leg].push(received - sent);
    const entry = lastArrival.get(marker) ?? { leg, count: 0, last: 0 };
    entry.count += 1;
    entry.last = Math.max(entry.last, received - sent);
    lastArrival.set(marker, entry);
  };
  const wsUrl = `${api.replace(/^http/, 'ws')}/api/v1/realtime`;
  const connectStart = performance.now();
  const clients = await connectAll(clientCount, 50, () => openClient(wsUrl, token, topic, onEvent));
  const connectSeconds = (performance.now() - connectStart) / 1000;
  const connected = memoryOf(pid);
  const heapConnected = await heapUsedMiB(api);
  log(`${clients.length} clients subscribed in ${fmt(connectSeconds, 1)} s; gateway RSS ${connected?.rssMiB} MiB`);

  const cpu = cpuWindow(() => platform.ourProcesses());
  const everyoneHas = async (marker) => {
    for (let i = 0; i < 400; i++) {
      if ((lastArrival.get(marker)?.count ?? 0) >= clientCount) return true;
      await sleep(25);
    }
    return false;
  };
  const publishEvent = (marker) => {
    const id = randomUUID();
    const event = { ...template, id, time: new Date().toISOString(), data: { ...template.data, messageId: randomUUID(), body: marker } };
    channel.publish(exchange, 'tickets.ticket.replied', Buffer.from(JSON.stringify(event)), { contentType: 'application/json', messageId: id, persistent: true });
  };
  // Warm-up, not measured: the first frames after 1,000 subscriptions meet cold code paths and a GC.
  const warmup = Number(options.realtimeWarmup ?? 10);
  for (let i = 0; i < warmup; i++) {
    const marker = `warm-${i}-${randomUUID().slice(0, 6)}`;
    sentAt.set(marker, performance.now());
    publishEvent(marker);
    await sleep(1000 / rate);
    await everyoneHas(marker);
  }
  latencies.bus.length = 0;
  lastArrival.clear();

  log(`bus leg: ${messages} events at ${rate}/s`);
  for (let i = 0; i < messages; i++) {
    const marker = `bus-${i}-${randomUUID().slice(0, 6)}`;
    sentAt.set(marker, performance.now());
    publishEvent(marker);
    await sleep(1000 / rate);
  }
  await channel.waitForConfirms();
  for (const marker of [...sentAt.keys()].filter((m) => m.startsWith('bus'))) await everyoneHas(marker);

  log(`REST leg: ${messages} replies at ${rate}/s`);
  for (let i = 0; i < messages; i++) {
    const marker = `rest-${i}-${randomUUID().slice(0, 6)}`;
    sentAt.set(marker, performance.now());
    void requestJson('POST', `${api}/api/v1/tickets/${ticketId}/messages`, { token, body: { kind: 'public', body: marker } });
    await sleep(1000 / rate);
  }
  for (const marker of [...sentAt.keys()].filter((m) => m.startsWith('rest'))) await everyoneHas(marker);
  const cpuUse = await cpu.stop();
  const after = memoryOf(pid);
  const heapAfter = await heapUsedMiB(api);
  const metrics = await gatewayMetrics(api);
  const dropped = [...metrics.matchAll(/^gateway_realtime_dropped_total\{([^}]*)\} (\d+)/gm)].map((m) => `${m[1]}=${m[2]}`);

  for (const ws of clients) ws.terminate();
  await channel.close().catch(() => undefined);
  await connection.close().catch(() => undefined);

  const perMessage = (leg) => [...lastArrival.values()].filter((entry) => entry.leg === leg);
  const complete = (leg) => perMessage(leg).filter((entry) => entry.count >= clientCount).length;
  const bus = summarize(latencies.bus);
  const rest = summarize(latencies.rest);
  const busAll = summarize(perMessage('bus').map((entry) => entry.last));
  const restAll = summarize(perMessage('rest').map((entry) => entry.last));
  // Conservative: the highest RSS seen (the process's peak included, even one from its start) minus the RSS before the clients.
  const extraMiB = after && before ? round(Math.max(after.rssMiB, after.peakMiB, connected?.rssMiB ?? 0) - before.rssMiB, 1) : null;
  const data = {
    clients: clients.length,
    messages,
    ratePerSecond: rate,
    connectSeconds: round(connectSeconds),
    busDeliveries: bus,
    busSlowestSubscriberPerMessage: busAll,
    busMessagesSeenByAll: complete('bus'),
    restDeliveries: rest,
    restSlowestSubscriberPerMessage: restAll,
    restMessagesSeenByAll: complete('rest'),
    gatewayMemoryMiB: { before: before?.rssMiB, connected: connected?.rssMiB, after: after?.rssMiB, peak: after?.peakMiB, extra: extraMiB },
    gatewayHeapUsedMiB: { before: heapBefore, connected: heapConnected, after: heapAfter },
    dropped,
    targetP99Ms: TARGET_P99_MS,
    targetExtraMiB: TARGET_EXTRA_MIB,
    meetsLatencyTarget: bus.p99 !== null && bus.p99 <= TARGET_P99_MS && complete('bus') === messages,
    meetsMemoryTarget: extraMiB !== null && extraMiB <= TARGET_EXTRA_MIB,
    cpu: cpuUse,
  };
  const row = (label, s) => [label, s.count, fmt(s.p50), fmt(s.p95), fmt(s.p99), fmt(s.max)];
  const text = [
    `realtime fan-out: ${clients.length} WebSocket clients on one gateway, one ticket topic, ${messages} messages per leg at ${rate}/s (clients connected in ${fmt(connectSeconds, 1)} s)`,
    table(
      ['measure', 'count', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      [
        row('bus publish → each subscriber', bus),
        row('bus publish → last subscriber', busAll),
        row('REST reply sent → each subscriber', rest),
        row('REST reply sent → last subscriber', restAll),
      ],
    ),
    `messages seen by all ${clients.length}: bus ${complete('bus')}/${messages}, REST ${complete('rest')}/${messages}; dropped: ${dropped.join(', ') || 'none'}`,
    `gateway RSS: ${before?.rssMiB} MiB before, ${connected?.rssMiB} MiB with the clients, ${after?.rssMiB} MiB after the messages (peak ${after?.peakMiB}); extra ${extraMiB} MiB (target ≤ ${TARGET_EXTRA_MIB}: ${data.meetsMemoryTarget ? 'met' : 'NOT met'}); V8 heap used ${heapBefore} → ${heapConnected} → ${heapAfter} MiB`,
    `p99 bus → every subscriber ${fmt(bus.p99)} ms (target ≤ ${TARGET_P99_MS} ms: ${data.meetsLatencyTarget ? 'met' : 'NOT met'})`,
  ].join('\n');
  return { data, text };
}
