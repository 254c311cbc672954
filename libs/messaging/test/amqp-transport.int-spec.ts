import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CONTACTS_DOCUMENT_DELETED } from '@crm/contracts';
import { waitFor } from '@crm/testing';
import type { DeadLetterView } from '@crm/messaging';
import amqp from 'amqplib';
import { lockBroker, type ReleaseLock } from './broker-lock.js';
import { AMQP_URL, cloudEvent, createScratchSchema, names, publishRaw, sql, startTestApp, tokenFor, type TestApp } from './messaging-harness.js';

const SCHEMA = 'itest_consumer';
const SERVICE = 'itest-consumer';

interface DeadLetterRow {
  id: string;
  tenant_id: string | null;
  routing_key: string;
  reason: string;
  envelope: Record<string, unknown> | null;
  raw_body: string | null;
}

let releaseBroker: ReleaseLock | undefined;
beforeAll(async () => {
  releaseBroker = await lockBroker('shared');
});
afterAll(async () => {
  await releaseBroker?.();
});

async function deadLetterFor(messageId: string): Promise<DeadLetterRow | undefined> {
  const rows = await sql<DeadLetterRow>(`SELECT id, tenant_id, routing_key, reason, envelope, raw_body FROM "${SCHEMA}".dead_letter WHERE message_id = $1`, [messageId]);
  return rows[0];
}

describe('AmqpTransport: consuming with inbox, retries and dead letters', () => {
  let svc: TestApp;

  const effectsFor = async (id: string): Promise<number> => (await svc.effects()).filter((e) => e.message_id === id).length;

  beforeAll(async () => {
    await createScratchSchema(SCHEMA);
    // Also bound to a type of the contracts catalogue that no service consumes, for the schema checks.
    svc = await startTestApp({ service: SERVICE, schema: SCHEMA, consume: true, eventPrefix: 'tr', retryDelaysMs: [100, 200], catalogueType: CONTACTS_DOCUMENT_DELETED });
  });

  afterAll(async () => {
    await svc?.close();
  });

  it('dispatches a CloudEvent from a non-Nest publisher by its routing key', async () => {
    const event = cloudEvent('tr.thing.created', 'raw-1', 'crm/someone-else');
    await publishRaw(names.events, 'tr.thing.created', event, event.id);
    await waitFor(async () => (await effectsFor(event.id)) === 1, { description: 'the handler effect' });
    const call = svc.probe.calls.find((c) => c.id === event.id);
    expect(call).toMatchObject({ routingKey: 'tr.thing.created', retryCount: 0, correlationId: event.correlationid });
  });

  it('binds ERP patterns on erp.events', async () => {
    const event = cloudEvent('sales.tr.created', 'order-1', 'erp/sales');
    await publishRaw(names.erpEvents, 'sales.tr.created', event, event.id);
    await waitFor(async () => (await effectsFor(event.id)) === 1, { description: 'the ERP order effect' });
  });

  it('consumes what the service itself published through its outbox', async () => {
    const [id] = await svc.commitEvents('tr.thing.updated', 1);
    await waitFor(async () => (await effectsFor(id!)) === 1, { description: 'the outbox event handled' });
  });

  it('gives a redelivered message (same id) no second effect', async () => {
    const duplicatesBefore = svc.metrics.duplicates;
    const event = cloudEvent('tr.thing.created', 'twice');
    await publishRaw(names.events, 'tr.thing.created', event, event.id);
    await publishRaw(names.events, 'tr.thing.created', event, event.id);
    await waitFor(async () => svc.probe.callsFor('twice') === 2 && svc.metrics.duplicates > duplicatesBefore, { description: 'both deliveries handled' });
    expect(await effectsFor(event.id)).toBe(1);
    expect(svc.metrics.duplicates - duplicatesBefore).toBe(1);
  });

  it('retries a failing handler through the tiers, dead-letters it, keeps others flowing, and replays it on request', async () => {
    svc.probe.failSubjects.add('poison');
    const poison = cloudEvent('tr.thing.created', 'poison');
    await publishRaw(names.events, 'tr.thing.created', poison, poison.id);
    const healthy = Array.from({ length: 5 }, (_, i) => cloudEvent('tr.thing.created', `healthy-${i}`));
    for (const event of healthy) await publishRaw(names.events, 'tr.thing.created', event, event.id);

    for (const event of healthy) await waitFor(async () => (await effectsFor(event.id)) === 1, { description: `${event.subject} handled` });
    const letter = await waitFor(() => deadLetterFor(poison.id), { description: 'the poison message in dead_letter' });
    expect(letter.routing_key).toBe('tr.thing.created');
    expect(letter.reason).toContain('cannot handle poison');
    expect(letter.envelope).toMatchObject({ id: poison.id, type: 'tr.thing.created', subject: 'poison' });
    // First delivery plus one per retry tier, with the tier number visible to the handler.
    expect(svc.probe.calls.filter((c) => c.subject === 'poison').map((c) => c.retryCount)).toEqual([0, 1, 2]);
    expect(await effectsFor(poison.id)).toBe(0);

    // The admin API: only admins, only their tenant.
    const list = async (token: string) => svc.http('GET', '/api/v1/admin/dead-letters?limit=200', token);
    expect((await list(await tokenFor(['sales']))).status).toBe(403);
    const otherTenant = (await list(await tokenFor(['admin'], '5d1e2c3b-0000-4000-8000-000000000000'))).body as { items: DeadLetterView[] };
    expect(otherTenant.items.map((i) => i.id)).not.toContain(letter.id);
    const adminToken = await tokenFor(['admin']);
    const page = (await list(adminToken)).body as { items: DeadLetterView[]; nextCursor: string | null };
    const item = page.items.find((i) => i.id === letter.id);
    expect(item).toMatchObject({ messageId: poison.id, routingKey: 'tr.thing.created', replayedAt: null, replayCount: 0 });
    expect(item?.reason).toContain('cannot handle poison');

    svc.probe.failSubjects.delete('poison');
    const replay = await svc.http('POST', `/api/v1/admin/dead-letters/${letter.id}/replay`, adminToken);
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ id: letter.id, replayCount: 1 });
    expect((replay.body as DeadLetterView).replayedAt).not.toBeNull();
    await waitFor(async () => (await effectsFor(poison.id)) === 1, { description: 'the replayed message handled' });
    // Replayed with a reset retry count, under its original routing key.
    expect(svc.probe.calls.filter((c) => c.subject === 'poison').at(-1)).toMatchObject({ retryCount: 0, routingKey: 'tr.thing.created' });
  });

  it('pages the dead letters newest first with a keyset cursor', async () => {
    for (let i = 0; i < 3; i++) svc.probe.failSubjects.add(`page-${i}`);
    const events = Array.from({ length: 3 }, (_, i) => cloudEvent('tr.thing.created', `page-${i}`));
    for (const event of events) await publishRaw(names.events, 'tr.thing.created', event, event.id);
    for (const event of events) await waitFor(() => deadLetterFor(event.id), { description: `${event.subject} dead-lettered` });

    const expected = await sql<{ id: string }>(`SELECT id FROM "${SCHEMA}".dead_letter WHERE tenant_id = $1 ORDER BY failed_at DESC, id DESC`, [events[0]!.tenantid]);
    const token = await tokenFor(['admin']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `limit=2&cursor=${cursor}` : 'limit=2';
      const response = await svc.http('GET', `/api/v1/admin/dead-letters?${query}`, token);
      expect(response.status).toBe(200);
      const page = response.body as { items: DeadLetterView[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected.map((r) => r.id));
    expect(seen.length).toBeGreaterThanOrEqual(3);
  });

  it('sends a body that is not JSON straight to the DLQ, without calling a handler', async () => {
    const messageId = await publishRaw(names.events, 'tr.thing.created', Buffer.from('{"truncated": '));
    const letter = await waitFor(() => deadLetterFor(messageId), { description: 'the invalid body in dead_letter' });
    expect(letter.reason).toMatch(/^invalid body/);
    expect(letter.envelope).toBeNull();
    expect(letter.raw_body).toBe('{"truncated": ');
    expect(svc.probe.calls.some((c) => c.id === messageId)).toBe(false);
  });

  it('dead-letters at once, with the schema errors, an event of a catalogue type whose data has the wrong shape; a valid one is handled', async () => {
    const retriedBefore = svc.metrics.retried;
    const data = { contactId: randomUUID(), documentId: randomUUID(), deletedBy: randomUUID(), deletedAt: new Date().toISOString() };
    const valid = { ...cloudEvent(CONTACTS_DOCUMENT_DELETED, 'doc-ok', 'crm/contacts'), data };
    await publishRaw(names.events, CONTACTS_DOCUMENT_DELETED, valid, valid.id);
    await waitFor(async () => (await effectsFor(valid.id)) === 1, { description: 'the valid catalogue event handled' });

    // Well-formed JSON, right envelope, wrong data: a handler would fail on it every time.
    const wrong = { ...cloudEvent(CONTACTS_DOCUMENT_DELETED, 'doc-wrong', 'crm/contacts'), data: { contactId: 42, deletedAt: 'yesterday' } };
    await publishRaw(names.events, CONTACTS_DOCUMENT_DELETED, wrong, wrong.id);
    const letter = await waitFor(() => deadLetterFor(wrong.id), { description: 'the wrong-shaped event in dead_letter' });
    expect(letter.reason).toMatch(/^invalid event: /);
    expect(letter.reason).toContain('/data/contactId must be string');
    expect(letter.reason).toContain("must have required property 'documentId'");
    expect(letter.reason).toContain('/data/deletedAt must match format "date-time"');
    expect(letter.reason).not.toContain('retries');
    expect(letter.tenant_id).toBe(wrong.tenantid);
    expect(svc.probe.calls.some((c) => c.id === wrong.id)).toBe(false);
    expect(svc.metrics.retried).toBe(retriedBefore);
    expect(await effectsFor(wrong.id)).toBe(0);
  });

  it('dead-letters an event without a tenant (any type) as invalid, stored without a tenant', async () => {
    const { tenantid: _dropped, ...orphan } = cloudEvent('tr.thing.created', 'no-tenant', 'somewhere/else');
    await publishRaw(names.events, 'tr.thing.created', orphan, orphan.id);
    const letter = await waitFor(() => deadLetterFor(orphan.id), { description: 'the tenant-less event in dead_letter' });
    expect(letter.reason).toContain("must have required property 'tenantid'");
    expect(letter.tenant_id).toBeNull();
    expect(svc.probe.calls.some((c) => c.id === orphan.id)).toBe(false);
  });

  it('acks and counts a routing key that no handler matches', async () => {
    const before = svc.metrics.unhandled;
    // Straight into the queue via the default exchange: the key is the queue name, which no pattern matches.
    await publishRaw('', names.serviceQueue(SERVICE), cloudEvent('tr.other.thing', 'stray'));
    await waitFor(async () => svc.metrics.unhandled > before, { description: 'the stray message acked' });
    expect(svc.probe.calls.some((c) => c.subject === 'stray')).toBe(false);
  });
});

describe('AmqpTransport graceful close', () => {
  it('stops consuming, lets the running handler finish and ack, then closes', async () => {
    await createScratchSchema('itest_graceful');
    const svc = await startTestApp({ service: 'itest-graceful', schema: 'itest_graceful', consume: true, eventPrefix: 'gc' });
    let closed = false;
    try {
      svc.probe.slowSubjects.set('slow', 700);
      const event = cloudEvent('gc.thing.created', 'slow');
      await publishRaw(names.events, 'gc.thing.created', event, event.id);
      await waitFor(async () => svc.probe.callsFor('slow') === 1, { description: 'the slow handler started' });
      await svc.close();
      closed = true;
      expect((await sql(`SELECT 1 FROM itest_graceful.effect WHERE message_id = $1`, [event.id])).length).toBe(1);
      // Acked before the channel closed: nothing went back to the queue.
      const connection = await amqp.connect(AMQP_URL);
      try {
        const channel = await connection.createChannel();
        expect((await channel.checkQueue(names.serviceQueue('itest-graceful'))).messageCount).toBe(0);
      } finally {
        await connection.close();
      }
    } finally {
      if (!closed) await svc.close();
    }
  });
});
