import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AmqpSpy, ApiClient, freePort, TestPlatform, waitFor } from '@crm/testing';
import { contactAssigned, messagingCounter, publish, tokenFor, userCreated } from './notifications-test-kit.js';

describe('notifications while the mail server is down', () => {
  let platform: TestPlatform;
  let spy: AmqpSpy;
  let api: ApiClient;
  const tenantId = randomUUID();

  beforeAll(async () => {
    // Nothing listens on this port: every SMTP connection is refused.
    platform = await TestPlatform.start({ services: ['notifications'], gateway: false, env: { SMTP_URL: `smtp://127.0.0.1:${await freePort()}`, SMTP_TIMEOUT_MS: '2000' } });
    api = new ApiClient(platform.urlOf('notifications'));
    spy = await AmqpSpy.connect();
  }, 60_000);

  afterAll(async () => {
    await spy?.close();
    await platform?.stop();
  });

  it('boots, serves its API and reports smtp down in /health', async () => {
    const health = await api.get('/health');
    expect(health.status).toBe(503);
    expect(health.body.checks).toMatchObject({ postgres: { status: 'up' }, rabbitmq: { status: 'up' }, smtp: { status: 'down' } });
    expect((await api.get('/api/v1/notifications', await tokenFor(tenantId, ['sales']))).status).toBe(200);
  });

  it('records a failed delivery with the error, keeps retrying it, and still shows the in-app notification', async () => {
    const agent = { userId: randomUUID(), name: 'Sin Correo', email: 'sincorreo@demo.test' };
    const consumedBefore = await messagingCounter(platform.urlOf('notifications'), 'consumed');
    await publish(spy, platform, userCreated(tenantId, agent));
    await waitFor(async () => (await messagingCounter(platform.urlOf('notifications'), 'consumed')) > consumedBefore, { description: 'the user projected' });
    await publish(spy, platform, contactAssigned(tenantId, { ownerId: agent.userId, assignedBy: randomUUID(), displayName: 'Correo Caído' }));

    const adminToken = await tokenFor(tenantId, ['admin']);
    const failed = await waitFor(
      async () => {
        const response = await api.get('/api/v1/email-deliveries?status=failed', adminToken);
        const [row] = response.body.items ?? [];
        return row && row.attempts >= 2 ? row : undefined;
      },
      { timeoutMs: 15_000, description: 'the delivery to fail twice (first attempt and the first retry)' },
    );
    expect(failed).toMatchObject({ toAddress: agent.email, template: 'new-contact-agent', sentAt: null, lastError: expect.stringMatching(/ECONNREFUSED|connect/i) });
    expect((await api.get('/api/v1/email-deliveries?status=sent', adminToken)).body.items).toEqual([]);

    const feed = await api.get('/api/v1/notifications', await tokenFor(tenantId, ['sales'], agent.userId));
    expect(feed.body.items).toHaveLength(1);
    expect(feed.body.items[0].title).toBe('Nuevo contacto asignado: Correo Caído');
  }, 30_000);
});
