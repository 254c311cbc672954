import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { CrmWorld, waitFor } from '@crm/testing';

const run = promisify(execFile);
const TOTAL = 1000;
const CONCURRENCY = 10;

async function rabbitmqctl(...args: string[]): Promise<void> {
  await run('rabbitmqctl', args, { timeout: 60_000 });
}

describe('RabbitMQ restarted in the middle of 1,000 contact creations', () => {
  let world: CrmWorld;

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts', 'reporting'] });
  }, 120_000);

  afterAll(async () => {
    await rabbitmqctl('start_app').catch(() => undefined);
    await world?.stop();
  });

  it('ends with reporting at exactly +1,000: nothing lost, nothing counted twice', async () => {
    const dashboard = async () => (await world.api.get('/api/v1/reports/dashboard', world.adminToken)).body.totalContacts as number;
    const before = await dashboard();
    let created = 0;
    let restarted: Promise<void> | undefined;
    let pendingWhileDown = 0;
    const unpublished = async (): Promise<number> => {
      const client = new pg.Client({ connectionString: world.platform.env.DATABASE_URL });
      await client.connect();
      try {
        return Number((await client.query('SELECT count(*) FROM contacts.outbox_message WHERE published_at IS NULL')).rows[0].count);
      } finally {
        await client.end();
      }
    };
    const worker = async () => {
      while (created < TOTAL) {
        created++;
        const response = await world.api.post('/api/v1/contacts', { kind: 'person', firstName: 'Carga', lastName: `Reinicio ${created}` }, world.adminToken);
        expect(response.status).toBe(201);
        // Restart the broker once a third of the contacts exist; requests keep flowing meanwhile.
        if (created === Math.floor(TOTAL / 3) && !restarted) {
          restarted = (async () => {
            await rabbitmqctl('stop_app');
            // Contacts keep being created meanwhile: their events wait in the outbox.
            pendingWhileDown = await waitFor(
              async () => {
                const pending = await unpublished();
                return pending > 0 ? pending : undefined;
              },
              {
                timeoutMs: 15_000,
                description: 'contact events waiting in the outbox while the broker is down',
              },
            );
            await rabbitmqctl('start_app');
          })();
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      await restarted;
      expect(pendingWhileDown).toBeGreaterThan(0);
    } finally {
      await rabbitmqctl('start_app').catch(() => undefined);
    }

    await waitFor(async () => (await dashboard()) >= before + TOTAL, { timeoutMs: 120_000, intervalMs: 500, description: 'reporting to count every contact' });

    // Everything published has been consumed: the outbox is empty and the count stays exact.
    const url = new URL(world.platform.env.DATABASE_URL!);
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await waitFor(async () => Number((await client.query('SELECT count(*) FROM contacts.outbox_message WHERE published_at IS NULL')).rows[0].count) === 0, {
        timeoutMs: 60_000,
        description: 'the outbox to drain',
      });
      const contacts = Number((await client.query('SELECT count(*) FROM contacts.contact')).rows[0].count);
      expect(await dashboard()).toBe(before + TOTAL);
      expect(contacts).toBe(before + TOTAL);
    } finally {
      await client.end();
    }
  }, 300_000);
});
