import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@crm/testing';
import { AmqpTransport } from '@crm/messaging';
import { lockBroker, type ReleaseLock } from './broker-lock.js';
import { createScratchSchema, sql, startTestApp, type TestApp } from './messaging-harness.js';

const run = promisify(execFile);
const SCHEMA = 'itest_restart';
const TOTAL = 1000;
const PER_TRANSACTION = 25;

async function rabbitmqctl(command: 'stop_app' | 'start_app'): Promise<number> {
  const started = Date.now();
  await run('rabbitmqctl', ['-q', command], { timeout: 60_000 });
  return Date.now() - started;
}

describe('broker restart in the middle of a stream of outbox events', () => {
  let svc: TestApp;
  let releaseBroker: ReleaseLock | undefined;

  beforeAll(async () => {
    // Waits until no other messaging suite is using the broker, and keeps them out meanwhile.
    releaseBroker = await lockBroker('exclusive');
    await createScratchSchema(SCHEMA);
    svc = await startTestApp({ service: 'itest-restart', schema: SCHEMA, consume: true, eventPrefix: 'rs', prefetch: 50, retryDelaysMs: [100, 200] });
  });

  afterAll(async () => {
    await svc?.close();
    await releaseBroker?.();
  });

  it(`ends with exactly ${TOTAL} distinct effects: nothing lost, nothing applied twice`, async () => {
    const committed: string[] = [];
    let brokerStopped = false;
    const started = Date.now();
    const timings: Record<string, number> = {};
    // Commits keep going while the broker is down: the outbox is only Postgres.
    const produce = (async () => {
      while (committed.length < TOTAL) {
        committed.push(...(await svc.commitEvents('rs.thing.created', PER_TRANSACTION, (i) => `r-${committed.length + i}`)));
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
    })();
    try {
      await waitFor(async () => committed.length >= 300, { description: '300 events committed' });
      timings.effectsBeforeStop = (await svc.effects()).length;
      brokerStopped = true;
      timings.stopMs = await rabbitmqctl('stop_app');
      // The point of the test: events are committed and waiting in the outbox while the broker is away.
      const pendingWhileDown = await waitFor(
        async () => {
          const [row] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "${SCHEMA}".outbox_message WHERE published_at IS NULL`);
          return (row?.n ?? 0) >= PER_TRANSACTION ? row!.n : undefined;
        },
        { timeoutMs: 10_000, description: 'events committed and unpublished while the broker is down' },
      );
      timings.pendingWhileDown = pendingWhileDown;
      timings.committedWhileDown = committed.length;
      timings.startMs = await rabbitmqctl('start_app');
      brokerStopped = false;
      await produce;

      const transport = svc.app.get(AmqpTransport);
      await waitFor(async () => transport.isConsuming(), { timeoutMs: 30_000, description: 'the consumer back after the restart' });
      timings.resumedAfterMs = Date.now() - started;
      await waitFor(async () => (await svc.effects()).length >= TOTAL, { timeoutMs: 40_000, intervalMs: 200, description: `${TOTAL} effects` });
      // Let stragglers (redeliveries of unacked messages) arrive before counting: the outbox is
      // drained and a final sentinel, committed last, has been handled.
      await waitFor(async () => (await sql(`SELECT 1 FROM "${SCHEMA}".outbox_message WHERE published_at IS NULL LIMIT 1`)).length === 0, {
        timeoutMs: 20_000,
        description: 'the outbox drained',
      });
      const [sentinel] = await svc.commitEvents('rs.thing.created', 1, () => 'sentinel');
      await waitFor(async () => (await svc.effects()).some((e) => e.message_id === sentinel), { timeoutMs: 20_000, description: 'the sentinel' });
      timings.totalMs = Date.now() - started;
    } finally {
      // Other suites on this machine share the broker: always bring it back.
      if (brokerStopped) await rabbitmqctl('start_app').catch(() => undefined);
      await produce.catch(() => undefined);
    }

    const mine = new Set(committed);
    const effects = (await svc.effects()).filter((e) => mine.has(e.message_id));
    expect(committed).toHaveLength(TOTAL);
    expect(effects).toHaveLength(TOTAL);
    expect(new Set(effects.map((e) => e.message_id)).size).toBe(TOTAL);
    const [{ count }] = (await sql<{ count: string }>(`SELECT count(*) AS count FROM "${SCHEMA}".outbox_message`)) as [{ count: string }];
    expect(Number(count)).toBe(TOTAL + 1);
    expect(timings.pendingWhileDown).toBeGreaterThanOrEqual(PER_TRANSACTION);
    console.log(
      `broker restart: stop_app ${timings.stopMs} ms, start_app ${timings.startMs} ms; ${timings.effectsBeforeStop} handled before the stop, ` +
        `${timings.committedWhileDown} committed and ${timings.pendingWhileDown} waiting in the outbox while it was down; consumer resumed at t+${timings.resumedAfterMs} ms; ` +
        `all ${TOTAL} handled once in ${timings.totalMs} ms; inbox absorbed ${svc.metrics.duplicates} duplicate deliveries; ` +
        `relay batch failures ${svc.metrics.publishFailures}`,
    );
  });
});
