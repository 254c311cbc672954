import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AmqpSpy, CrmWorld, waitFor, type WorldUser } from '@crm/testing';

/** A small but real PDF (header, one empty page, trailer). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

describe('personal data (Ley 1581 / GDPR): consent and anonymisation', () => {
  let world: CrmWorld;
  let spy: AmqpSpy;
  let otherTenant: WorldUser & { tenantSlug: string };

  const put = (path: string, body: unknown, token: string, headers: Record<string, string> = {}) => world.api.request('PUT', path, { body, token, headers });

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts', 'notifications'] });
    spy = await AmqpSpy.connect();
    await spy.listen(`${world.platform.amqpPrefix}crm.events`, 'contacts.#');
    otherTenant = await world.createTenant();
  }, 120_000);

  afterAll(async () => {
    await spy?.close();
    await world?.stop();
  });

  it('records consent with date and channel, in the timeline and as an event; withdrawal too', async () => {
    const contact = await world.createContact(world.adminToken, { email: `consent-${randomUUID().slice(0, 6)}@cliente.co` });
    const granted = await put(`/api/v1/contacts/${contact.id}/consent`, { granted: true, channel: 'in-person', at: '2026-03-01T15:30:00Z' }, world.adminToken);
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ marketingConsent: { granted: true, at: '2026-03-01T15:30:00.000Z', channel: 'in-person' }, version: 2 });
    const event = await spy.waitForMessage((m) => m.routingKey === 'contacts.contact.consent_changed' && m.body.subject === contact.id);
    expect(event.body.data).toMatchObject({ contactId: contact.id, granted: true, channel: 'in-person', at: '2026-03-01T15:30:00.000Z', version: 2 });

    const withdrawn = await put(`/api/v1/contacts/${contact.id}/consent`, { granted: false, channel: 'email' }, world.adminToken, { 'if-match': '"2"' });
    expect(withdrawn.body.marketingConsent).toMatchObject({ granted: false, channel: 'email' });
    const timeline = (await world.api.get(`/api/v1/contacts/${contact.id}/timeline`, world.adminToken)).body.items;
    expect(timeline.slice(0, 2)).toEqual([
      expect.objectContaining({ kind: 'consent_changed', title: 'Autorización de mercadeo retirada', details: expect.objectContaining({ granted: false, channel: 'email' }) }),
      expect.objectContaining({ kind: 'consent_changed', title: 'Autorización de mercadeo otorgada', details: expect.objectContaining({ granted: true, channel: 'in-person' }) }),
    ]);
  });

  it('refuses bad consent input (400 naming the field), stale versions (412), other tenants (404) and read-only users (403)', async () => {
    const contact = await world.createContact(world.adminToken);
    const path = `/api/v1/contacts/${contact.id}/consent`;
    const badChannel = await put(path, { granted: true, channel: 'telepathy' }, world.adminToken);
    expect(badChannel.status).toBe(400);
    expect(badChannel.body.errors[0].field).toBe('channel');
    const future = await put(path, { granted: true, channel: 'email', at: '2999-01-01T00:00:00Z' }, world.adminToken);
    expect(future.status).toBe(400);
    expect(future.body.errors[0].field).toBe('at');
    expect((await put(path, { granted: true, channel: 'email', version: 7 }, world.adminToken)).status).toBe(412);
    expect((await put(path, { granted: true, channel: 'email' }, otherTenant.token)).status).toBe(404);
    const reader = await world.createUser(['readonly']);
    expect((await put(path, { granted: true, channel: 'email' }, reader.token)).status).toBe(403);
  });

  it('anonymises on an admin’s confirmed request: personal data, documents and note bodies go, aggregates stay, others are told', async () => {
    const agent = await world.createUser(['sales'], [], { name: 'Laura Restrepo' });
    const email = `andres-${randomUUID().slice(0, 6)}@cliente.co`;
    const contact = await world.createContact(world.adminToken, {
      firstName: 'Andrés',
      lastName: 'Zapata',
      email,
      phone: '+57 300 111 2233',
      taxId: '1020304050',
      street: 'Calle 10 # 43-12',
      city: 'Medellín',
      country: 'CO',
      linkedinUrl: 'https://www.linkedin.com/in/andres-zapata',
      tags: ['hincha-del-nacional'],
      industry: 'Construcción',
    });
    await world.api.patch(`/api/v1/contacts/${contact.id}`, { lastName: 'Zapata Ruiz', version: 1 }, world.adminToken);
    await world.assign(world.adminToken, contact.id, agent.id);
    await world.platform.smtp.waitForMessages((m) => m.to.includes(agent.email), { count: 1, timeoutMs: 20_000 });
    const note = await world.api.post(`/api/v1/contacts/${contact.id}/notes`, { body: 'Andrés vive en el Poblado, su esposa se llama Marta.' }, world.adminToken);
    expect(note.status).toBe(201);
    const upload = new FormData();
    upload.append('file', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), 'cedula-andres-zapata.pdf');
    const document = await world.api.request('POST', `/api/v1/contacts/${contact.id}/documents`, { body: upload, token: world.adminToken });
    expect(document.status).toBe(201);
    const link = (await world.api.get(`/api/v1/contacts/${contact.id}/documents/${document.body.id}/download`, world.adminToken)).body.url as string;
    expect((await fetch(link)).status).toBe(200);
    const before = (await world.api.get(`/api/v1/contacts/${contact.id}`, world.adminToken)).body;
    const sentBefore = (await world.api.get('/api/v1/email-deliveries?limit=200', world.adminToken)).body.items.find((d: { toAddress: string }) => d.toAddress === agent.email);
    expect(sentBefore.subject).toContain('Zapata');

    // Denials first: sales may not, confirmation is required, another tenant does not see it.
    expect((await world.api.post(`/api/v1/contacts/${contact.id}/anonymize`, { confirm: true }, agent.token)).status).toBe(403);
    const unconfirmed = await world.api.post(`/api/v1/contacts/${contact.id}/anonymize`, {}, world.adminToken);
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.errors[0].field).toBe('confirm');
    expect((await world.api.post(`/api/v1/contacts/${contact.id}/anonymize`, { confirm: true }, otherTenant.token)).status).toBe(404);

    const done = await world.api.post(`/api/v1/contacts/${contact.id}/anonymize`, { confirm: true }, world.adminToken);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ contactId: contact.id, anonymizedAt: expect.any(String), documentsDeleted: 1, notesScrubbed: 1 });

    const after = (await world.api.get(`/api/v1/contacts/${contact.id}`, world.adminToken)).body;
    expect(after).toMatchObject({
      displayName: 'Contacto anonimizado',
      email: null,
      emails: [],
      phone: null,
      phones: [],
      taxId: null,
      linkedinUrl: null,
      tags: [],
      address: { street: null, city: null, region: null, postalCode: null, country: 'CO' },
      marketingConsent: { granted: false, at: null, channel: null },
      kind: before.kind,
      lifecycle: before.lifecycle,
      industry: 'Construcción',
      ownerId: agent.id,
      teamId: before.teamId,
      createdAt: before.createdAt,
    });
    expect((await world.api.get(`/api/v1/contacts?q=${encodeURIComponent(email)}`, world.adminToken)).body.items).toEqual([]);
    expect((await world.api.get('/api/v1/contacts?q=Zapata', world.adminToken)).body.items).toEqual([]);
    expect((await world.api.get(`/api/v1/contacts/${contact.id}/documents`, world.adminToken)).body.items).toEqual([]);
    expect((await fetch(link)).status).toBe(404);
    const notes = (await world.api.get(`/api/v1/contacts/${contact.id}/notes`, world.adminToken)).body.items;
    expect(notes).toHaveLength(1);
    expect(JSON.stringify(notes)).not.toContain('Marta');

    const timeline = (await world.api.get(`/api/v1/contacts/${contact.id}/timeline`, world.adminToken)).body.items;
    expect(timeline[0]).toMatchObject({ kind: 'anonymized', title: 'Datos personales anonimizados' });
    expect(timeline.map((item: { kind: string }) => item.kind)).toEqual(expect.arrayContaining(['created', 'updated', 'assigned', 'document_uploaded']));
    for (const secret of ['Zapata', 'Andrés', email, 'cedula', '300 111']) expect(JSON.stringify(timeline)).not.toContain(secret);

    const event = await spy.waitForMessage((m) => m.routingKey === 'contacts.contact.anonymized' && m.body.subject === contact.id);
    expect(event.body.data).toEqual({ contactId: contact.id, anonymizedAt: done.body.anonymizedAt, anonymizedBy: expect.any(String) });

    // Notifications scrubs its copies: the agent's in-app notice and the assignment e-mail in the log.
    const feed = await waitFor(
      async () => {
        const response = await world.api.get('/api/v1/notifications', agent.token);
        return response.body.items?.[0]?.data?.anonymized === true ? response.body.items : undefined;
      },
      { description: 'the in-app notification to be scrubbed' },
    );
    expect(feed[0]).toMatchObject({ title: 'Notificación sobre un contacto anonimizado', data: { contactId: contact.id, anonymized: true } });
    expect(JSON.stringify(feed)).not.toContain('Zapata');
    const deliveries = await world.api.get('/api/v1/email-deliveries?limit=200', world.adminToken);
    const mine = deliveries.body.items.filter((d: { toAddress: string }) => d.toAddress === agent.email);
    expect(mine).toHaveLength(1);
    expect(mine[0].subject).toBe('Correo sobre un contacto anonimizado');

    // Irreversible and frozen: no edit, consent, note, document or second anonymisation (409).
    expect((await world.api.patch(`/api/v1/contacts/${contact.id}`, { firstName: 'Andrés', version: after.version }, world.adminToken)).status).toBe(409);
    expect((await put(`/api/v1/contacts/${contact.id}/consent`, { granted: true, channel: 'email' }, world.adminToken)).status).toBe(409);
    expect((await world.api.post(`/api/v1/contacts/${contact.id}/notes`, { body: 'otra' }, world.adminToken)).status).toBe(409);
    expect((await world.api.post(`/api/v1/contacts/${contact.id}/anonymize`, { confirm: true }, world.adminToken)).status).toBe(409);
    // Another tenant still gets 404, never a 409 that would reveal the contact.
    expect((await world.api.patch(`/api/v1/contacts/${contact.id}`, { firstName: 'X', version: after.version }, otherTenant.token)).status).toBe(404);
  });
});
