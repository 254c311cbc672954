// The reporting dashboard end to end: contacts are created, assigned and converted through the
// gateway, reporting learns of them from the contacts service's events, and the dashboard is
// read through the gateway. Events are crafted only to stage a redelivery and a contact created
// long ago (which no API call can produce). The service's /metrics counter (an operator's
// view) tells when such an event was handled.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CloudEvent, ContactCreatedData } from '@crm/contracts';
import { AmqpSpy, CrmWorld, scrapeMetrics, waitFor } from '@crm/testing';

interface Dashboard {
  totalContacts: number;
  contactsByLifecycle: Record<'contact' | 'prospect' | 'customer' | 'supplier', number>;
  assignedContacts: number;
  contactsCreatedToday: number;
  contactsCreatedLast30Days: number;
}

const tenantOf = (token: string): string => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).tid;

describe('reporting dashboard, through the gateway', () => {
  let world: CrmWorld;
  let spy: AmqpSpy;

  async function dashboard(token = world.adminToken): Promise<Dashboard> {
    const response = await world.api.get('/api/v1/reports/dashboard', token);
    expect(response.status).toBe(200);
    return response.body as Dashboard;
  }

  /** Waits until the dashboard shows what `ready` wants (events are handled asynchronously). */
  const dashboardWhen = (ready: (d: Dashboard) => boolean, token = world.adminToken, description = 'the dashboard to catch up') =>
    waitFor(
      async () => {
        const current = await dashboard(token);
        return ready(current) ? current : undefined;
      },
      { timeoutMs: 20_000, description },
    );

  async function consumedByReporting(): Promise<number> {
    const text = await scrapeMetrics(world.platform.urlOf('reporting'));
    return Number(/crm_messaging_total\{[^}]*name="consumed"[^}]*\} (\d+)/.exec(text)?.[1] ?? 0);
  }

  /** Publishes as the contacts service would, and waits until reporting acked them all. */
  async function publishAndSettle(...events: CloudEvent[]): Promise<void> {
    const before = await consumedByReporting();
    for (const event of events) await spy.publish(`${world.platform.amqpPrefix}crm.events`, event.type, event, event.id);
    await waitFor(async () => (await consumedByReporting()) >= before + events.length, { timeoutMs: 20_000, description: `${events.length} event(s) consumed by reporting` });
  }

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts', 'reporting'] });
    spy = await AmqpSpy.connect();
    await spy.listen(`${world.platform.amqpPrefix}crm.events`, 'contacts.contact.created');
  }, 120_000);

  afterAll(async () => {
    await spy?.close();
    await world?.stop();
  });

  it('starts at zero for a new tenant', async () => {
    const tenant = await world.createTenant();
    expect(await dashboard(tenant.token)).toMatchObject({
      totalContacts: 0,
      contactsByLifecycle: { contact: 0, prospect: 0, customer: 0, supplier: 0 },
      assignedContacts: 0,
      contactsCreatedToday: 0,
      contactsCreatedLast30Days: 0,
      timeZone: 'America/Bogota',
      activeOpportunities: 0,
      potentialValue: [],
      conversionRate: { opportunities: { won: 0, lost: 0, closed: 0, rate: null }, leads: { created: 0, converted: 0, rate: null } },
    });
  });

  it('counts contacts, owners and lifecycles as they change, once each even when an event is delivered again', async () => {
    const before = await dashboard();
    const [owner, otherOwner] = [await world.createUser(['sales']), await world.createUser(['sales'])];
    const first = await world.createContact(world.adminToken, { lifecycle: 'prospect' });
    const second = await world.createContact(world.adminToken, { lifecycle: 'customer' });
    const third = await world.createContact(world.adminToken, { lifecycle: 'prospect' });
    await world.assign(world.adminToken, second.id, owner.id);
    const afterCreation = await dashboardWhen((d) => d.totalContacts === before.totalContacts + 3 && d.assignedContacts === before.assignedContacts + 1);
    expect(afterCreation).toMatchObject({
      contactsByLifecycle: { ...before.contactsByLifecycle, prospect: before.contactsByLifecycle.prospect + 2, customer: before.contactsByLifecycle.customer + 1 },
      contactsCreatedToday: before.contactsCreatedToday + 3,
      contactsCreatedLast30Days: before.contactsCreatedLast30Days + 3,
    });

    // The creation of `first` again, as the broker would after a lost ack: nothing changes.
    const created = await spy.waitForMessage((m) => m.routingKey === 'contacts.contact.created' && m.body.subject === first.id);
    await publishAndSettle(created.body);
    expect(await dashboard()).toMatchObject({ totalContacts: afterCreation.totalContacts, contactsByLifecycle: afterCreation.contactsByLifecycle });

    // An assignment counts the contact as assigned once; a reassignment does not add.
    await world.assign(world.adminToken, third.id, owner.id);
    await world.assign(world.adminToken, third.id, otherOwner.id);
    // A conversion moves the contact between lifecycles.
    const current = await world.api.get(`/api/v1/contacts/${first.id}`, world.adminToken);
    expect((await world.api.post(`/api/v1/contacts/${first.id}/convert`, { to: 'customer', version: current.body.version }, world.adminToken)).status).toBe(200);

    const after = await dashboardWhen((d) => d.contactsByLifecycle.customer === afterCreation.contactsByLifecycle.customer + 1 && d.assignedContacts === afterCreation.assignedContacts + 1);
    expect(after).toMatchObject({ totalContacts: afterCreation.totalContacts, contactsByLifecycle: { prospect: afterCreation.contactsByLifecycle.prospect - 1 } });
    const seenBySales = await world.api.get('/api/v1/reports/dashboard', owner.token);
    expect(seenBySales.status).toBe(200);
  });

  it('keeps contacts created long ago out of the last 30 days', async () => {
    const before = await dashboard();
    const contactId = randomUUID();
    const id = randomUUID();
    const old: CloudEvent<ContactCreatedData> = {
      specversion: '1.0',
      id,
      source: 'crm/contacts',
      type: 'contacts.contact.created',
      time: new Date().toISOString(),
      subject: contactId,
      datacontenttype: 'application/json',
      tenantid: tenantOf(world.adminToken),
      correlationid: id,
      data: {
        contactId,
        kind: 'person',
        lifecycle: 'supplier',
        displayName: 'Proveedor Antiguo',
        email: null,
        phone: null,
        ownerId: null,
        teamId: null,
        createdBy: randomUUID(),
        createdAt: new Date(Date.now() - 40 * 24 * 3600 * 1000).toISOString(),
        version: 1,
      },
    };
    await publishAndSettle(old);
    const after = await dashboard();
    expect(after.totalContacts).toBe(before.totalContacts + 1);
    expect(after.contactsByLifecycle.supplier).toBe(before.contactsByLifecycle.supplier + 1);
    expect(after.contactsCreatedLast30Days).toBe(before.contactsCreatedLast30Days);
    expect(after.contactsCreatedToday).toBe(before.contactsCreatedToday);
  });

  it('is tenant-scoped: another tenant sees only its own figures', async () => {
    const mineBefore = await dashboard();
    const other = await world.createTenant();
    await world.createContact(other.token, { lifecycle: 'contact' });
    expect(await dashboardWhen((d) => d.totalContacts === 1, other.token)).toMatchObject({ contactsByLifecycle: { contact: 1, prospect: 0, customer: 0, supplier: 0 }, assignedContacts: 0 });
    expect((await dashboard()).totalContacts).toBe(mineBefore.totalContacts);
  });

  it('needs a valid token', async () => {
    expect((await world.api.get('/api/v1/reports/dashboard')).status).toBe(401);
    expect((await world.api.get('/api/v1/reports/dashboard', 'not-a-token')).status).toBe(401);
  });
});
