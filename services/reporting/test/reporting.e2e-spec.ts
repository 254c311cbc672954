import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signAccessToken } from '@crm/auth';
import type { CloudEvent, ContactAssignedData, ContactCreatedData, ContactUpdatedData, Role } from '@crm/contracts';
import { AmqpSpy, ApiClient, TestPlatform, waitFor, scrapeMetrics } from '@crm/testing';

function cloudEvent<T>(type: string, tenantId: string, subject: string, data: T): CloudEvent<T> {
  const id = randomUUID();
  return { specversion: '1.0', id, source: 'crm/contacts', type, time: new Date().toISOString(), subject, datacontenttype: 'application/json', tenantid: tenantId, correlationid: id, data };
}

function contactCreated(tenantId: string, over: Partial<ContactCreatedData> = {}): CloudEvent<ContactCreatedData> {
  const contactId = over.contactId ?? randomUUID();
  return cloudEvent('contacts.contact.created', tenantId, contactId, {
    contactId,
    kind: 'person',
    lifecycle: 'prospect',
    displayName: 'Contacto de prueba',
    email: null,
    phone: null,
    ownerId: null,
    teamId: null,
    createdBy: randomUUID(),
    createdAt: new Date().toISOString(),
    version: 1,
    ...over,
  });
}

function contactAssigned(tenantId: string, contactId: string, ownerId: string, version: number): CloudEvent<ContactAssignedData> {
  return cloudEvent('contacts.contact.assigned', tenantId, contactId, {
    contactId,
    displayName: 'Contacto de prueba',
    ownerId,
    previousOwnerId: null,
    teamId: null,
    assignedBy: randomUUID(),
    assignedAt: new Date().toISOString(),
    version,
  });
}

function token(tenantId: string, roles: Role[]): Promise<string> {
  return signAccessToken({ kind: 'user', id: randomUUID(), tenantId, roles, teamIds: [], scopes: [] }, process.env.JWT_SECRET!);
}

describe('reporting dashboard', () => {
  let platform: TestPlatform;
  let spy: AmqpSpy;
  let api: ApiClient;
  const tenantA = randomUUID();
  const tenantB = randomUUID();

  async function consumed(): Promise<number> {
    const text = await scrapeMetrics(platform.urlOf('reporting'));
    return Number(/crm_messaging_total\{[^}]*name="consumed"[^}]*\} (\d+)/.exec(text)?.[1] ?? 0);
  }

  /** Publishes like the contacts service would, and waits until reporting acked them all. */
  async function publishAndSettle(...events: CloudEvent[]): Promise<void> {
    const before = await consumed();
    for (const event of events) await spy.publish(`${platform.amqpPrefix}crm.events`, event.type, event, event.id);
    await waitFor(async () => (await consumed()) >= before + events.length, { timeoutMs: 20_000, description: `${events.length} event(s) consumed by reporting` });
  }

  beforeAll(async () => {
    platform = await TestPlatform.start({ services: ['reporting'], gateway: false });
    api = new ApiClient(platform.urlOf('reporting'));
    spy = await AmqpSpy.connect();
  }, 60_000);

  afterAll(async () => {
    await spy?.close();
    await platform?.stop();
  });

  it('starts at zero for a tenant with no events', async () => {
    const response = await api.get('/api/v1/reports/dashboard', await token(tenantA, ['admin']));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      totalContacts: 0,
      contactsByLifecycle: { contact: 0, prospect: 0, customer: 0, supplier: 0 },
      assignedContacts: 0,
      contactsCreatedToday: 0,
      contactsCreatedLast30Days: 0,
      timeZone: 'America/Bogota',
      updatedAt: null,
    });
  });

  it('counts three distinct contacts as three, even when one creation is delivered twice', async () => {
    const owner = randomUUID();
    const first = contactCreated(tenantA, { lifecycle: 'prospect' });
    const second = contactCreated(tenantA, { lifecycle: 'customer', ownerId: owner });
    const third = contactCreated(tenantA, { lifecycle: 'prospect' });
    await publishAndSettle(first, second, third, first);

    const response = await api.get('/api/v1/reports/dashboard', await token(tenantA, ['admin']));
    expect(response.body).toMatchObject({
      totalContacts: 3,
      contactsByLifecycle: { contact: 0, prospect: 2, customer: 1, supplier: 0 },
      assignedContacts: 1,
      contactsCreatedToday: 3,
      contactsCreatedLast30Days: 3,
    });
    expect(new Date(response.body.updatedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

    // An assignment counts the contact as assigned once; its redelivery and a reassignment do not add.
    const assign = contactAssigned(tenantA, third.data.contactId, owner, 2);
    await publishAndSettle(assign, assign, contactAssigned(tenantA, third.data.contactId, randomUUID(), 3));
    // A lifecycle change moves the contact between lifecycles.
    const update = cloudEvent<ContactUpdatedData>('contacts.contact.updated', tenantA, first.data.contactId, {
      contactId: first.data.contactId,
      changes: [{ field: 'lifecycle', from: 'prospect', to: 'customer' }],
      updatedBy: randomUUID(),
      updatedAt: new Date().toISOString(),
      version: 2,
    });
    await publishAndSettle(update);

    const after = await api.get('/api/v1/reports/dashboard', await token(tenantA, ['sales']));
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ totalContacts: 3, assignedContacts: 2, contactsByLifecycle: { prospect: 1, customer: 2 } });
  });

  it('keeps contacts created long ago out of the last 30 days', async () => {
    const before = (await api.get('/api/v1/reports/dashboard', await token(tenantA, ['admin']))).body;
    const old = contactCreated(tenantA, { createdAt: new Date(Date.now() - 40 * 24 * 3600 * 1000).toISOString(), lifecycle: 'supplier' });
    await publishAndSettle(old);
    const after = (await api.get('/api/v1/reports/dashboard', await token(tenantA, ['admin']))).body;
    expect(after.totalContacts).toBe(before.totalContacts + 1);
    expect(after.contactsByLifecycle.supplier).toBe(before.contactsByLifecycle.supplier + 1);
    expect(after.contactsCreatedLast30Days).toBe(before.contactsCreatedLast30Days);
    expect(after.contactsCreatedToday).toBe(before.contactsCreatedToday);
  });

  it('is tenant-scoped: another tenant sees only its own figures', async () => {
    await publishAndSettle(contactCreated(tenantB, { lifecycle: 'contact' }));
    const other = await api.get('/api/v1/reports/dashboard', await token(tenantB, ['admin']));
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ totalContacts: 1, contactsByLifecycle: { contact: 1, prospect: 0, customer: 0, supplier: 0 }, assignedContacts: 0 });
    const mine = await api.get('/api/v1/reports/dashboard', await token(tenantA, ['manager']));
    expect(mine.body.totalContacts).toBe(4);
  });

  it('needs a valid token', async () => {
    expect((await api.get('/api/v1/reports/dashboard')).status).toBe(401);
    expect((await api.get('/api/v1/reports/dashboard', 'not-a-token')).status).toBe(401);
  });
});
