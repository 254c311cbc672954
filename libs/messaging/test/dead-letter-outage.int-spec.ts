import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TcpFaultProxy, waitFor } from '@crm/testing';
import { DEAD_LETTER_QUEUE_DELIVERY_LIMIT } from '@crm/messaging';
import { lockBroker, type ReleaseLock } from './broker-lock.js';
import { createScratchSchema, DATABASE_URL, names, publishRaw, sql, startTestApp, type TestApp } from './messaging-harness.js';

const run = promisify(execFile);
const SERVICE = 'itest-dloutage';
const SCHEMA = 'itest_dloutage';
const POLICY = `${names.prefix}itest-dloutage-limit`;
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('a dead letter that arrives while Postgres is unreachable', () => {
  let releaseBroker: ReleaseLock | undefined;
  let proxy: TcpFaultProxy;
  let svc: TestApp;

  beforeAll(async () => {
    releaseBroker = await lockBroker('shared');
    await createScratchSchema(SCHEMA);
    const target = new URL(DATABASE_URL);
    proxy = new TcpFaultProxy({ targetHost: target.hostname, targetPort: Number(target.port || 5432) });
    await proxy.start();
    const throughProxy = new URL(DATABASE_URL);
    throughProxy.hostname = '127.0.0.1';
    throughProxy.port = String(proxy.port);
    // The service reaches Postgres only through the proxy; the test's own queries go direct.
    svc = await startTestApp({ service: SERVICE, schema: SCHEMA, consume: true, eventPrefix: 'dlo', relay: false, databaseUrl: throughProxy.toString() });
    // RabbitMQ 4 gives every quorum queue a delivery limit (20 by default); a policy of 1 on this
    // DLQ makes 3.x behave the same, scaled down: a DLQ message handed back twice is dropped.
    const pattern = `^${escapeRegExp(names.deadLetterQueue(SERVICE))}$`;
    await run('rabbitmqctl', ['-q', 'set_policy', '--apply-to', 'queues', '--priority', '100', POLICY, pattern, '{"delivery-limit":1}'], { timeout: 30_000 });
  });

  afterAll(async () => {
    await run('rabbitmqctl', ['-q', 'clear_policy', POLICY], { timeout: 30_000 }).catch(() => undefined);
    proxy?.resume();
    await svc?.close();
    await proxy?.stop();
    await releaseBroker?.();
  });

  it('declares the DLQ with an explicit delivery limit, so RabbitMQ 4 does not apply its default of 20', async () => {
    const { stdout } = await run('rabbitmqctl', ['-q', 'list_queues', '--no-table-headers', 'name', 'arguments'], { timeout: 30_000 });
    const line = stdout.split('\n').find((l) => l.startsWith(`${names.deadLetterQueue(SERVICE)}\t`));
    expect(line).toContain(`{"x-delivery-limit",${DEAD_LETTER_QUEUE_DELIVERY_LIMIT}}`);
    expect(line).toContain('{"x-queue-type","quorum"}');
  });

  it('is stored once Postgres is back, even when the DLQ has a delivery limit', async () => {
    proxy.refuseNew();
    proxy.dropAll();
    try {
      const failuresBefore = svc.metrics.deadLetterStoreFailures;
      // Not JSON: dead-lettered at once, without touching the database.
      const messageId = await publishRaw(names.events, 'dlo.thing.created', Buffer.from('{"cut": '));
      // Several failed attempts to store it: more than a requeue per attempt would survive.
      await waitFor(async () => svc.metrics.deadLetterStoreFailures - failuresBefore >= 3, { timeoutMs: 20_000, description: 'three failed attempts to store the dead letter' });
      proxy.resume();
      const rows = await waitFor(
        async () => {
          const found = await sql<{ message_id: string; reason: string; raw_body: string }>(`SELECT message_id, reason, raw_body FROM "${SCHEMA}".dead_letter WHERE message_id = $1`, [
            messageId,
          ]);
          return found.length > 0 ? found : undefined;
        },
        { timeoutMs: 40_000, description: 'the dead letter stored after Postgres came back' },
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]!.reason).toMatch(/^invalid body/);
      expect(rows[0]!.raw_body).toBe('{"cut": ');
    } finally {
      proxy.resume();
    }
  });
});
