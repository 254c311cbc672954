import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import amqp from 'amqplib';
import { waitFor } from '@crm/testing';
import { AmqpConnection, ConfirmPublisher, MessagingHousekeeper, MessagingMetrics, OutboxRelay } from '@crm/messaging';
import { lockBroker, type ReleaseLock } from './broker-lock.js';
import { AMQP_URL, createScratchSchema, names, sql, startTestApp, Tap, TENANT, type TestApp } from './messaging-harness.js';

const SCHEMA = 'itest_relay';

describe('transactional outbox and relay', () => {
  let first: TestApp;
  let second: TestApp;
  let releaseBroker: ReleaseLock | undefined;

  beforeAll(async () => {
    releaseBroker = await lockBroker('shared');
    await createScratchSchema(SCHEMA);
    // Two replicas of one service on one schema; a long poll so only NOTIFY explains low latency.
    const options = { service: 'itest-relay', schema: SCHEMA, consume: false, relayBatchSize: 50, relayPollIntervalMs: 5000 };
    first = await startTestApp(options);
    second = await startTestApp(options);
  });

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await releaseBroker?.();
  });

  it('publishes a committed event as a CloudEvent with the AMQP properties, and nothing from a rolled-back transaction', async () => {
    const tap = await Tap.open('#');
    try {
      let rolledBackId = '';
      await expect(
        first.dataSource.transaction(async (em) => {
          const event = await first.outbox.publish(em, { type: 'relaytest.contact.created', subject: 'rolled-back', tenantId: TENANT, data: {} });
          rolledBackId = event.id;
          throw new Error('business rule failed');
        }),
      ).rejects.toThrow('business rule failed');

      const committed = await first.dataSource.transaction((em) =>
        first.outbox.publish(em, { type: 'relaytest.contact.created', subject: 'contact-1', tenantId: TENANT, data: { name: 'Ana' }, correlationId: 'corr-42' }),
      );
      const message = await waitFor(async () => tap.messages.find((m) => m.properties.messageId === committed.id), { description: 'the committed event' });

      const body = JSON.parse(message.content.toString()) as Record<string, unknown>;
      expect(body).toEqual({
        specversion: '1.0',
        id: committed.id,
        source: 'crm/itest-relay',
        type: 'relaytest.contact.created',
        time: committed.time,
        subject: 'contact-1',
        datacontenttype: 'application/json',
        tenantid: TENANT,
        correlationid: 'corr-42',
        data: { name: 'Ana' },
      });
      expect(message.fields.exchange).toBe(names.events);
      expect(message.fields.routingKey).toBe('relaytest.contact.created');
      expect(message.properties).toMatchObject({
        messageId: committed.id,
        type: 'relaytest.contact.created',
        contentType: 'application/json',
        deliveryMode: 2, // persistent
        appId: 'itest-relay',
        headers: { 'x-correlation-id': 'corr-42', 'x-tenant-id': TENANT },
      });
      expect(typeof message.properties.timestamp).toBe('number');
      expect(tap.ids()).not.toContain(rolledBackId);
      expect(await sql(`SELECT 1 FROM "${SCHEMA}".outbox_message WHERE id = $1`, [rolledBackId])).toHaveLength(0);
      const [row] = await sql<{ published_at: Date | null }>(`SELECT published_at FROM "${SCHEMA}".outbox_message WHERE id = $1`, [committed.id]);
      expect(row?.published_at).toBeInstanceOf(Date);
    } finally {
      await tap.close();
    }
  });

  it('two relays on one schema publish every event exactly once (SKIP LOCKED)', async () => {
    const tap = await Tap.open('relaytest.dual.#');
    try {
      const [firstBefore, secondBefore] = [first.metrics.published, second.metrics.published];
      const started = Date.now();
      // 20 transactions of 50: both relays are woken by each commit and compete for the rows.
      const batches = await Promise.all(Array.from({ length: 20 }, () => first.commitEvents('relaytest.dual.created', 50)));
      const ids = batches.flat();
      await waitFor(async () => (await sql(`SELECT 1 FROM "${SCHEMA}".outbox_message WHERE published_at IS NULL LIMIT 1`)).length === 0, {
        timeoutMs: 30_000,
        description: 'the outbox to drain',
      });
      // A sentinel committed afterwards arrives after everything published before it (one FIFO queue).
      const [sentinel] = await first.commitEvents('relaytest.dual.sentinel', 1);
      await waitFor(async () => tap.ids().includes(sentinel!), { timeoutMs: 15_000, description: 'the sentinel' });
      const elapsed = Date.now() - started;

      const received = tap.ids().filter((id) => id !== sentinel);
      expect(received).toHaveLength(ids.length);
      expect(new Set(received)).toEqual(new Set(ids));
      // A relay counts a message once its confirm is handled, which can come just after the
      // consumer already has it: wait for the counters, then check none was published twice.
      const publishedSince = () => first.metrics.published - firstBefore + (second.metrics.published - secondBefore);
      await waitFor(async () => publishedSince() >= ids.length + 1, { timeoutMs: 5_000, description: 'both relays to count their confirms' });
      const [byFirst, bySecond] = [first.metrics.published - firstBefore, second.metrics.published - secondBefore];
      expect(byFirst + bySecond).toBe(ids.length + 1);
      console.log(
        `relay: ${ids.length} events committed→received in ${elapsed} ms (${Math.round((ids.length / elapsed) * 1000)} ev/s), ` + `split ${byFirst}/${bySecond} between the two replicas`,
      );
    } finally {
      await tap.close();
    }
  });

  it('is woken by NOTIFY: commit-to-delivery latency stays far below the 5 s poll', async () => {
    const tap = await Tap.open('relaytest.latency.#');
    try {
      const latencies: number[] = [];
      for (let i = 0; i < 20; i++) {
        const started = performance.now();
        const [id] = await first.commitEvents('relaytest.latency.measured', 1);
        // Delivered before the 5 s poll could have run: only NOTIFY explains it (speed itself is
        // measured in bench/, event-latency).
        await waitFor(async () => tap.ids().includes(id!), { intervalMs: 2, timeoutMs: 4500, description: `event ${i} before the poll` });
        latencies.push(performance.now() - started);
      }
      latencies.sort((a, b) => a - b);
      const median = latencies[Math.floor(latencies.length / 2)]!;
      const max = latencies[latencies.length - 1]!;
      console.log(`relay latency commit→consumer: median ${median.toFixed(1)} ms, max ${max.toFixed(1)} ms`);
      expect(latencies).toHaveLength(20);
    } finally {
      await tap.close();
    }
  });

  it('keeps an event nobody is bound to in crm.unrouted (alternate exchange)', async () => {
    const type = `relaytest.nobody.${randomUUID().slice(0, 8)}`;
    const [id] = await first.commitEvents(type, 1);
    const connection = await amqp.connect(AMQP_URL);
    try {
      const channel = await connection.createChannel();
      const found = await waitFor(
        async () => {
          const message = await channel.get(names.unrouted, { noAck: false });
          if (!message) return undefined;
          if (message.properties.messageId !== id) {
            channel.nack(message, false, true);
            return undefined;
          }
          channel.ack(message);
          return message;
        },
        { description: 'the unroutable event in crm.unrouted' },
      );
      expect(found.fields.routingKey).toBe(type);
      expect(first.metrics.returned + second.metrics.returned).toBe(0);
    } finally {
      await connection.close();
    }
  });

  it('counts and reports a mandatory publish the broker returns', async () => {
    const connection = first.app.get(AmqpConnection);
    const metrics = new MessagingMetrics();
    const publisher = new ConfirmPublisher(connection, metrics, 'test');
    try {
      const messageId = randomUUID();
      // The direct DLX has no binding for this key and no alternate exchange.
      const outcome = await publisher.publish(
        [{ exchange: names.deadLetterExchange, routingKey: `nobody-${messageId}`, body: Buffer.from('{}'), options: { mandatory: true, messageId } }],
        5000,
      );
      expect(outcome.returned).toEqual([messageId]);
      expect(metrics.returned).toBe(1);
    } finally {
      await publisher.close();
    }
  });

  it('survives a Postgres connection drop: LISTEN comes back and events keep flowing', async () => {
    const relays = [first.app.get(OutboxRelay), second.app.get(OutboxRelay)];
    await waitFor(async () => relays.every((r) => r.isListening()), { description: 'both relays listening' });
    const attempts = await sql<{ application_name: string; terminated: boolean }>(
      `SELECT application_name, pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
        WHERE datname = current_database() AND application_name IN ('itest-itest-relay', 'crm-itest-relay-relay')`,
    );
    // Backends actually terminated (the function's result), not merely found: both relays' LISTEN
    // connections and at least one pooled connection.
    const killed = attempts.filter((a) => a.terminated);
    expect(killed.filter((a) => a.application_name === 'crm-itest-relay-relay')).toHaveLength(2);
    expect(killed.filter((a) => a.application_name === 'itest-itest-relay').length).toBeGreaterThanOrEqual(1);
    const tap = await Tap.open('relaytest.blip.#');
    try {
      // The pool drops its dead connections; the first commit may hit one, as a request would.
      const [id] = await waitFor(() => first.commitEvents('relaytest.blip.created', 1), { description: 'a commit after the drop' });
      await waitFor(async () => tap.ids().includes(id!), { description: 'the event committed after the drop' });
      await waitFor(async () => relays.every((r) => r.isListening()), { description: 'LISTEN restored' });
      const [next] = await first.commitEvents('relaytest.blip.created', 1);
      // Delivered before the 5 s poll could have run: NOTIFY woke the relay again.
      await waitFor(async () => tap.ids().includes(next!), { intervalMs: 2, timeoutMs: 4500, description: 'an event after LISTEN came back, before the poll' });
    } finally {
      await tap.close();
    }
  });

  it('archives published outbox rows, prunes old inbox rows, never touches unpublished ones', async () => {
    const [published] = await first.commitEvents('relaytest.prune.created', 1);
    await waitFor(async () => (await sql(`SELECT 1 FROM "${SCHEMA}".outbox_message WHERE id = $1 AND published_at IS NOT NULL`, [published])).length === 1, {
      description: 'the event published',
    });
    await sql(`UPDATE "${SCHEMA}".outbox_message SET published_at = now() - interval '8 days' WHERE id = $1`, [published]);
    // An old row that was never published must stay (the relay still owes it).
    const stuck = randomUUID();
    await sql(`ALTER TABLE "${SCHEMA}".outbox_message DISABLE TRIGGER outbox_message_notify`);
    await sql(
      `INSERT INTO "${SCHEMA}".outbox_message (id, event_type, tenant_id, subject, envelope, occurred_at, published_at)
       VALUES ($1, 'relaytest.prune.stuck', $2, 's', '{}', now() - interval '9 days', NULL)`,
      [stuck, TENANT],
    );
    await sql(`ALTER TABLE "${SCHEMA}".outbox_message ENABLE TRIGGER outbox_message_notify`);
    await sql(`INSERT INTO "${SCHEMA}".inbox_message (message_id, consumer, received_at) VALUES ('old', 'c', now() - interval '31 days'), ('new', 'c', now())`);
    // Keep the relays away from the stuck row while we look.
    await first.app.get(OutboxRelay).stop();
    await second.app.get(OutboxRelay).stop();
    try {
      const result = await first.app.get(MessagingHousekeeper).prune();
      expect(result.outbox).toBeGreaterThanOrEqual(1);
      expect(result.inbox).toBe(1);
      expect(await sql(`SELECT 1 FROM "${SCHEMA}".outbox_message WHERE id = $1`, [published])).toHaveLength(0);
      // Moved to the archive, not lost: the history a read-model rebuild replays.
      expect(await sql(`SELECT 1 FROM "${SCHEMA}".outbox_archive WHERE id = $1`, [published])).toHaveLength(1);
      expect(await sql(`SELECT 1 FROM "${SCHEMA}".outbox_message WHERE id = $1`, [stuck])).toHaveLength(1);
      expect((await sql<{ message_id: string }>(`SELECT message_id FROM "${SCHEMA}".inbox_message`)).map((r) => r.message_id)).toEqual(['new']);
    } finally {
      await sql(`DELETE FROM "${SCHEMA}".outbox_message WHERE id = $1`, [stuck]);
      first.app.get(OutboxRelay).start();
      second.app.get(OutboxRelay).start();
    }
  });

  it('stops cleanly and picks up what was committed while it was stopped', async () => {
    const relay = second.app.get(OutboxRelay);
    const firstRelay = first.app.get(OutboxRelay);
    await relay.stop();
    await firstRelay.stop();
    expect(firstRelay.isRunning()).toBe(false);
    const tap = await Tap.open('relaytest.resume.#');
    try {
      const [id] = await first.commitEvents('relaytest.resume.created', 1);
      const [row] = await sql<{ published_at: Date | null }>(`SELECT published_at FROM "${SCHEMA}".outbox_message WHERE id = $1`, [id]);
      expect(row?.published_at).toBeNull();
      firstRelay.start();
      await waitFor(async () => tap.ids().includes(id!), { description: 'the event committed while stopped' });
    } finally {
      await tap.close();
    }
  });
});
