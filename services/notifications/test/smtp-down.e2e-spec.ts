// Notifications while the mail server is down, driven through the gateway: the service boots,
// its API answers, the delivery is recorded as failed and retried, and the in-app notification
// still appears.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CrmWorld, freePort, waitFor } from '@crm/testing';

describe('notifications while the mail server is down', () => {
  let world: CrmWorld;

  beforeAll(async () => {
    // Nothing listens on this port: every SMTP connection is refused.
    world = await CrmWorld.start({ services: ['contacts', 'notifications'], env: { SMTP_URL: `smtp://127.0.0.1:${await freePort()}`, SMTP_TIMEOUT_MS: '2000' } });
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('boots and serves its API through the gateway, whose health check shows it degraded', async () => {
    const agent = await world.createUser(['sales']);
    expect((await world.api.get('/api/v1/notifications', agent.token)).status).toBe(200);
    const health = await world.api.get('/health');
    expect(health.body.checks.notifications.status).toBe('down');
    expect(health.body.checks.contacts.status).toBe('up');
  });

  it('records a failed delivery with the error, keeps retrying it, and still shows the in-app notification', async () => {
    const agent = await world.createUser(['sales'], [], { name: 'Sin Correo' });
    const contact = await world.createContact(world.adminToken, { firstName: 'Correo', lastName: 'Caído' });
    await world.assign(world.adminToken, contact.id, agent.id);

    const failed = await waitFor(
      async () => {
        const response = await world.api.get('/api/v1/email-deliveries?status=failed', world.adminToken);
        const row = (response.body.items ?? []).find((item: { toAddress: string }) => item.toAddress === agent.email);
        return row && row.attempts >= 2 ? row : undefined;
      },
      { timeoutMs: 20_000, description: 'the delivery to fail twice (first attempt and the first retry)' },
    );
    expect(failed).toMatchObject({ toAddress: agent.email, template: 'new-contact-agent', sentAt: null, lastError: expect.stringMatching(/ECONNREFUSED|connect/i) });
    expect((await world.api.get('/api/v1/email-deliveries?status=sent', world.adminToken)).body.items).toEqual([]);

    const feed = await world.api.get('/api/v1/notifications', agent.token);
    expect(feed.body.items).toHaveLength(1);
    expect(feed.body.items[0].title).toBe(`Nuevo contacto asignado: ${contact.displayName}`);
  }, 40_000);
});
