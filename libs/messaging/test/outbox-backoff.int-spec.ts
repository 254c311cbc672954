import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { OutboxParking, resolveMessagingOptions } from '@crm/messaging';
import { createScratchSchema, DATABASE_URL, TENANT } from './messaging-harness.js';

const SCHEMA = 'itest_backoff';

interface Row {
  attempts: number;
  delay_ms: number | null;
  parked: boolean;
  last_error: string | null;
}

// Postgres only (no broker): the per-row retry schedule and parking the relay relies on.
describe('outbox per-row backoff and parking (OutboxParking)', () => {
  let client: pg.Client;
  const sql = { query: async (text: string, params?: unknown[]) => (await client.query(text, params)).rows };
  const parking = new OutboxParking(
    resolveMessagingOptions({ service: 'itest-backoff', schema: SCHEMA, relayRetryBaseMs: 1000, relayRetryMaxMs: 8000, relayMaxAttempts: 6 }, { AMQP_URL: 'amqp://unused' }),
  );

  const insert = async (): Promise<string> => {
    const id = randomUUID();
    const envelope = { specversion: '1.0', id, type: 'backoff.thing.created', subject: 's', tenantid: TENANT, data: {} };
    await client.query(`INSERT INTO "${SCHEMA}".outbox_message (id, event_type, tenant_id, subject, envelope) VALUES ($1, 'backoff.thing.created', $2, 's', $3::jsonb)`, [
      id,
      TENANT,
      JSON.stringify(envelope),
    ]);
    return id;
  };
  const state = async (id: string): Promise<Row> =>
    (
      await client.query<Row>(
        `SELECT attempts, parked_at IS NOT NULL AS parked, last_error,
                (extract(epoch FROM next_attempt_at - clock_timestamp()) * 1000)::int AS delay_ms
           FROM "${SCHEMA}".outbox_message WHERE id = $1`,
        [id],
      )
    ).rows[0]!;

  beforeAll(async () => {
    await createScratchSchema(SCHEMA);
    client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
  });

  it('doubles the wait after each failure (±25 % jitter), caps it, and parks the row as a dead letter at the limit', async () => {
    const id = await insert();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(await parking.recordFailures(sql, [{ id, reason: `nack ${attempt}` }])).toEqual([]);
      const row = await state(id);
      expect(row).toMatchObject({ attempts: attempt, parked: false, last_error: `nack ${attempt}` });
      delays.push(row.delay_ms!);
    }
    const expected = [1000, 2000, 4000, 8000, 8000];
    delays.forEach((delay, i) => {
      expect(delay).toBeGreaterThanOrEqual(expected[i]! * 0.75 - 50);
      expect(delay).toBeLessThanOrEqual(expected[i]! * 1.25);
    });

    expect(await parking.recordFailures(sql, [{ id, reason: 'nack 6' }])).toEqual([id]);
    expect(await state(id)).toMatchObject({ attempts: 6, parked: true, delay_ms: null });
    const [letter] = (await client.query(`SELECT id, origin, message_id, routing_key, tenant_id, reason, envelope FROM "${SCHEMA}".dead_letter WHERE id = $1`, [id])).rows;
    expect(letter).toMatchObject({ id, origin: 'outbox', message_id: id, routing_key: 'backoff.thing.created', tenant_id: TENANT, reason: 'outbox: not published after 6 attempts: nack 6' });
    expect(letter.envelope).toMatchObject({ id, type: 'backoff.thing.created' });
  });

  it('charges only the rows named, and a released row starts over and can be parked again into the same dead letter', async () => {
    const [bad, good] = [await insert(), await insert()];
    for (let i = 0; i < 6; i++) await parking.recordFailures(sql, [{ id: bad, reason: 'returned' }]);
    expect(await state(good)).toMatchObject({ attempts: 0, parked: false, delay_ms: null });
    expect((await state(bad)).parked).toBe(true);

    const envelope = (await client.query(`SELECT envelope FROM "${SCHEMA}".outbox_message WHERE id = $1`, [bad])).rows[0].envelope;
    await parking.release(sql, bad, envelope, 'backoff.thing.created', TENANT);
    expect(await state(bad)).toMatchObject({ attempts: 0, parked: false, delay_ms: null });

    for (let i = 0; i < 6; i++) await parking.recordFailures(sql, [{ id: bad, reason: 'returned again' }]);
    const letters = (await client.query(`SELECT reason FROM "${SCHEMA}".dead_letter WHERE id = $1`, [bad])).rows;
    expect(letters).toEqual([{ reason: 'outbox: not published after 6 attempts: returned again' }]);
  });
});
