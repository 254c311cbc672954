import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AmqpSpy, CrmWorld, scrapeMetrics, waitFor, type SpiedMessage } from '@crm/testing';

/**
 * tickets.ticket.created of a public PQR (no contact, a requester e-mail) → contacts finds or
 * creates the requester's contact and publishes contacts.pqr_requester.linked, exactly once per
 * event however often it is delivered (one transaction with the inbox row).
 */
describe('PQR requesters become contacts (tickets.ticket.created → contacts.pqr_requester.linked)', () => {
  let world: CrmWorld;
  let spy: AmqpSpy;
  let tenantId: string;
  let crmEvents: string;

  function ticketCreated(requester: { name: string; email: string | null; phone?: string }, id: string = randomUUID(), ticketId: string = randomUUID()) {
    const radicado = `PQR-2030-${String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')}`;
    return {
      specversion: '1.0',
      id,
      source: 'crm/tickets',
      type: 'tickets.ticket.created',
      time: '2030-01-02T10:00:00.000Z',
      subject: ticketId,
      datacontenttype: 'application/json',
      tenantid: tenantId,
      data: {
        ticketId,
        radicado,
        contactId: null,
        pqrClass: 'reclamo',
        categoryId: null,
        priority: 'media',
        channel: 'web',
        subject: 'Cobro doble',
        assigneeId: null,
        teamId: null,
        legalDueAt: '2030-01-23T04:59:59.999Z',
        status: 'abierto',
        receivedAt: '2030-01-02T10:00:00.000Z',
        createdBy: null,
        requester: { language: 'es', ...requester },
        trackingUrl: null,
      },
    };
  }

  const linkedOf = (ticketId: string) => (m: SpiedMessage) => m.routingKey === 'contacts.pqr_requester.linked' && m.body.data.ticketId === ticketId;

  async function duplicates(): Promise<number> {
    const text = await scrapeMetrics(world.platform.urlOf('contacts'));
    const match = text.match(/crm_messaging_total\{[^}]*name="duplicates"[^}]*\} (\d+)/);
    return match ? Number(match[1]) : 0;
  }

  async function contactsWithEmail(email: string): Promise<{ id: string; email: string; sourceId: string | null; lifecycle: string; displayName: string; phone: string | null }[]> {
    const found = await world.api.get(`/api/v1/contacts?q=${encodeURIComponent(email)}`, world.adminToken);
    return (found.body.items ?? []).filter((c: { email: string }) => c.email === email.toLowerCase());
  }

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts'] });
    spy = await AmqpSpy.connect();
    tenantId = (await world.api.get('/api/v1/auth/me', world.adminToken)).body.tenant.id;
    crmEvents = `${world.platform.amqpPrefix}crm.events`;
    await spy.listen(crmEvents, 'contacts.#');
  }, 120_000);

  afterAll(async () => {
    await spy?.close();
    await world?.stop();
  });

  it('creates the contact of a new requester once, with its history, source PQR and both events, however often the event arrives', async () => {
    const email = `maria.${randomUUID().slice(0, 8)}@correo.test`;
    const event = ticketCreated({ name: '  María   Pérez Gómez ', email: email.toUpperCase(), phone: '+57 300 555 0101' });
    const before = await duplicates();
    await spy.publish(crmEvents, event.type, event, event.id);
    const linked = await spy.waitForMessage(linkedOf(event.data.ticketId), 20_000, 'the requester linked');
    expect(linked.body.data).toMatchObject({ ticketId: event.data.ticketId, radicado: event.data.radicado, created: true });
    expect(linked.body.tenantid).toBe(tenantId);

    // The same event again: recognised as a duplicate, nothing new.
    await spy.publish(crmEvents, event.type, event, event.id);
    await waitFor(async () => ((await duplicates()) > before ? true : undefined), { timeoutMs: 20_000, description: 'the redelivery seen as a duplicate' });

    const [contact, ...others] = await contactsWithEmail(email);
    expect(others).toHaveLength(0);
    expect(contact).toMatchObject({ id: linked.body.data.contactId, lifecycle: 'contact', displayName: 'María Pérez Gómez', phone: '+57 300 555 0101' });
    const sources = await world.api.get('/api/v1/sources?limit=100', world.adminToken);
    expect(contact!.sourceId).toBe((sources.body.items as { id: string; name: string }[]).find((s) => s.name === 'PQR')?.id);
    const created = spy.messages.filter((m) => m.routingKey === 'contacts.contact.created' && m.body.data.contactId === contact!.id);
    expect(created).toHaveLength(1);
    expect(created[0]!.body.data).toMatchObject({ kind: 'person', lifecycle: 'contact', email, displayName: 'María Pérez Gómez', sourceId: contact!.sourceId, version: 1 });
    expect(spy.messages.filter(linkedOf(event.data.ticketId))).toHaveLength(1);
    const timeline = await world.api.get(`/api/v1/contacts/${contact!.id}/timeline`, world.adminToken);
    expect(timeline.body.items).toEqual([expect.objectContaining({ source: 'contacts', kind: 'created' })]);
    const full = await world.api.get(`/api/v1/contacts/${contact!.id}`, world.adminToken);
    expect(full.body).toMatchObject({ version: 1, emails: [{ value: email, primary: true }] });
  });

  it("creates a new requester the same way once the tenant's PQR source is known (one statement), exactly once for two deliveries at once, and with no source after the admin deactivates it", async () => {
    // The tenant's first PQR (and so its source) comes first: the ones after take the one-statement path.
    const warm = ticketCreated({ name: 'Primera Persona', email: `primera.${randomUUID().slice(0, 8)}@correo.test` });
    await spy.publish(crmEvents, warm.type, warm, warm.id);
    await spy.waitForMessage(linkedOf(warm.data.ticketId), 20_000, 'the first PQR linked');
    const sources = (await world.api.get('/api/v1/sources?limit=100', world.adminToken)).body.items as { id: string; name: string; version: number }[];
    const pqrSource = sources.find((source) => source.name === 'PQR')!;

    const email = `ana.${randomUUID().slice(0, 8)}@correo.test`;
    const event = ticketCreated({ name: 'Ana Lucía Torres', email, phone: '+57 301 555 0202' });
    const before = await duplicates();
    // Two deliveries at once (a relay retry racing the first): one contact, one of each event.
    await Promise.all([spy.publish(crmEvents, event.type, event, event.id), spy.publish(crmEvents, event.type, event, event.id)]);
    const linked = await spy.waitForMessage(linkedOf(event.data.ticketId), 20_000, 'the requester linked');
    expect(linked.body.data).toMatchObject({ ticketId: event.data.ticketId, radicado: event.data.radicado, created: true });
    await waitFor(async () => ((await duplicates()) > before ? true : undefined), { timeoutMs: 20_000, description: 'the second delivery seen as a duplicate' });
    const [contact, ...others] = await contactsWithEmail(email);
    expect(others).toHaveLength(0);
    expect(contact).toMatchObject({ id: linked.body.data.contactId, lifecycle: 'contact', displayName: 'Ana Lucía Torres', phone: '+57 301 555 0202', sourceId: pqrSource.id });
    const created = spy.messages.filter((m) => m.routingKey === 'contacts.contact.created' && m.body.data.contactId === contact!.id);
    expect(created).toHaveLength(1);
    expect(created[0]!.body).toMatchObject({ tenantid: tenantId, subject: contact!.id });
    expect(created[0]!.body.data).toMatchObject({ kind: 'person', lifecycle: 'contact', email, displayName: 'Ana Lucía Torres', sourceId: pqrSource.id, ownerId: null, version: 1 });
    expect(spy.messages.filter(linkedOf(event.data.ticketId))).toHaveLength(1);
    const timeline = await world.api.get(`/api/v1/contacts/${contact!.id}/timeline`, world.adminToken);
    expect(timeline.body.items).toEqual([expect.objectContaining({ source: 'contacts', kind: 'created' })]);
    expect((await world.api.get(`/api/v1/contacts/${contact!.id}`, world.adminToken)).body).toMatchObject({ version: 1, emails: [{ value: email, primary: true }] });

    // The admin deactivates the source: the next new requester is created without it.
    const off = await world.api.patch(`/api/v1/sources/${pqrSource.id}`, { active: false, version: pqrSource.version }, world.adminToken);
    expect(off.status).toBe(200);
    const later = ticketCreated({ name: 'Pedro Gil', email: `pedro.${randomUUID().slice(0, 8)}@correo.test` });
    await spy.publish(crmEvents, later.type, later, later.id);
    const laterLink = await spy.waitForMessage(linkedOf(later.data.ticketId), 20_000, 'the requester after the deactivation linked');
    const [laterContact] = await contactsWithEmail(later.data.requester.email!);
    expect(laterContact).toMatchObject({ id: laterLink.body.data.contactId, sourceId: null });
    const laterCreated = spy.messages.find((m) => m.routingKey === 'contacts.contact.created' && m.body.data.contactId === laterContact!.id);
    expect(laterCreated?.body.data.sourceId).toBeNull();
    const on = await world.api.patch(`/api/v1/sources/${pqrSource.id}`, { active: true, version: off.body.version }, world.adminToken);
    expect(on.status).toBe(200);
  });

  it('links later PQRs of the same e-mail, and of an existing contact, without creating another contact', async () => {
    const email = `juan.${randomUUID().slice(0, 8)}@correo.test`;
    const first = ticketCreated({ name: 'Juan', email });
    await spy.publish(crmEvents, first.type, first, first.id);
    const firstLink = await spy.waitForMessage(linkedOf(first.data.ticketId), 20_000, 'the first PQR linked');
    const second = ticketCreated({ name: 'Juan Ríos', email: ` ${email.toUpperCase()} ` });
    await spy.publish(crmEvents, second.type, second, second.id);
    const secondLink = await spy.waitForMessage(linkedOf(second.data.ticketId), 20_000, 'the second PQR linked');
    expect(secondLink.body.data).toMatchObject({ contactId: firstLink.body.data.contactId, created: false });
    expect(await contactsWithEmail(email)).toHaveLength(1);

    const knownEmail = `lucia.${randomUUID().slice(0, 8)}@correo.test`;
    const known = await world.createContact(world.adminToken, { kind: 'person', firstName: 'Lucía', lastName: 'Mora', email: knownEmail });
    const third = ticketCreated({ name: 'Lucía M.', email: knownEmail });
    await spy.publish(crmEvents, third.type, third, third.id);
    const thirdLink = await spy.waitForMessage(linkedOf(third.data.ticketId), 20_000, 'the known contact linked');
    expect(thirdLink.body.data).toMatchObject({ contactId: known.id, created: false });
    expect((await world.api.get(`/api/v1/contacts/${known.id}`, world.adminToken)).body).toMatchObject({ displayName: 'Lucía Mora', version: 1 });
  });
});
