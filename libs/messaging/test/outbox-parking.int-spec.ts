import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import amqp, { type Channel, type ChannelModel } from 'amqplib';
import { waitFor } from '@crm/testing';
import type { DeadLetterView } from '@crm/messaging';
import { lockBroker, type ReleaseLock } from './broker-lock.js';
import { AMQP_URL, createScratchSchema, names, sql, startTestApp, Tap, tokenFor, type TestApp } from './messaging-harness.js';

const SCHEMA = 'itest_parking';
const MAX_ATTEMPTS = 3;

interface OutboxState {
  published_at: Date | null;
  parked_at: Date | null;
  attempts: number;
  last_error: string | null;
}

const outboxRow = async (id: string): Promise<OutboxState | undefined> =>
  (await sql<OutboxState & Record<string, unknown>>(`SELECT published_at, parked_at, attempts, last_error FROM "${SCHEMA}".outbox_message WHERE id = $1`, [id]))[0];

describe('an outbox row the broker keeps refusing', () => {
  let svc: TestApp;
  let releaseBroker: ReleaseLock | undefined;
  let connection: ChannelModel;
  let channel: Channel;
  /** A full queue (max-length 0, reject-publish) bound to the poisoned type: the broker nacks every publish of it. */
  const blocker = `${names.prefix}parktest.blocker.${randomUUID()}`;

  beforeAll(async () => {
    releaseBroker = await lockBroker('shared');
    await createScratchSchema(SCHEMA);
    svc = await startTestApp({
      service: 'itest-parking',
      schema: SCHEMA,
      consume: false,
      deadLettersApi: true,
      relayMaxAttempts: MAX_ATTEMPTS,
      relayRetryBaseMs: 300,
      relayRetryMaxMs: 1000,
    });
    connection = await amqp.connect(AMQP_URL);
    connection.on('error', () => undefined);
    channel = await connection.createChannel();
    await channel.assertQueue(blocker, { durable: false, autoDelete: false, arguments: { 'x-max-length': 0, 'x-overflow': 'reject-publish' } });
    await channel.bindQueue(blocker, names.events, 'parktest.poison.*');
  });

  afterAll(async () => {
    await channel?.deleteQueue(blocker).catch(() => undefined);
    await connection?.close().catch(() => undefined);
    await svc?.close();
    await releaseBroker?.();
  });

  it('does not hold back later events, is parked after the attempt limit, listed to the admin and replayed on request', async () => {
    const tap = await Tap.open('parktest.#');
    try {
      const [poison] = await svc.commitEvents('parktest.poison.created', 1, () => 'poison');
      // Committed after the poisoned row, one transaction each: the relay must get past it.
      const healthy: string[] = [];
      for (let i = 0; i < 20; i++) healthy.push(...(await svc.commitEvents('parktest.healthy.created', 1, () => `healthy-${i}`)));

      // Published means confirmed and marked: a batch that fails as a whole would reach the
      // broker again and again without ever being marked.
      await waitFor(async () => (await sql(`SELECT 1 FROM "${SCHEMA}".outbox_message WHERE id = ANY($1::uuid[]) AND published_at IS NOT NULL`, [healthy])).length === healthy.length, {
        description: 'the 20 later events published',
      });
      await waitFor(async () => healthy.every((id) => tap.ids().includes(id)), { description: 'the 20 later events at the consumer' });
      const whileHealthyFlowed = await outboxRow(poison!);
      expect(whileHealthyFlowed?.published_at).toBeNull();

      const parked = await waitFor(
        async () => {
          const row = await outboxRow(poison!);
          return row?.parked_at ? row : undefined;
        },
        { timeoutMs: 15_000, description: `the poisoned row parked after ${MAX_ATTEMPTS} attempts` },
      );
      expect(parked.attempts).toBe(MAX_ATTEMPTS);
      expect(parked.published_at).toBeNull();
      expect(parked.last_error).toContain('nack');
      expect(svc.metrics.parked).toBe(1);
      // Each later event went out once, not once per retry of a failing batch.
      expect(tap.ids().filter((id) => healthy.includes(id))).toHaveLength(healthy.length);

      // The tenant's admin sees it among the dead letters, with where it came from and why.
      const admin = await tokenFor(['admin']);
      const list = await svc.http('GET', '/api/v1/admin/dead-letters?limit=200', admin);
      expect(list.status).toBe(200);
      const letter = (list.body as { items: DeadLetterView[] }).items.find((item) => item.messageId === poison);
      expect(letter).toMatchObject({ id: poison, origin: 'outbox', routingKey: 'parktest.poison.created', replayCount: 0 });
      expect(letter?.reason).toContain(`not published after ${MAX_ATTEMPTS} attempts`);
      expect(letter?.envelope).toMatchObject({ id: poison, type: 'parktest.poison.created', subject: 'poison' });
      const otherTenant = await svc.http('GET', '/api/v1/admin/dead-letters?limit=200', await tokenFor(['admin'], randomUUID()));
      expect((otherTenant.body as { items: DeadLetterView[] }).items.map((i) => i.id)).not.toContain(poison);

      // The cause is fixed (the full queue goes away); the admin replays: the relay publishes it.
      await channel.deleteQueue(blocker);
      const replay = await svc.http('POST', `/api/v1/admin/dead-letters/${poison}/replay`, admin);
      expect(replay.status).toBe(200);
      expect(replay.body).toMatchObject({ id: poison, origin: 'outbox', replayCount: 1 });
      // (A nacked publish still reached the queues that took it, such as the tap: the broker
      // refuses per queue. Consumers' inboxes absorb those copies.)
      await waitFor(async () => (await outboxRow(poison!))?.published_at, { description: 'the replayed event published' });
      const copies = tap.messages.filter((m) => m.properties.messageId === poison);
      expect(copies.length).toBe(MAX_ATTEMPTS + 1);
      expect(copies.at(-1)?.fields).toMatchObject({ routingKey: 'parktest.poison.created', exchange: names.events });
      expect(await outboxRow(poison!)).toMatchObject({ parked_at: null, attempts: 0 });
    } finally {
      await tap.close();
    }
  });

  it('treats a row the client cannot even send (routing key over 255 characters) the same way, and the admin can discard it', async () => {
    const tap = await Tap.open('parktest.#');
    try {
      const [unsendable] = await svc.commitEvents(`parktest.${'x'.repeat(260)}`, 1, () => 'too-long');
      const later = await svc.commitEvents('parktest.later.created', 10, (i) => `later-${i}`);
      await waitFor(async () => (await sql(`SELECT 1 FROM "${SCHEMA}".outbox_message WHERE id = ANY($1::uuid[]) AND published_at IS NOT NULL`, [later])).length === later.length, {
        description: 'the later events published',
      });
      const parked = await waitFor(
        async () => {
          const row = await outboxRow(unsendable!);
          return row?.parked_at ? row : undefined;
        },
        { timeoutMs: 15_000, description: 'the unsendable row parked' },
      );
      expect(parked.last_error).toContain('cannot be sent');
      expect(tap.ids()).not.toContain(unsendable);

      const admin = await tokenFor(['admin']);
      const letter = await svc.http('GET', `/api/v1/admin/dead-letters/${unsendable}`, admin);
      expect(letter.body).toMatchObject({ id: unsendable, origin: 'outbox' });
      // Replaying cannot help an event that can never be sent: the admin discards it, and the
      // parked outbox row goes with it.
      expect((await svc.http('DELETE', `/api/v1/admin/dead-letters/${unsendable}`, await tokenFor(['admin'], randomUUID()))).status).toBe(404);
      expect((await svc.http('DELETE', `/api/v1/admin/dead-letters/${unsendable}`, admin)).status).toBe(204);
      expect((await svc.http('GET', `/api/v1/admin/dead-letters/${unsendable}`, admin)).status).toBe(404);
      expect(await outboxRow(unsendable!)).toBeUndefined();
    } finally {
      await tap.close();
    }
  });
});
