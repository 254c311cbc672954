// The notifications service end to end: people and contacts are made through the gateway, the
// events come from the gateway and the contacts service, and everything is read through the
// gateway (and the loopback SMTP server). Events are crafted only to stage what the platform
// does not do on purpose: a redelivery, an assignment that overtakes its user, a late update.
// The service's own /metrics counters (an operator's view) tell when such an event was handled.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { CloudEvent } from '@crm/contracts';
import { AmqpSpy, CrmWorld, waitFor, type WorldUser } from '@crm/testing';
import { contactAssigned, messagingCounter, userCreated } from './notifications-test-kit.js';

interface DeliveryView {
  id: string;
  toAddress: string;
  status: string;
  attempts: number;
  template: string;
  subject: string;
}

/** The tenant of a token, as the gateway signed it. */
const tenantOf = (token: string): string => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).tid;

describe('notifications, through the gateway', () => {
  let world: CrmWorld;
  let spy: AmqpSpy;
  let tenantId: string;
  let adminId: string;

  const mailsTo = (email: string) => world.platform.smtp.messages.filter((mail) => mail.to.includes(email));
  const publish = (event: CloudEvent) => spy.publish(`${world.platform.amqpPrefix}crm.events`, event.type, event, event.id);

  async function deliveriesTo(email: string): Promise<DeliveryView[]> {
    const response = await world.api.get('/api/v1/email-deliveries?limit=200', world.adminToken);
    expect(response.status).toBe(200);
    return (response.body.items as DeliveryView[]).filter((delivery) => delivery.toAddress === email);
  }

  /** A contact assigned by the admin to `agent` through the gateway; resolves with the contact. */
  async function assignNewContact(agent: WorldUser, firstName: string, lastName: string) {
    const contact = await world.createContact(world.adminToken, { firstName, lastName });
    await world.assign(world.adminToken, contact.id, agent.id);
    return contact;
  }

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts', 'notifications'] });
    spy = await AmqpSpy.connect();
    await spy.listen(`${world.platform.amqpPrefix}crm.events`, 'contacts.contact.assigned');
    tenantId = tenantOf(world.adminToken);
    adminId = JSON.parse(Buffer.from(world.adminToken.split('.')[1], 'base64url').toString()).sub;
  }, 120_000);

  afterAll(async () => {
    await spy?.close();
    await world?.stop();
  });

  it('reports the notifications service up in the gateway health check', async () => {
    // 503 overall: this platform runs only contacts and notifications behind the gateway.
    const health = await world.api.get('/health');
    expect(health.body.checks.notifications.status).toBe('up');
    expect(health.body.checks.reporting.status).toBe('down');
  });

  it('e-mails the assigned user in Spanish and adds a notification to their feed that only they can read', async () => {
    const agent = await world.createUser(['sales'], [], { name: 'Laura Restrepo' });
    const contact = await assignNewContact(agent, 'Andrés', 'Zapata');

    const [mail] = await world.platform.smtp.waitForMessages((m) => m.to.includes(agent.email), { count: 1, timeoutMs: 20_000 });
    expect(mail.subject).toBe(`Nuevo contacto asignado: ${contact.displayName}`);
    expect(mail.from).toContain('crm@demo.test');
    expect(mail.text).toContain('Hola, Laura Restrepo:');
    expect(mail.text).toContain(`le asignó un nuevo contacto: ${contact.displayName}.`);
    expect(mail.text).toContain(`/contacts/${contact.id}`);
    expect(mail.html).toContain(`/contacts/${contact.id}`);

    const feed = await waitFor(
      async () => {
        const response = await world.api.get('/api/v1/notifications', agent.token);
        return response.body.items?.length === 1 ? response.body : undefined;
      },
      { description: 'the in-app notification' },
    );
    expect(feed.unreadCount).toBe(1);
    expect(feed.items[0]).toMatchObject({ type: 'contact.assigned', title: `Nuevo contacto asignado: ${contact.displayName}`, read: false, link: `/contacts/${contact.id}` });

    const read = await world.api.post(`/api/v1/notifications/${feed.items[0].id}/read`, undefined, agent.token);
    expect(read.status).toBe(200);
    expect(read.body.read).toBe(true);
    const unread = await world.api.get('/api/v1/notifications?unread=true', agent.token);
    expect(unread.body).toMatchObject({ items: [], unreadCount: 0, nextCursor: null });

    // Someone else's notification does not exist for you, not even for an admin.
    const other = await world.api.post(`/api/v1/notifications/${feed.items[0].id}/read`, undefined, world.adminToken);
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    expect((await world.api.post('/api/v1/notifications/not-a-uuid/read', undefined, agent.token)).status).toBe(404);
  });

  it('sends exactly one e-mail and records one delivery when the assignment event is delivered again', async () => {
    const agent = await world.createUser(['sales'], [], { name: 'Marta Díaz' });
    const contact = await assignNewContact(agent, 'Duplicado', 'S.A.S.');
    await world.platform.smtp.waitForMessages((m) => m.to.includes(agent.email), { timeoutMs: 20_000 });

    // The very same event (same id) twice more, as the broker would after lost acks.
    const assigned = await spy.waitForMessage((m) => m.routingKey === 'contacts.contact.assigned' && m.body.subject === contact.id);
    const duplicatesBefore = await messagingCounter(world.platform.urlOf('notifications'), 'duplicates');
    await publish(assigned.body);
    await publish(assigned.body);
    await waitFor(async () => (await messagingCounter(world.platform.urlOf('notifications'), 'duplicates')) >= duplicatesBefore + 2, { description: 'both duplicates handled' });

    expect(mailsTo(agent.email)).toHaveLength(1);
    const deliveries = await deliveriesTo(agent.email);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ status: 'sent', attempts: 1, template: 'new-contact-agent', subject: `Nuevo contacto asignado: ${contact.displayName}` });
    const feed = await world.api.get('/api/v1/notifications', agent.token);
    expect(feed.body.items).toHaveLength(1);
  });

  it('writes in English to a user whose locale is en', async () => {
    const agent = await world.createUser(['sales'], [], { name: 'John Smith', locale: 'en' });
    const contact = await assignNewContact(agent, 'Acme', 'Corp');

    const [mail] = await world.platform.smtp.waitForMessages((m) => m.to.includes(agent.email), { timeoutMs: 20_000 });
    expect(mail.subject).toBe(`New contact assigned: ${contact.displayName}`);
    expect(mail.text).toContain('Hi John Smith,');
    expect(mail.text).toContain(`assigned you a new contact: ${contact.displayName}.`);
  });

  it('retries an assignment that overtakes its user, and delivers it once the user is known', async () => {
    const agent = { userId: randomUUID(), name: 'Pedro Gil', email: `pedro-${randomUUID().slice(0, 6)}@demo.test` };
    const retriedBefore = await messagingCounter(world.platform.urlOf('notifications'), 'retried');
    await publish(contactAssigned(tenantId, { ownerId: agent.userId, assignedBy: adminId, displayName: 'Llegó Primero Ltda.' }));
    await waitFor(async () => (await messagingCounter(world.platform.urlOf('notifications'), 'retried')) > retriedBefore, { description: 'the assignment sent back for a retry' });
    expect(mailsTo(agent.email)).toHaveLength(0);

    await publish(userCreated(tenantId, agent));
    const [mail] = await world.platform.smtp.waitForMessages((m) => m.to.includes(agent.email), { timeoutMs: 20_000 });
    expect(mail.subject).toBe('Nuevo contacto asignado: Llegó Primero Ltda.');
    const deliveries = await waitFor(async () => {
      const mine = await deliveriesTo(agent.email);
      return mine.length === 1 && mine[0].status === 'sent' ? mine : undefined;
    });
    expect(deliveries).toHaveLength(1);
    expect(mailsTo(agent.email)).toHaveLength(1);
  }, 60_000);

  it('keeps the newest user data when an older version arrives late', async () => {
    const userId = randomUUID();
    const suffix = randomUUID().slice(0, 6);
    const newer = userCreated(tenantId, { userId, name: 'Nombre Nuevo', email: `nuevo-${suffix}@demo.test`, version: 3 });
    const older = userCreated(tenantId, { userId, name: 'Nombre Viejo', email: `viejo-${suffix}@demo.test`, version: 1 });
    await publish(newer);
    await publish(older);
    // Both versions handled before the assignment goes out: the service handles a queue's messages
    // concurrently, so an assignment right behind them could be read before either commits.
    const db = new pg.Client({ connectionString: world.platform.env.DATABASE_URL });
    await db.connect();
    try {
      await waitFor(async () => ((await db.query('SELECT 1 FROM notifications.inbox_message WHERE message_id = ANY($1)', [[newer.id, older.id]])).rowCount === 2 ? true : undefined), {
        description: 'both user versions handled',
      });
      const stored = await db.query('SELECT email, version FROM notifications.user_projection WHERE user_id = $1', [userId]);
      expect(stored.rows).toEqual([{ email: `nuevo-${suffix}@demo.test`, version: 3 }]);
    } finally {
      await db.end();
    }
    await publish(contactAssigned(tenantId, { ownerId: userId, assignedBy: adminId, displayName: `Versiones ${suffix}` }));

    const [mail] = await world.platform.smtp.waitForMessages((m) => m.subject === `Nuevo contacto asignado: Versiones ${suffix}`, { timeoutMs: 20_000 });
    expect(mail.to).toEqual([`nuevo-${suffix}@demo.test`]);
    expect(mail.text).toContain('Hola, Nombre Nuevo:');
  });

  it('shows the delivery log to admins of the tenant only, with filters and keyset pages', async () => {
    const sales = await world.createUser(['sales']);
    expect((await world.api.get('/api/v1/email-deliveries', sales.token)).status).toBe(403);
    expect((await world.api.get('/api/v1/email-deliveries')).status).toBe(401);

    const otherTenant = await world.createTenant();
    const foreign = await world.api.get('/api/v1/email-deliveries', otherTenant.token);
    expect(foreign.status).toBe(200);
    expect(foreign.body).toEqual({ items: [], nextCursor: null });

    const sent = await world.api.get('/api/v1/email-deliveries?status=sent&template=new-contact-agent&limit=200', world.adminToken);
    expect(sent.status).toBe(200);
    expect(sent.body.items.length).toBeGreaterThanOrEqual(4);
    expect(sent.body.items.every((d: DeliveryView) => d.status === 'sent' && d.template === 'new-contact-agent')).toBe(true);
    expect((await world.api.get('/api/v1/email-deliveries?status=failed', world.adminToken)).body.items).toEqual([]);
    expect((await world.api.get('/api/v1/email-deliveries?status=lost', world.adminToken)).status).toBe(400);

    const first = await world.api.get('/api/v1/email-deliveries?limit=2', world.adminToken);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await world.api.get(`/api/v1/email-deliveries?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`, world.adminToken);
    expect(second.status).toBe(200);
    const ids = [...first.body.items, ...second.body.items].map((d: DeliveryView) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(sent.body.items.slice(0, ids.length).map((d: DeliveryView) => d.id));
    expect((await world.api.get('/api/v1/email-deliveries?cursor=garbage', world.adminToken)).status).toBe(400);
  });

  it('publishes its API in the gateway OpenAPI document', async () => {
    const response = await world.api.get('/api/docs/openapi.json');
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/api/v1/notifications', '/api/v1/notifications/{id}/read', '/api/v1/email-deliveries']));
  });
});
