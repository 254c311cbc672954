// Benchmark: a burst of 100,000 events into reporting (an import, a replay), absorbed by the
// batched read models (InboxBatcher: one transaction and one statement per table per batch).
//   1. 100,000 valid events of one tenant are published on crm.events as fast as the broker takes
//      them (confirm channel): 40,000 contacts.contact.created, 30,000 opportunities.opportunity.created,
//      20,000 opportunities.opportunity.stage_changed (of the first 20,000 deals) and 10,000
//      tickets.ticket.created; then 2,000 of them again with the same ids (redeliveries).
//   2. Absorbed = every distinct id is in reporting's inbox; rate = 100,000 ÷ (last inbox row − first publish).
//   3. Checked: exactly 40,000 contacts, 30,000 deals of which 20,000 in the second stage, 20,000
//      stage moves, 10,000 tickets (zero lost, zero double counted), and the dashboard through the gateway.
//
//   npm run bench -- reporting-burst --services=reporting [--burst-events=100000]
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import amqp from 'amqplib';
import { cpuWindow } from './lib/cpu.mjs';
import { requestJson } from './lib/http.mjs';
import { fmt, round, sleep, table } from './lib/stats.mjs';

export const name = 'reporting-burst';
export const description = 'burst of 100,000 events into reporting: events/s absorbed, zero lost or double counted';

function envelope(tenantId, type, subject, data) {
  const id = randomUUID();
  return {
    specversion: '1.0',
    id,
    source: `crm/${type.split('.')[0]}`,
    type,
    time: new Date().toISOString(),
    subject,
    datacontenttype: 'application/json',
    tenantid: tenantId,
    correlationid: id,
    data,
  };
}

/** The burst: [events], and the counts it must leave. */
export function burstEvents(tenantId, total = 100_000) {
  const contacts = Math.round(total * 0.4);
  const deals = Math.round(total * 0.3);
  const moves = Math.round(total * 0.2);
  const tickets = total - contacts - deals - moves;
  const owner = randomUUID();
  const team = randomUUID();
  const pipeline = randomUUID();
  const [stageA, stageB] = [randomUUID(), randomUUID()];
  const now = new Date().toISOString();
  const events = [];
  const contactIds = [];
  for (let i = 0; i < contacts; i++) {
    const contactId = randomUUID();
    contactIds.push(contactId);
    events.push(
      envelope(tenantId, 'contacts.contact.created', contactId, {
        contactId,
        kind: 'person',
        lifecycle: 'prospect',
        displayName: `Contacto ${i}`,
        email: null,
        phone: null,
        ownerId: owner,
        teamId: team,
        createdBy: owner,
        createdAt: now,
        version: 1,
      }),
    );
  }
  const ref = (opportunityId, i, stageId) => ({
    opportunityId,
    contactId: contactIds[i % contactIds.length],
    title: `Negocio ${i}`,
    pipelineId: pipeline,
    stageId,
    ownerId: owner,
    teamId: team,
    agentId: null,
    assigneeId: null,
    createdBy: owner,
  });
  const dealIds = [];
  for (let i = 0; i < deals; i++) {
    const id = randomUUID();
    dealIds.push(id);
    events.push(
      envelope(tenantId, 'opportunities.opportunity.created', id, {
        ...ref(id, i, stageA),
        status: 'open',
        amount: { amount: '1000.00', currency: 'COP' },
        probability: 10,
        expectedCloseDate: null,
        createdAt: now,
        version: 1,
      }),
    );
  }
  for (let i = 0; i < moves; i++) {
    const id = dealIds[i];
    events.push(
      envelope(tenantId, 'opportunities.opportunity.stage_changed', id, {
        ...ref(id, i, stageB),
        fromStageId: stageA,
        toStageId: stageB,
        toStageName: 'Calificada',
        probability: 30,
        secondsInPreviousStage: 60,
        changedBy: owner,
        changedAt: now,
        version: 2,
      }),
    );
  }
  for (let i = 0; i < tickets; i++) {
    const id = randomUUID();
    events.push(
      envelope(tenantId, 'tickets.ticket.created', id, {
        ticketId: id,
        radicado: `PQR-2026-${String(i + 1).padStart(6, '0')}`,
        contactId: null,
        pqrClass: 'peticion_general',
        categoryId: null,
        priority: 'media',
        status: 'abierto',
        channel: 'web',
        subject: 'Solicitud',
        assigneeId: owner,
        teamId: team,
        legalDueAt: null,
        receivedAt: now,
        createdBy: null,
        requester: { name: 'Solicitante', email: null, language: 'es' },
        trackingUrl: null,
      }),
    );
  }
  return { events, expected: { contacts, deals, moves, tickets } };
}

async function publishAll(url, exchange, events, chunk = 5000) {
  const connection = await amqp.connect(url);
  const channel = await connection.createConfirmChannel();
  try {
    for (let start = 0; start < events.length; start += chunk) {
      for (const event of events.slice(start, start + chunk)) {
        channel.publish(exchange, event.type, Buffer.from(JSON.stringify(event)), { persistent: true, contentType: 'application/json', messageId: event.id, type: event.type });
      }
      await channel.waitForConfirms();
    }
  } finally {
    await channel.close().catch(() => undefined);
    await connection.close().catch(() => undefined);
  }
}

export async function run({ platform, options, log }) {
  if (!platform.has('reporting')) throw new Error('reporting-burst needs the reporting service (--services=reporting)');
  const total = Number(options.burstEvents ?? 100_000);
  const tenantId = JSON.parse(Buffer.from(platform.token.split('.')[1], 'base64url').toString()).tid;
  const { events, expected } = burstEvents(tenantId, total);
  const duplicates = events.slice(0, Math.min(2000, events.length));
  const exchange = `${platform.platform.amqpPrefix}crm.events`;
  const [{ before }] = await platform.query(`SELECT count(*)::int AS before FROM reporting.inbox_message WHERE consumer = 'reporting.read-models'`);

  log(`publishing ${events.length} events + ${duplicates.length} redeliveries`);
  const cpu = cpuWindow(() => platform.ourProcesses());
  const started = performance.now();
  const startedAt = new Date();
  await publishAll(platform.amqpUrl, exchange, [...events, ...duplicates]);
  const published = performance.now();
  let absorbed = 0;
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    const [{ n }] = await platform.query(`SELECT count(*)::int AS n FROM reporting.inbox_message WHERE consumer = 'reporting.read-models'`);
    absorbed = n - before;
    if (absorbed >= events.length) break;
    await sleep(200);
  }
  const [{ last }] = await platform.query(`SELECT extract(epoch FROM max(received_at)) * 1000 AS last FROM reporting.inbox_message WHERE consumer = 'reporting.read-models'`);
  const cpuUse = await cpu.stop();
  const seconds = (Number(last) - startedAt.getTime()) / 1000;
  await sleep(2000); // the redeliveries, if any still queued, land in the inbox as duplicates
  const [counts] = await platform.query(
    `SELECT (SELECT count(*)::int FROM reporting.rpt_contact WHERE tenant_id = $1) AS contacts,
            (SELECT count(*)::int FROM reporting.rpt_opportunity WHERE tenant_id = $1) AS deals,
            (SELECT count(*)::int FROM reporting.rpt_opportunity WHERE tenant_id = $1 AND probability = 30) AS moved,
            (SELECT count(*)::int FROM reporting.rpt_stage_move WHERE tenant_id = $1) AS moves,
            (SELECT count(*)::int FROM reporting.rpt_ticket WHERE tenant_id = $1) AS tickets`,
    [tenantId],
  );
  const dashboard = platform.gatewayUrl ? (await requestJson('GET', `${platform.gatewayUrl}/api/v1/reports/dashboard`, { token: platform.token })).body : null;
  const exact =
    counts.contacts === expected.contacts && counts.deals === expected.deals && counts.moved === expected.moves && counts.moves === expected.moves && counts.tickets === expected.tickets;
  const rate = round(events.length / seconds, 0);
  const text = table(
    ['events', 'published in', 'absorbed in', 'events/s', 'contacts', 'deals (moved)', 'stage moves', 'tickets', 'dashboard contacts', 'exact'],
    [
      [
        events.length,
        `${fmt((published - started) / 1000)} s`,
        `${fmt(seconds)} s`,
        rate,
        counts.contacts,
        `${counts.deals} (${counts.moved})`,
        counts.moves,
        counts.tickets,
        dashboard?.totalContacts ?? '-',
        exact ? 'yes' : 'NO',
      ],
    ],
  );
  return {
    text,
    data: {
      events: events.length,
      duplicates: duplicates.length,
      publishSeconds: round((published - started) / 1000),
      absorbSeconds: round(seconds),
      eventsPerSecond: rate,
      absorbed,
      counts,
      expected,
      exact,
      cpu: cpuUse,
    },
  };
}
