import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AmqpSpy, ApiClient, TestPlatform, waitFor } from '@crm/testing';
import { contactAssigned, messagingCounter, publish, tokenFor, userCreated } from './notifications-test-kit.js';

describe('notifications service', () => {
  let platform: TestPlatform;
  let spy: AmqpSpy;
  let api: ApiClient;
  let baseUrl: string;
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  const assigner = { userId: randomUUID(), name: 'Carlos Ruiz', email: 'carlos@demo.test' };
  let adminToken: string;

  /** Publishes `events` and waits until the service has acked that many more deliveries. */
  async function publishAndSettle(...events: Parameters<typeof publish>[2][]): Promise<void> {
    const before = await messagingCounter(baseUrl, 'consumed');
    for (const event of events) await publish(spy, platform, event);
    await waitFor(async () => (await messagingCounter(baseUrl, 'consumed')) >= before + events.length, { timeoutMs: 20_000, description: `${events.length} event(s) consumed` });
  }

  async function deliveriesTo(email: string) {
    const response = await api.get(`/api/v1/email-deliveries?limit=200`, adminToken);
    expect(response.status).toBe(200);
    return (response.body.items as { toAddress: string; status: string; attempts: number; template: string; subject: string }[]).filter((d) => d.toAddress === email);
  }

  beforeAll(async () => {
    platform = await TestPlatform.start({ services: ['notifications'], gateway: false });
    baseUrl = platform.urlOf('notifications');
    api = new ApiClient(baseUrl);
    spy = await AmqpSpy.connect();
    adminToken = await tokenFor(tenantA, ['admin']);
    await publishAndSettle(userCreated(tenantA, { ...assigner, roles: ['manager'] }));
  }, 60_000);

  afterAll(async () => {
    await spy?.close();
    await platform?.stop();
  });

  it('reports SMTP in its health check', async () => {
    const health = await api.get('/health');
    expect(health.status).toBe(200);
    expect(health.body.checks.smtp.status).toBe('up');
  });

  it('e-mails the assigned user in Spanish and adds a notification to their feed', async () => {
    const agent = { userId: randomUUID(), name: 'Laura Restrepo', email: 'laura@demo.test' };
    await publishAndSettle(userCreated(tenantA, agent));
    const event = contactAssigned(tenantA, { ownerId: agent.userId, assignedBy: assigner.userId, displayName: 'Andrés Zapata' });
    await publish(spy, platform, event);

    const [mail] = await platform.smtp.waitForMessages((m) => m.to.includes(agent.email), { count: 1, timeoutMs: 15_000 });
    expect(mail!.subject).toBe('Nuevo contacto asignado: Andrés Zapata');
    expect(mail!.from).toContain('crm@demo.test');
    expect(mail!.text).toContain('Hola, Laura Restrepo:');
    expect(mail!.text).toContain('Carlos Ruiz le asignó un nuevo contacto: Andrés Zapata.');
    expect(mail!.text).toContain(`/contacts/${event.data.contactId}`);
    expect(mail!.html).toContain(`/contacts/${event.data.contactId}`);

    const agentToken = await tokenFor(tenantA, ['sales'], agent.userId);
    const feed = await waitFor(async () => {
      const response = await api.get('/api/v1/notifications', agentToken);
      return response.body.items?.length === 1 ? response.body : undefined;
    }, { description: 'the in-app notification' });
    expect(feed.unreadCount).toBe(1);
    expect(feed.items[0]).toMatchObject({ type: 'contact.assigned', title: 'Nuevo contacto asignado: Andrés Zapata', read: false, link: `/contacts/${event.data.contactId}` });

    const read = await api.post(`/api/v1/notifications/${feed.items[0].id}/read`, undefined, agentToken);
    expect(read.status).toBe(200);
    expect(read.body.read).toBe(true);
    const unread = await api.get('/api/v1/notifications?unread=true', agentToken);
    expect(unread.body).toMatchObject({ items: [], unreadCount: 0, nextCursor: null });

    // Someone else's notification does not exist for you.
    const other = await api.post(`/api/v1/notifications/${feed.items[0].id}/read`, undefined, await tokenFor(tenantA, ['admin']));
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    expect((await api.post('/api/v1/notifications/not-a-uuid/read', undefined, agentToken)).status).toBe(404);
  });

  it('sends exactly one e-mail and records one delivery when the same event arrives twice', async () => {
    const agent = { userId: randomUUID(), name: 'Marta Díaz', email: 'marta@demo.test' };
    await publishAndSettle(userCreated(tenantA, agent));
    const event = contactAssigned(tenantA, { ownerId: agent.userId, assignedBy: assigner.userId, displayName: 'Duplicado S.A.S.' });
    const duplicatesBefore = await messagingCounter(baseUrl, 'duplicates');

    await publishAndSettle(event, event);

    expect(await messagingCounter(baseUrl, 'duplicates')).toBeGreaterThanOrEqual(duplicatesBefore + 1);
    expect(platform.smtp.messages.filter((m) => m.to.includes(agent.email))).toHaveLength(1);
    const deliveries = await deliveriesTo(agent.email);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ status: 'sent', attempts: 1, template: 'new-contact-agent', subject: 'Nuevo contacto asignado: Duplicado S.A.S.' });

    // And once more, later, as a broker would after a lost ack: still nothing new.
    await publishAndSettle(event);
    expect(platform.smtp.messages.filter((m) => m.to.includes(agent.email))).toHaveLength(1);
    const feed = await api.get('/api/v1/notifications', await tokenFor(tenantA, ['sales'], agent.userId));
    expect(feed.body.items).toHaveLength(1);
  });

  it('writes in English to a user whose locale is en', async () => {
    const agent = { userId: randomUUID(), name: 'John Smith', email: 'john@demo.test', locale: 'en' as const };
    await publishAndSettle(userCreated(tenantA, agent));
    await publish(spy, platform, contactAssigned(tenantA, { ownerId: agent.userId, assignedBy: assigner.userId, displayName: 'Acme Corp' }));

    const [mail] = await platform.smtp.waitForMessages((m) => m.to.includes(agent.email), { timeoutMs: 15_000 });
    expect(mail!.subject).toBe('New contact assigned: Acme Corp');
    expect(mail!.text).toContain('Hi John Smith,');
    expect(mail!.text).toContain('Carlos Ruiz assigned you a new contact: Acme Corp.');
  });

  it('retries an assignment that arrives before its user, and delivers it once the user is known', async () => {
    const agent = { userId: randomUUID(), name: 'Pedro Gil', email: 'pedro@demo.test' };
    const retriedBefore = await messagingCounter(baseUrl, 'retried');
    await publish(spy, platform, contactAssigned(tenantA, { ownerId: agent.userId, assignedBy: assigner.userId, displayName: 'Llegó Primero Ltda.' }));
    await waitFor(async () => (await messagingCounter(baseUrl, 'retried')) > retriedBefore, { timeoutMs: 10_000, description: 'the assignment to be sent back for a retry' });
    expect(platform.smtp.messages.filter((m) => m.to.includes(agent.email))).toHaveLength(0);

    await publish(spy, platform, userCreated(tenantA, agent));
    const [mail] = await platform.smtp.waitForMessages((m) => m.to.includes(agent.email), { timeoutMs: 20_000 });
    expect(mail!.subject).toBe('Nuevo contacto asignado: Llegó Primero Ltda.');
    const deliveries = await deliveriesTo(agent.email);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.status).toBe('sent');
    expect(platform.smtp.messages.filter((m) => m.to.includes(agent.email))).toHaveLength(1);
  }, 40_000);

  it('keeps the newest user data when an older version arrives late', async () => {
    const userId = randomUUID();
    await publishAndSettle(userCreated(tenantA, { userId, name: 'Nombre Nuevo', email: 'nuevo@demo.test', version: 3 }));
    await publishAndSettle(userCreated(tenantA, { userId, name: 'Nombre Viejo', email: 'viejo@demo.test', version: 1 }));
    await publish(spy, platform, contactAssigned(tenantA, { ownerId: userId, assignedBy: assigner.userId, displayName: 'Versiones S.A.' }));

    const [mail] = await platform.smtp.waitForMessages((m) => m.subject === 'Nuevo contacto asignado: Versiones S.A.', { timeoutMs: 15_000 });
    expect(mail!.to).toEqual(['nuevo@demo.test']);
    expect(mail!.text).toContain('Hola, Nombre Nuevo:');
  });

  it('shows the delivery log to admins of the tenant only, with filters and keyset pages', async () => {
    const salesToken = await tokenFor(tenantA, ['sales']);
    const forbidden = await api.get('/api/v1/email-deliveries', salesToken);
    expect(forbidden.status).toBe(403);
    expect((await api.get('/api/v1/email-deliveries')).status).toBe(401);

    const otherTenant = await api.get('/api/v1/email-deliveries', await tokenFor(tenantB, ['admin']));
    expect(otherTenant.status).toBe(200);
    expect(otherTenant.body).toEqual({ items: [], nextCursor: null });

    const sent = await api.get('/api/v1/email-deliveries?status=sent&template=new-contact-agent&limit=200', adminToken);
    expect(sent.status).toBe(200);
    expect(sent.body.items.length).toBeGreaterThanOrEqual(4);
    expect(sent.body.items.every((d: { status: string; template: string }) => d.status === 'sent' && d.template === 'new-contact-agent')).toBe(true);
    expect((await api.get('/api/v1/email-deliveries?status=failed', adminToken)).body.items).toEqual([]);
    expect((await api.get('/api/v1/email-deliveries?status=lost', adminToken)).status).toBe(400);

    const first = await api.get('/api/v1/email-deliveries?limit=2', adminToken);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api.get(`/api/v1/email-deliveries?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`, adminToken);
    expect(second.status).toBe(200);
    const ids = [...first.body.items, ...second.body.items].map((d: { id: string }) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(sent.body.items.slice(0, ids.length).map((d: { id: string }) => d.id));
    expect((await api.get('/api/v1/email-deliveries?cursor=garbage', adminToken)).status).toBe(400);
  });

  it('serves its OpenAPI document', async () => {
    const response = await api.get('/openapi.json');
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/api/v1/notifications', '/api/v1/notifications/{id}/read', '/api/v1/email-deliveries']));
  });
});
