import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AmqpSpy, CrmWorld, waitFor, type WorldUser, scrapeMetrics } from '@crm/testing';

describe('lifecycle: convert with one click, and a won opportunity makes a customer', () => {
  let world: CrmWorld;
  let spy: AmqpSpy;
  let exchange: string;
  let otherTenant: WorldUser;
  let tenantId: string;

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts'] });
    exchange = `${world.platform.amqpPrefix}crm.events`;
    spy = await AmqpSpy.connect();
    await spy.listen(exchange, 'contacts.#');
    otherTenant = await world.createTenant();
    const probe = await world.createContact(world.adminToken);
    tenantId = (await spy.waitForMessage((m) => m.body.subject === probe.id)).body.tenantid;
  }, 120_000);

  afterAll(async () => {
    await spy?.close();
    await world?.stop();
  });

  const convert = (id: string, to: string, version: number, token = world.adminToken) => world.api.post(`/api/v1/contacts/${id}/convert`, { to, version }, token);
  const convertedEvents = (contactId: string) => spy.messages.filter((m) => m.routingKey === 'contacts.contact.converted' && m.body.subject === contactId);

  /** What the opportunities service publishes when an opportunity is won. */
  async function publishWon(contactId: string, eventId = randomUUID(), opportunityId = randomUUID()) {
    const event = {
      specversion: '1.0',
      id: eventId,
      source: 'crm/opportunities',
      type: 'opportunities.opportunity.won',
      time: new Date().toISOString(),
      subject: opportunityId,
      datacontenttype: 'application/json',
      tenantid: tenantId,
      correlationid: eventId,
      data: { opportunityId, contactId, amount: { amount: '48500000.00', currency: 'COP' }, wonAt: new Date().toISOString(), ownerId: randomUUID(), pipelineId: randomUUID() },
    };
    await spy.publish(exchange, 'opportunities.opportunity.won', event, eventId, { appId: 'opportunities' });
    return event;
  }

  async function metric(name: string): Promise<number> {
    const text = await scrapeMetrics(world.platform.urlOf('contacts'));
    return Number(text.match(new RegExp(`crm_messaging_total\\{[^}]*name="${name}"[^}]*\\} (\\d+)`))?.[1] ?? 0);
  }

  it('converts contact → prospect → customer, keeping who, when and from → to in the timeline', async () => {
    const contact = await world.createContact(world.adminToken, { lastName: 'Conversión' });
    const prospect = await convert(contact.id, 'prospect', 1);
    expect(prospect.status).toBe(200);
    expect(prospect.body).toMatchObject({ lifecycle: 'prospect', version: 2, customerSince: null });
    const customer = await convert(contact.id, 'customer', 2);
    expect(customer.status).toBe(200);
    expect(customer.body).toMatchObject({ lifecycle: 'customer', version: 3, convertedBy: expect.any(String), customerSince: expect.any(String), supplierSince: null });
    expect(customer.body.convertedAt).toBe(customer.body.customerSince);

    const timeline = await world.api.get(`/api/v1/contacts/${contact.id}/timeline`, world.adminToken);
    const conversions = timeline.body.items.filter((entry: { kind: string }) => entry.kind === 'converted');
    expect(conversions).toHaveLength(2);
    expect(conversions[0]).toMatchObject({ actorId: customer.body.convertedBy, changes: [{ field: 'lifecycle', from: 'prospect', to: 'customer' }] });
    expect(conversions[1].changes).toEqual([{ field: 'lifecycle', from: 'contact', to: 'prospect' }]);
    expect(timeline.body.items.map((entry: { kind: string }) => entry.kind)).toContain('created');
  });

  it('publishes contacts.contact.converted with what the ERP needs (legal name, tax id, address, primary contact)', async () => {
    const company = await world.createContact(world.adminToken, {
      kind: 'organization',
      firstName: undefined,
      lastName: undefined,
      companyName: 'Constructora Andina S.A.S.',
      taxId: '900.123.456-7',
      email: 'compras@andina.co',
      phone: '+57 601 555 0000',
      street: 'Cra 7 # 71-21',
      city: 'Bogotá',
      region: 'Cundinamarca',
      postalCode: '110231',
      country: 'CO',
    });
    const first = await world.createContact(world.adminToken, { firstName: 'Ana', lastName: 'Ríos', companyId: company.id, email: 'ana@andina.co', position: 'Jefe de compras' });
    const chosen = await world.createContact(world.adminToken, {
      firstName: 'Luis',
      lastName: 'Mora',
      companyId: company.id,
      email: 'luis@andina.co',
      phone: '+57 310 000 2222',
      position: 'Gerente',
    });
    expect(first.id).not.toBe(chosen.id);
    const withPrimary = await world.api.patch(`/api/v1/contacts/${company.id}`, { primaryContactId: chosen.id, version: 1 }, world.adminToken);
    expect(withPrimary.status).toBe(200);

    const converted = await convert(company.id, 'customer', 2);
    expect(converted.status).toBe(200);
    const message = await spy.waitForMessage((m) => m.routingKey === 'contacts.contact.converted' && m.body.subject === company.id);
    expect(message.body).toMatchObject({ type: 'contacts.contact.converted', source: 'crm/contacts', tenantid: tenantId });
    expect(message.body.data).toEqual({
      contactId: company.id,
      crmContactId: company.id,
      kind: 'organization',
      legalName: 'Constructora Andina S.A.S.',
      taxId: '900.123.456-7',
      address: { street: 'Cra 7 # 71-21', city: 'Bogotá', region: 'Cundinamarca', postalCode: '110231', country: 'CO' },
      email: 'compras@andina.co',
      phone: '+57 601 555 0000',
      primaryContact: { contactId: chosen.id, name: 'Luis Mora', email: 'luis@andina.co', phone: '+57 310 000 2222', position: 'Gerente' },
      companyId: null,
      from: 'contact',
      to: 'customer',
      isCustomer: true,
      isSupplier: false,
      trigger: 'manual',
      opportunityId: null,
      ownerId: null,
      convertedBy: converted.body.convertedBy,
      convertedAt: converted.body.convertedAt,
      version: 3,
    });
    // Reporting counts lifecycles from contact.updated: the conversion is one too.
    const updated = await spy.waitForMessage((m) => m.routingKey === 'contacts.contact.updated' && m.body.subject === company.id && m.body.data.version === 3);
    expect(updated.body.data.changes).toEqual([{ field: 'lifecycle', from: 'contact', to: 'customer' }]);

    // Without a chosen primary, the first person linked to the organisation is used.
    const other = await world.createContact(world.adminToken, { kind: 'organization', firstName: undefined, lastName: undefined, companyName: `Sin principal ${Date.now()}` });
    const oldest = await world.createContact(world.adminToken, { firstName: 'Primera', lastName: 'Persona', companyId: other.id });
    await world.createContact(world.adminToken, { firstName: 'Segunda', lastName: 'Persona', companyId: other.id });
    expect((await convert(other.id, 'supplier', 1)).status).toBe(200);
    const supplierEvent = await spy.waitForMessage((m) => m.routingKey === 'contacts.contact.converted' && m.body.subject === other.id);
    expect(supplierEvent.body.data).toMatchObject({ to: 'supplier', isSupplier: true, isCustomer: false, primaryContact: { contactId: oldest.id, name: 'Primera Persona' } });
  });

  it('refuses moves that are not allowed (409), stale versions (412), PATCHing the lifecycle (400) and read-only users (403)', async () => {
    const contact = await world.createContact(world.adminToken);
    expect((await convert(contact.id, 'customer', 1)).status).toBe(200);
    const back = await convert(contact.id, 'prospect', 2);
    expect(back.status).toBe(409);
    expect(back.headers.get('content-type')).toContain('application/problem+json');
    expect(back.body.detail).toContain('prospecto');
    const again = await convert(contact.id, 'customer', 2);
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe('El contacto ya es cliente.');
    const stale = await convert(contact.id, 'supplier', 1);
    expect(stale.status).toBe(412);
    const noVersion = await world.api.post(`/api/v1/contacts/${contact.id}/convert`, { to: 'supplier' }, world.adminToken);
    expect(noVersion.status).toBe(428);
    const badTarget = await world.api.post(`/api/v1/contacts/${contact.id}/convert`, { to: 'contact', version: 2 }, world.adminToken);
    expect(badTarget.status).toBe(400);
    expect(badTarget.body.errors[0].field).toBe('to');
    const patched = await world.api.patch(`/api/v1/contacts/${contact.id}`, { lifecycle: 'prospect', version: 2 }, world.adminToken);
    expect(patched.status).toBe(400);
    expect(patched.body.errors[0].field).toBe('lifecycle');

    // A customer who also supplies us stays a customer.
    const both = await convert(contact.id, 'supplier', 2);
    expect(both.status).toBe(200);
    expect(both.body).toMatchObject({ lifecycle: 'supplier', customerSince: expect.any(String), supplierSince: expect.any(String) });
    expect((await convert(contact.id, 'customer', 3)).status).toBe(409);

    const team = await world.createTeam(`Lectura ${Date.now()}`);
    const reader = await world.createUser(['readonly'], [team]);
    const visible = await world.createContact(world.adminToken, { teamId: team });
    expect((await world.api.get(`/api/v1/contacts/${visible.id}`, reader.token)).status).toBe(200);
    const denied = await convert(visible.id, 'prospect', 1, reader.token);
    expect(denied.status).toBe(403);
    expect((await world.api.get(`/api/v1/contacts/${visible.id}`, world.adminToken)).body.lifecycle).toBe('contact');

    expect((await convert(visible.id, 'prospect', 1, otherTenant.token)).status).toBe(404);
  });

  it('makes the contact of a won opportunity a customer, once, with the opportunity in the event and timeline', async () => {
    const contact = await world.createContact(world.adminToken, { lifecycle: 'prospect', taxId: '1020304050' });
    const won = await publishWon(contact.id);
    const converted = await waitFor(
      async () => {
        const read = await world.api.get(`/api/v1/contacts/${contact.id}`, world.adminToken);
        return read.body.lifecycle === 'customer' ? read.body : undefined;
      },
      { description: 'the won opportunity to convert the contact' },
    );
    expect(converted).toMatchObject({ version: 2, convertedBy: won.data.ownerId, customerSince: expect.any(String) });
    const message = await spy.waitForMessage((m) => m.routingKey === 'contacts.contact.converted' && m.body.subject === contact.id);
    expect(message.body.data).toMatchObject({ from: 'prospect', to: 'customer', trigger: 'opportunity_won', opportunityId: won.data.opportunityId, taxId: '1020304050', isCustomer: true });
    expect(message.body.correlationid).toBe(won.correlationid);
    const timeline = await world.api.get(`/api/v1/contacts/${contact.id}/timeline`, world.adminToken);
    // (Other features may add their own entry about the won opportunity to the timeline.)
    expect(timeline.body.items.find((entry: { kind: string }) => entry.kind === 'converted')).toMatchObject({
      kind: 'converted',
      details: { trigger: 'opportunity_won', opportunityId: won.data.opportunityId, amount: { amount: '48500000.00', currency: 'COP' } },
    });

    // The same event again (a redelivery) and a second won opportunity change nothing.
    const duplicatesBefore = await metric('duplicates');
    const consumedBefore = await metric('consumed');
    await spy.publish(exchange, 'opportunities.opportunity.won', won, won.id);
    await publishWon(contact.id);
    await waitFor(async () => (await metric('consumed')) >= consumedBefore + 2, { description: 'contacts to consume both events' });
    expect(await metric('retried')).toBe(0);
    // At least our handler skipped the redelivery (other handlers of the same event count too).
    expect(await metric('duplicates')).toBeGreaterThanOrEqual(duplicatesBefore + 1);
    expect((await world.api.get(`/api/v1/contacts/${contact.id}`, world.adminToken)).body.version).toBe(2);
    expect(convertedEvents(contact.id)).toHaveLength(1);
  });

  it('acknowledges a won opportunity for an unknown contact without retrying it', async () => {
    const consumedBefore = await metric('consumed');
    const retriedBefore = await metric('retried');
    const deadBefore = await metric('deadLettered');
    await publishWon(randomUUID());
    await waitFor(async () => (await metric('consumed')) >= consumedBefore + 1, { description: 'contacts to consume the event' });
    expect(await metric('retried')).toBe(retriedBefore);
    expect(await metric('deadLettered')).toBe(deadBefore);
    const deadLetters = await world.api.get('/api/v1/admin/dead-letters?service=contacts', world.adminToken);
    expect(deadLetters.status).toBe(200);
    expect(deadLetters.body.items).toEqual([]);
  });
});
