// Benchmark: public PQR filing end to end (issue #8, "Public filing: ≥ 200 tickets/s end to end,
// with the acuse e-mail for each").
//   POST /api/v1/public/tickets through the gateway at a fixed rate (open model: each request
//   is sent on schedule whether or not earlier ones answered), then waits until notifications
//   has SENT the acuse de recibo of every filed ticket to the loopback SMTP server. Figures:
//   filing latency (from the scheduled send to the 201), filing→e-mail sent latency (per
//   radicado, from the 201 to the delivery's sent_at), and the end-to-end rate = tickets whose
//   e-mail was sent / (last sent_at − first request).
// The gateway limits public routes to PUBLIC_RATE_LIMIT requests per minute per client IP, as it
// must; the load comes from many loopback source addresses (127.0.<n>.<m>), i.e. many citizens.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { cpuWindow } from './lib/cpu.mjs';
import { requestJson } from './lib/http.mjs';
import { fmt, round, sleep, summarize, table } from './lib/stats.mjs';

export const name = 'public-filing';
export const description = 'public PQR filing at a fixed rate through the gateway until every acuse de recibo e-mail is sent';
export const inDefaultRun = false;

const TARGET_PER_SECOND = 200;

/**
 * Source addresses so each stays well under the gateway's per-IP public limit (60/min by default),
 * each with an undici keep-alive pool: the load generator shares the 2 cores with what it
 * measures, and undici costs about half of node:http per request.
 */
function sourceAgents(count, origin) {
  return Array.from({ length: count }, (_, i) => {
    const localAddress = `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`;
    return { localAddress, pool: new Pool(origin, { connections: 4, pipelining: 1, localAddress, keepAliveTimeout: 30_000, headersTimeout: 30_000, bodyTimeout: 30_000 }) };
  });
}

/** POST JSON from one source address; resolves { status, body }. */
async function postJson(path, body, source) {
  const response = await source.pool.request({ method: 'POST', path, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.body.text();
  let parsed = {};
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.statusCode, body: parsed };
}

function filingBody(portal, tag, i) {
  return {
    portal,
    pqrClass: i % 5 === 0 ? 'peticion_documentos' : 'reclamo',
    subject: `Reclamo de carga ${tag} ${i}`,
    description: 'Radicado por el benchmark de radicación pública.',
    requester: { name: `Peticionario ${i}`, email: `pqr-${tag}-${i}@bench.test`, documentType: 'CC', documentNumber: String(1_000_000 + i) },
  };
}

export async function run({ platform, options, log }) {
  if (!platform.gatewayUrl || !platform.has('tickets') || !platform.has('notifications')) {
    return { data: { skipped: 'needs the gateway, tickets and notifications' }, text: 'public-filing: skipped (needs the gateway, tickets and notifications)' };
  }
  const rate = Number(options.filingRate ?? TARGET_PER_SECOND);
  const seconds = Number(options.filingSeconds ?? 10);
  const total = Math.round(rate * seconds);
  const portalResponse = await requestJson('GET', `${platform.gatewayUrl}/api/v1/pqr-portal`, { token: platform.token });
  if (portalResponse.status !== 200) throw new Error(`pqr-portal answered ${portalResponse.status}`);
  const portal = portalResponse.body.portalKey;
  const agents = sourceAgents(Math.max(8, Math.ceil(total / 40)), platform.gatewayUrl);
  const tag = randomUUID().slice(0, 8);
  const url = '/api/v1/public/tickets';

  // A few filings first, so connections, caches and the clocks' calendars are warm.
  for (let i = 0; i < 5; i++) await postJson(url, filingBody(portal, `${tag}w`, i), agents[i % agents.length]);

  log(`filing ${total} PQRs at ${rate}/s from ${agents.length} source addresses`);
  const latencies = [];
  const statusCodes = {};
  const filedAt = new Map(); // radicado → epoch ms of its 201
  let errors = 0;
  const pending = [];
  const cpu = cpuWindow(() => platform.ourProcesses());
  const startedEpoch = Date.now();
  const start = performance.now();
  let sent = 0;
  const fire = (i, due) =>
    postJson(url, filingBody(portal, tag, i), agents[i % agents.length])
      .then(({ status, body }) => {
        latencies.push(performance.now() - due);
        statusCodes[status] = (statusCodes[status] ?? 0) + 1;
        if (status === 201) filedAt.set(body.radicado, Date.now());
      })
      .catch(() => {
        errors++;
      });
  while (sent < total) {
    const dueCount = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
    for (; sent < dueCount; sent++) pending.push(fire(sent, start + (sent * 1000) / rate));
    await sleep(Math.max(1, (sent * 1000) / rate - (performance.now() - start)));
  }
  await Promise.all(pending);
  const filingSeconds = (performance.now() - start) / 1000;

  // Until every filed ticket's acuse is sent (or a deadline).
  const deadline = Date.now() + 180_000;
  let rows = [];
  while (Date.now() < deadline) {
    rows = await platform.query(
      `SELECT substring(subject from 'PQR-[0-9]{4}-[0-9]+') AS radicado, sent_at FROM notifications.email_delivery
        WHERE template = 'ticket-acknowledgement' AND status = 'sent' AND to_address LIKE $1`,
      [`pqr-${tag}-%@bench.test`],
    );
    if (rows.length >= filedAt.size) break;
    await sleep(500);
  }
  const cpuUse = await cpu.stop();
  await Promise.all(agents.map((source) => source.pool.destroy()));
  const mailLatencies = rows.filter((row) => filedAt.has(row.radicado)).map((row) => new Date(row.sent_at).getTime() - filedAt.get(row.radicado));
  const lastSent = Math.max(...rows.map((row) => new Date(row.sent_at).getTime()));
  const endToEndSeconds = (lastSent - startedEpoch) / 1000;
  const endToEndRate = rows.length > 0 ? rows.length / endToEndSeconds : 0;
  // Postgres backends are named after their application (crm-<service>); RabbitMQ counted apart.
  const perTicket = Object.entries(cpuUse.cpuMs ?? {})
    .filter(([name, ms]) => name !== 'sharedPostgres' && ms > 0)
    .map(([name, ms]) => [name, ms / Math.max(1, filedAt.size)])
    .sort((a, b) => b[1] - a[1]);
  const perTicketTotal = Object.entries(cpuUse.cpuMs ?? {})
    .filter(([name]) => name !== 'sharedPostgres')
    .reduce((sum, [, ms]) => sum + ms / Math.max(1, filedAt.size), 0);
  const data = {
    offeredRate: rate,
    requests: total,
    filed: filedAt.size,
    statusCodes,
    errors,
    filingSeconds: round(filingSeconds),
    filingRatePerSecond: round(filedAt.size / filingSeconds, 0),
    filingLatencyMs: summarize(latencies),
    acknowledgementsSent: rows.length,
    filingToMailSentMs: summarize(mailLatencies),
    endToEndSeconds: round(endToEndSeconds),
    endToEndPerSecond: round(endToEndRate, 0),
    targetPerSecond: TARGET_PER_SECOND,
    meetsTarget: rows.length === total && endToEndRate >= TARGET_PER_SECOND,
    sourceAddresses: agents.length,
    cpu: cpuUse,
    cpuMsPerTicket: Object.fromEntries(perTicket.map(([name, ms]) => [name, round(ms)])),
    cpuMsPerTicketTotal: round(perTicketTotal),
  };
  const text = [
    `public filing through the gateway, ${total} PQRs offered at ${rate}/s (${agents.length} source addresses), acuse e-mails to the loopback SMTP server`,
    table(
      ['measure', 'count', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      [
        [
          'POST /public/tickets → 201',
          data.filingLatencyMs.count,
          fmt(data.filingLatencyMs.p50),
          fmt(data.filingLatencyMs.p95),
          fmt(data.filingLatencyMs.p99),
          fmt(data.filingLatencyMs.max),
        ],
        [
          '201 → acuse e-mail sent',
          data.filingToMailSentMs.count,
          fmt(data.filingToMailSentMs.p50),
          fmt(data.filingToMailSentMs.p95),
          fmt(data.filingToMailSentMs.p99),
          fmt(data.filingToMailSentMs.max),
        ],
      ],
    ),
    `CPU time per filed ticket (ms, /proc of each process over the whole window: filing and e-mails; ${fmt(cpuUse.seconds, 1)} s, other people's processes ${fmt(cpuUse.otherCores)} cores)`,
    table(['process', 'ms per ticket'], [...perTicket.map(([name, ms]) => [name, fmt(ms, 2)]), ['total', fmt(perTicketTotal, 2)]]),
    `filed ${data.filed}/${total} (${JSON.stringify(statusCodes)}, ${errors} errors) at ${data.filingRatePerSecond}/s; e-mails sent ${rows.length}; end to end ${data.endToEndPerSecond} tickets/s over ${fmt(data.endToEndSeconds, 1)} s (target ≥ ${TARGET_PER_SECOND}/s: ${data.meetsTarget ? 'met' : 'NOT met'})`,
  ].join('\n');
  return { data, text };
}
