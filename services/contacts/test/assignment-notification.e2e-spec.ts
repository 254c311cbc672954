import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AmqpSpy, CrmWorld, waitFor, scrapeMetrics } from '@crm/testing';

describe('assigning a contact e-mails the agent exactly once', () => {
  let world: CrmWorld;
  let spy: AmqpSpy;

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts', 'notifications', 'reporting'] });
    spy = await AmqpSpy.connect();
    await spy.listen(`${world.platform.amqpPrefix}crm.events`, '#');
  }, 120_000);

  afterAll(async () => {
    await spy?.close();
    await world?.stop();
  });

  it('publishes contacts.contact.created as a CloudEvent an outside AMQP client can read', async () => {
    const contact = await world.createContact(world.adminToken, { lastName: 'Evento' });
    const message = await spy.waitForMessage((m) => m.routingKey === 'contacts.contact.created' && m.body.subject === contact.id);
    expect(message.body).toMatchObject({
      specversion: '1.0',
      id: expect.any(String),
      source: 'crm/contacts',
      type: 'contacts.contact.created',
      time: expect.any(String),
      subject: contact.id,
      datacontenttype: 'application/json',
      tenantid: expect.any(String),
      data: { contactId: contact.id, displayName: contact.displayName, lifecycle: 'contact', version: 1 },
    });
    expect(new Date(message.body.time).toISOString()).toBe(message.body.time);
    expect(message.properties).toMatchObject({ messageId: message.body.id, type: 'contacts.contact.created', contentType: 'application/json', deliveryMode: 2 });
  });

  it('sends one Spanish "new-contact-agent" e-mail to the assigned user, even when the event is delivered twice', async () => {
    const agent = await world.createUser(['sales'], [], { name: 'Laura Restrepo' });
    const contact = await world.createContact(world.adminToken, { firstName: 'Andrés', lastName: 'Zapata' });
    await world.assign(world.adminToken, contact.id, agent.id);

    const [mail] = await world.platform.smtp.waitForMessages((m) => m.to.includes(agent.email), { count: 1, timeoutMs: 20_000 });
    expect(mail.subject).toContain('Andrés Zapata');
    expect(mail.subject.toLowerCase()).toContain('asignado');
    expect(mail.text).toContain('Laura');

    // Redeliver the very same event (same message id) as the broker would after a lost ack.
    const assigned = await spy.waitForMessage((m) => m.routingKey === 'contacts.contact.assigned' && m.body.subject === contact.id);
    await spy.publish(`${world.platform.amqpPrefix}crm.events`, 'contacts.contact.assigned', assigned.body, assigned.body.id);
    await spy.publish(`${world.platform.amqpPrefix}crm.events`, 'contacts.contact.assigned', assigned.body, assigned.body.id);

    // The admin's delivery log shows that one delivery; wait until the duplicates were processed.
    const deliveries = await waitFor(
      async () => {
        const response = await world.api.get('/api/v1/email-deliveries?limit=200', world.adminToken);
        return response.status === 200 ? response.body.items.filter((d: { toAddress?: string; to?: string }) => (d.toAddress ?? d.to) === agent.email) : undefined;
      },
      { description: 'the delivery log' },
    );
    await waitFor(
      async () => {
        const metrics = await scrapeMetrics(world.platform.urlOf('notifications'));
        const match = metrics.match(/crm_messaging_total\{[^}]*name="duplicates"[^}]*\} (\d+)/);
        return match && Number(match[1]) >= 2;
      },
      { description: 'notifications to skip both duplicates' },
    );
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0].status).toBe('sent');
    expect(world.platform.smtp.messages.filter((m) => m.to.includes(agent.email))).toHaveLength(1);
  });

  it('counts contacts on the reporting dashboard, per tenant', async () => {
    const before = (await world.api.get('/api/v1/reports/dashboard', world.adminToken)).body.totalContacts as number;
    await world.createContact(world.adminToken);
    await world.createContact(world.adminToken);
    await waitFor(async () => (await world.api.get('/api/v1/reports/dashboard', world.adminToken)).body.totalContacts === before + 2, { description: 'dashboard +2' });
    const other = await world.createTenant();
    const otherDashboard = await world.api.get('/api/v1/reports/dashboard', other.token);
    expect(otherDashboard.status).toBe(200);
    expect(otherDashboard.body.totalContacts).toBe(0);
  });
});
