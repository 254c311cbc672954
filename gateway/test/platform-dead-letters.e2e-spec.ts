import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import amqp from 'amqplib';
import { AmqpSpy, CrmWorld, TEST_PLATFORM_API_KEY, waitFor } from '@crm/testing';

interface Letter {
  id: string;
  messageId: string | null;
  tenantId: string | null;
  reason: string;
  replayCount: number;
  rawBody: string | null;
}

describe('dead letters without a tenant, for the platform operator', () => {
  let world: CrmWorld;
  let spy: AmqpSpy;
  const operator = { 'x-platform-key': TEST_PLATFORM_API_KEY };
  const platformList = (query = '') => world.api.get(`/api/v1/platform/dead-letters?service=notifications&limit=200${query}`, undefined, operator);

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['notifications'] });
    spy = await AmqpSpy.connect();
  }, 120_000);

  afterAll(async () => {
    await spy?.close();
    await world?.stop();
  });

  it('lists, replays and discards them through the gateway; tenant admins never see them', async () => {
    const exchange = `${world.platform.amqpPrefix}crm.events`;
    // From outside: one body that is not JSON, one event that names no tenant.
    const garbledId = randomUUID();
    const connection = await amqp.connect(process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672');
    try {
      const channel = await connection.createConfirmChannel();
      channel.publish(exchange, 'identity.user.created', Buffer.from('{"userId": '), { persistent: true, messageId: garbledId });
      await channel.waitForConfirms();
    } finally {
      await connection.close();
    }
    const orphanId = randomUUID();
    await spy.publish(
      exchange,
      'identity.user.created',
      { specversion: '1.0', id: orphanId, source: 'somewhere/else', type: 'identity.user.created', time: new Date().toISOString(), subject: 'x', data: {} },
      orphanId,
    );

    const found = await waitFor(
      async () => {
        const response = await platformList();
        const items = (response.body.items ?? []) as Letter[];
        const garbled = items.find((i) => i.messageId === garbledId);
        const orphan = items.find((i) => i.messageId === orphanId);
        return garbled && orphan ? { garbled, orphan, status: response.status } : undefined;
      },
      { timeoutMs: 20_000, description: 'both tenant-less dead letters listed for the operator' },
    );
    expect(found.status).toBe(200);
    expect(found.garbled).toMatchObject({ tenantId: null, rawBody: '{"userId": ', replayCount: 0 });
    expect(found.garbled.reason).toMatch(/^invalid body/);
    expect(found.orphan.tenantId).toBeNull();
    expect(found.orphan.reason).toContain("must have required property 'tenantid'");

    // A tenant admin sees neither, and cannot use the operator's routes.
    const adminList = await world.api.get('/api/v1/admin/dead-letters?service=notifications&limit=200', world.adminToken);
    expect(adminList.status).toBe(200);
    expect((adminList.body.items as Letter[]).map((i) => i.id)).not.toContain(found.garbled.id);
    expect((await world.api.get('/api/v1/platform/dead-letters?service=notifications', world.adminToken)).status).toBe(401);
    expect((await world.api.get('/api/v1/platform/dead-letters?service=notifications', undefined, { 'x-platform-key': 'not-the-key-0123456789' })).status).toBe(401);
    expect((await world.api.get('/api/v1/platform/dead-letters', undefined, operator)).status).toBe(400);
    // Nor straight at the service with their own token: the route answers as if it did not exist.
    const direct = await fetch(`${world.platform.env.NOTIFICATIONS_URL}/api/v1/platform/dead-letters`, { headers: { authorization: `Bearer ${world.adminToken}` } });
    expect(direct.status).toBe(404);

    const one = await world.api.get(`/api/v1/platform/dead-letters/${found.orphan.id}?service=notifications`, undefined, operator);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: found.orphan.id, messageId: orphanId });

    // Replay: back into the service's queue; still invalid, so it comes back as a new dead letter.
    const replayed = await world.api.post(`/api/v1/platform/dead-letters/${found.orphan.id}/replay?service=notifications`, {}, undefined, operator);
    expect(replayed.status).toBe(200);
    expect(replayed.body).toMatchObject({ id: found.orphan.id, replayCount: 1 });
    await waitFor(async () => ((await platformList()).body.items as Letter[]).filter((i) => i.messageId === orphanId).length === 2, {
      description: 'the replayed event through the consumer again',
    });

    // Discard: gone for good.
    const discarded = await world.api.request('DELETE', `/api/v1/platform/dead-letters/${found.garbled.id}?service=notifications`, { headers: operator });
    expect(discarded.status).toBe(204);
    expect((await world.api.get(`/api/v1/platform/dead-letters/${found.garbled.id}?service=notifications`, undefined, operator)).status).toBe(404);
    expect(((await platformList()).body.items as Letter[]).map((i) => i.id)).not.toContain(found.garbled.id);
  }, 120_000);
});
