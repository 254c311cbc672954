import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { InboxService } from '../src/inbox.service.js';
import { MessagingMetrics } from '../src/messaging-metrics.js';
import { resolveMessagingOptions } from '../src/messaging-options.js';
import { createScratchSchema, DATABASE_URL, sql } from './messaging-harness.js';

const SCHEMA = `itest_apply_once_${process.pid}`;

describe('InboxService.applyOnce: the claim and a one-statement handler in one autocommit statement', () => {
  let dataSource: DataSource;
  let inbox: InboxService;
  let metrics: MessagingMetrics;

  beforeAll(async () => {
    await createScratchSchema(SCHEMA);
    dataSource = await new DataSource({ type: 'postgres', url: DATABASE_URL, extra: { max: 8 } }).initialize();
    metrics = new MessagingMetrics();
    inbox = new InboxService(resolveMessagingOptions({ service: 'itest', schema: SCHEMA, amqpUrl: 'amqp://unused' }), dataSource, metrics);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await sql(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
  });

  const effect = (routingKey: string) => ({
    ctes: `done AS (INSERT INTO "${SCHEMA}".effect (message_id, routing_key) SELECT $1, $2 WHERE EXISTS (SELECT 1 FROM claim))`,
    params: [routingKey, routingKey],
  });
  const effectsOf = async (key: string) => Number((await sql<{ n: string }>(`SELECT count(*) AS n FROM "${SCHEMA}".effect WHERE routing_key = $1`, [key]))[0]!.n);

  it('does the work once for an event delivered twice, and tells the second delivery it is a duplicate', async () => {
    const event = { id: randomUUID() };
    const duplicatesBefore = metrics.duplicates;
    expect(await inbox.applyOnce(event, 'itest.once', effect('twice'))).toEqual({ duplicate: false });
    expect(await inbox.applyOnce(event, 'itest.once', effect('twice'))).toEqual({ duplicate: true });
    expect(await effectsOf('twice')).toBe(1);
    expect(metrics.duplicates - duplicatesBefore).toBe(1);
    // Another consumer of the same event gets it once too.
    expect(await inbox.applyOnce(event, 'itest.other', effect('twice'))).toEqual({ duplicate: false });
    expect(await effectsOf('twice')).toBe(2);
  });

  it('does the work once when eight deliveries of the same event race', async () => {
    const event = { id: randomUUID() };
    const results = await Promise.all(Array.from({ length: 8 }, () => inbox.applyOnce(event, 'itest.race', effect('race'))));
    expect(results.filter((result) => !result.duplicate)).toHaveLength(1);
    expect(await effectsOf('race')).toBe(1);
  });

  it('leaves no claim behind when the work fails, so the redelivery does it', async () => {
    const event = { id: randomUUID() };
    const failing = { ctes: `done AS (INSERT INTO "${SCHEMA}".effect (message_id, routing_key) SELECT NULL, $1 WHERE EXISTS (SELECT 1 FROM claim))`, params: ['failing'] };
    await expect(inbox.applyOnce(event, 'itest.fail', failing)).rejects.toThrow(/null value/);
    expect(await inbox.applyOnce(event, 'itest.fail', effect('retried'))).toEqual({ duplicate: false });
    expect(await effectsOf('retried')).toBe(1);
  });
});
