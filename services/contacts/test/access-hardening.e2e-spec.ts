import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CrmWorld, waitFor, type WorldUser } from '@crm/testing';

/** A small but real PDF. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

function pdfForm(name: string): FormData {
  const body = new FormData();
  body.append('file', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), name);
  return body;
}

/**
 * Issue #6 (security), contacts: who may use which team, idempotency keys per caller, public
 * forms over existing contacts, reminders and documents by visibility, duplicate conflicts that
 * name only what the caller sees, POST /companies and the default kind.
 */
describe('contacts access hardening (issue #6) through the gateway', () => {
  let world: CrmWorld;
  let north: string;
  let south: string;
  let seller: WorldUser; // sales, north
  let colleague: WorldUser; // sales, north
  let manager: WorldUser; // manager, north
  let southSeller: WorldUser; // sales, south

  const teamError = (response: { status: number; body: { errors?: { field: string }[] } }, field = 'teamId') => {
    expect(response.status).toBe(400);
    expect(response.body.errors?.map((error) => error.field)).toContain(field);
  };

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts', 'notifications'], env: { NOTE_REMINDER_POLL_MS: '200' } });
    const tag = randomUUID().slice(0, 6);
    [north, south] = [await world.createTeam(`Norte ${tag}`), await world.createTeam(`Sur ${tag}`)];
    [seller, colleague, manager, southSeller] = await Promise.all([
      world.createUser(['sales'], [north]),
      world.createUser(['sales'], [north]),
      world.createUser(['manager'], [north]),
      world.createUser(['sales'], [south]),
    ]);
    // Contacts knows both teams (and these users) once their identity events are in.
    for (const user of [seller, colleague, manager, southSeller]) {
      const probe = await world.createContact(world.adminToken, { lastName: 'Sonda' });
      await world.assign(world.adminToken, probe.id, user.id);
    }
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  describe('teams a caller may use', () => {
    it('refuses a sales user pushing a contact into another team or an unknown one (400 naming teamId)', async () => {
      teamError(await world.api.post('/api/v1/contacts', { kind: 'person', firstName: 'Intruso', teamId: south }, seller.token));
      teamError(await world.api.post('/api/v1/contacts', { kind: 'person', firstName: 'Intruso', teamId: randomUUID() }, seller.token));
      teamError(await world.api.post('/api/v1/contacts', { kind: 'person', firstName: 'Intruso', teamId: south }, manager.token));
      const own = await world.api.post('/api/v1/contacts', { kind: 'person', firstName: 'Propio', teamId: north }, seller.token);
      expect(own.status).toBe(201);
      expect(own.body.teamId).toBe(north);

      const moved = await world.api.patch(`/api/v1/contacts/${own.body.id}`, { teamId: south, version: own.body.version }, seller.token);
      teamError(moved);
      teamError(await world.api.patch(`/api/v1/contacts/${own.body.id}`, { teamId: null, version: own.body.version }, seller.token));
      teamError(await world.api.post(`/api/v1/contacts/${own.body.id}/assign`, { ownerId: seller.id, teamId: south, version: own.body.version }, seller.token));
      teamError(await world.api.post('/api/v1/contacts/assign', { contactIds: [own.body.id], ownerId: seller.id, teamId: south }, seller.token));
      const importForm = new FormData();
      importForm.append('options', JSON.stringify({ teamId: south }));
      importForm.append('file', new Blob([new Uint8Array(Buffer.from('Nombre;Correo\nAna;ana@x.co\n'))], { type: 'text/csv' }), 'c.csv');
      // Imports are for managers and admins: a manager may import only into their own teams.
      teamError(await world.api.request('POST', '/api/v1/contacts/imports', { body: importForm, token: manager.token }), 'options.teamId');

      const after = await world.api.get(`/api/v1/contacts/${own.body.id}`, world.adminToken);
      expect(after.body).toMatchObject({ teamId: north, version: own.body.version });
    });

    it('lets admins use any team contacts knows, and refuses one it never heard of', async () => {
      teamError(await world.api.post('/api/v1/contacts', { kind: 'person', firstName: 'Nadie', teamId: randomUUID() }, world.adminToken));
      const southern = await world.api.post('/api/v1/contacts', { kind: 'person', firstName: 'Sureño', teamId: south }, world.adminToken);
      expect(southern.status).toBe(201);
    });

    it('lets only the owner, a manager of the team or an admin stop sharing a contact with the team', async () => {
      const shared = await world.createContact(world.adminToken, { teamId: north, lastName: 'Compartido' });
      await world.assign(world.adminToken, shared.id, colleague.id);
      const current = (await world.api.get(`/api/v1/contacts/${shared.id}`, seller.token)).body;
      const hidden = await world.api.patch(`/api/v1/contacts/${shared.id}`, { sharedWithTeam: false, version: current.version }, seller.token);
      expect(hidden.status).toBe(403);
      expect((await world.api.get(`/api/v1/contacts/${shared.id}`, seller.token)).status).toBe(200);
      const byOwner = await world.api.patch(`/api/v1/contacts/${shared.id}`, { sharedWithTeam: false, version: current.version }, colleague.token);
      expect(byOwner.status).toBe(200);
      expect((await world.api.get(`/api/v1/contacts/${shared.id}`, manager.token)).status).toBe(200);
    });
  });

  describe('Idempotency-Key', () => {
    it('is scoped to the caller: another user with the same key creates their own contact', async () => {
      const key = `alta-${randomUUID()}`;
      const body = { kind: 'person', firstName: 'Idem', lastName: 'Potente' };
      const first = await world.api.post('/api/v1/contacts', body, seller.token, { 'idempotency-key': key });
      expect(first.status).toBe(201);
      const other = await world.api.post('/api/v1/contacts', body, southSeller.token, { 'idempotency-key': key });
      expect(other.status).toBe(201);
      expect(other.body.id).not.toBe(first.body.id);
      expect(other.headers.get('idempotent-replayed')).toBeNull();

      const replay = await world.api.post('/api/v1/contacts', { lastName: 'Potente', firstName: 'Idem', kind: 'person' }, seller.token, { 'idempotency-key': key });
      expect(replay.status).toBe(201);
      expect(replay.body.id).toBe(first.body.id);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
    });

    it('answers 422 problem+json when the same key comes with a different body, and creates nothing', async () => {
      const key = `alta-${randomUUID()}`;
      const first = await world.api.post('/api/v1/contacts', { kind: 'person', firstName: 'Uno', lastName: key }, seller.token, { 'idempotency-key': key });
      expect(first.status).toBe(201);
      const changed = await world.api.post('/api/v1/contacts', { kind: 'person', firstName: 'Otro', lastName: key }, seller.token, { 'idempotency-key': key });
      expect(changed.status).toBe(422);
      expect(changed.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(changed.body)).not.toContain(first.body.id);
      const listed = await world.api.get(`/api/v1/contacts?q=${encodeURIComponent(key)}`, world.adminToken);
      expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([first.body.id]);
    });

    it('never replays a contact the caller can no longer see', async () => {
      const key = `alta-${randomUUID()}`;
      const body = { kind: 'person', firstName: 'Se', lastName: 'Fue' };
      const first = await world.api.post('/api/v1/contacts', body, seller.token, { 'idempotency-key': key });
      expect(first.status).toBe(201);
      const moved = await world.api.post(`/api/v1/contacts/${first.body.id}/assign`, { ownerId: southSeller.id, teamId: south, version: first.body.version }, world.adminToken);
      expect(moved.status).toBe(200);
      const replay = await world.api.post('/api/v1/contacts', body, seller.token, { 'idempotency-key': key });
      expect(replay.status).toBe(404);
      expect(JSON.stringify(replay.body)).not.toContain(first.body.id);
    });
  });

  describe('public web forms over existing contacts', () => {
    let formKey: string;
    const submit = (body: Record<string, unknown>) => world.api.request('POST', `/api/v1/public/forms/${formKey}/submissions`, { body });
    const timelineOf = async (id: string) => (await world.api.get(`/api/v1/contacts/${id}/timeline`, world.adminToken)).body.items as { kind: string; details: Record<string, any> }[];

    beforeAll(async () => {
      const source = await world.api.post('/api/v1/sources', { name: `Web ${randomUUID().slice(0, 6)}`, channel: 'web' }, world.adminToken);
      const form = await world.api.post('/api/v1/web-forms', { name: 'Sitio', sourceId: source.body.id, allowedFields: ['message', 'acceptsMarketing'] }, world.adminToken);
      expect(form.status).toBe(201);
      formKey = form.body.formKey;
    });

    it('never grants consent over a recorded withdrawal, and marks the visitor’s text as unverified', async () => {
      const email = `retiro-${randomUUID().slice(0, 8)}@cliente.co`;
      const contact = await world.createContact(world.adminToken, { email });
      const withdrawn = await world.api.request('PUT', `/api/v1/contacts/${contact.id}/consent`, { body: { granted: false, channel: 'email' }, token: world.adminToken });
      expect(withdrawn.status).toBe(200);
      const response = await submit({ firstName: 'Quien', email, message: 'Llámenme ya', acceptsMarketing: true });
      expect(response.status).toBe(202);

      const after = await world.api.get(`/api/v1/contacts/${contact.id}`, world.adminToken);
      expect(after.body.marketingConsent).toMatchObject({ granted: false, channel: 'email' });
      const entry = (await timelineOf(contact.id)).find((item) => item.kind === 'web_form_submitted')!;
      expect(entry.details).toMatchObject({ unverified: true, newContact: false, consentIgnored: 'withdrawn' });
    });

    it('adds a grant, marked unverified, where no statement was recorded', async () => {
      const email = `nuevo-${randomUUID().slice(0, 8)}@cliente.co`;
      const contact = await world.createContact(world.adminToken, { email });
      expect((await submit({ firstName: 'Quien', email, acceptsMarketing: true })).status).toBe(202);
      const after = await world.api.get(`/api/v1/contacts/${contact.id}`, world.adminToken);
      expect(after.body.marketingConsent).toMatchObject({ granted: true, channel: 'web-form' });
      const consent = (await timelineOf(contact.id)).find((item) => item.kind === 'consent_changed')!;
      expect(consent.details).toMatchObject({ granted: true, channel: 'web-form', unverified: true });
    });

    it('follows a merged-away contact to its survivor', async () => {
      const email = `fusion-${randomUUID().slice(0, 8)}@cliente.co`;
      const survivor = await world.createContact(world.adminToken, { lastName: 'Sobreviviente' });
      const merged = await world.createContact(world.adminToken, { lastName: 'Duplicado', email });
      const merge = await world.api.post('/api/v1/contacts/merge', { primaryId: survivor.id, duplicateIds: [merged.id], version: survivor.version }, world.adminToken);
      expect(merge.status).toBe(200);

      expect((await submit({ firstName: 'Quien', email, message: 'Hola de nuevo' })).status).toBe(202);
      const entries = (await timelineOf(survivor.id)).filter((item) => item.kind === 'web_form_submitted');
      expect(entries).toHaveLength(1);
      expect(entries[0]!.details).toMatchObject({ newContact: false, unverified: true, fields: { message: 'Hola de nuevo' } });
    });
  });

  it('reminds "the team" only of people who can see the contact', async () => {
    const contact = await world.createContact(world.adminToken, { teamId: north, sharedWithTeam: false, lastName: `Reservado ${randomUUID().slice(0, 4)}` });
    await world.assign(world.adminToken, contact.id, seller.id);
    const note = await world.api.post(
      `/api/v1/contacts/${contact.id}/notes`,
      { body: 'Revisar juntos', remindAt: new Date(Date.now() + 500).toISOString(), remindAudience: 'team' },
      seller.token,
    );
    expect(note.status).toBe(201);
    const deliveries = await waitFor(
      async () => {
        const response = await world.api.get('/api/v1/email-deliveries?limit=200&template=note-reminder', world.adminToken);
        const rows = (response.body.items as { toAddress: string; status: string; subject: string }[]).filter((row) => row.subject.includes(contact.displayName));
        return rows.length >= 2 && rows.every((row) => row.status === 'sent') ? rows : undefined;
      },
      { timeoutMs: 20_000, description: 'the team reminder deliveries' },
    );
    expect(deliveries.map((row) => row.toAddress).sort()).toEqual([seller.email, manager.email].sort());
    expect(world.platform.smtp.messages.filter((m) => m.to.includes(colleague.email) && m.subject.includes(contact.displayName))).toHaveLength(0);
  });

  it('lets only the uploader, the owner, a manager of the team or an admin delete a document', async () => {
    const contact = await world.createContact(world.adminToken, { teamId: north, lastName: 'Con documentos' });
    await world.assign(world.adminToken, contact.id, colleague.id);
    const upload = async (token: string, name: string) => {
      const response = await world.api.request('POST', `/api/v1/contacts/${contact.id}/documents`, { body: pdfForm(name), token });
      expect(response.status).toBe(201);
      return response.body.id as string;
    };
    const [bySeller, byAdmin, another] = [await upload(seller.token, 'a.pdf'), await upload(world.adminToken, 'b.pdf'), await upload(world.adminToken, 'c.pdf')];
    const remove = (id: string, token: string) => world.api.delete(`/api/v1/contacts/${contact.id}/documents/${id}`, token);

    expect((await remove(byAdmin, seller.token)).status).toBe(403);
    expect((await remove(byAdmin, southSeller.token)).status).toBe(404);
    expect((await remove(bySeller, seller.token)).status).toBe(204);
    expect((await remove(byAdmin, colleague.token)).status).toBe(204);
    expect((await remove(another, manager.token)).status).toBe(204);
    const left = await world.api.get(`/api/v1/contacts/${contact.id}/documents`, world.adminToken);
    expect(left.body.items).toEqual([]);
  });

  it('names a duplicate e-mail without the id when the existing contact is not visible', async () => {
    const email = `dup-${randomUUID().slice(0, 8)}@cliente.co`;
    const hidden = await world.createContact(world.adminToken, { teamId: south, email });
    const conflict = await world.api.post('/api/v1/contacts', { kind: 'person', firstName: 'Otra', email }, seller.token);
    expect(conflict.status).toBe(409);
    expect(conflict.body.existingId).toBeUndefined();
    expect(JSON.stringify(conflict.body)).not.toContain(hidden.id);
    const visible = await world.api.post('/api/v1/contacts', { kind: 'person', firstName: 'Otra', email }, world.adminToken);
    expect(visible.status).toBe(409);
    expect(visible.body.existingId).toBe(hidden.id);
  });

  it('creates a company with POST /companies, and a person when kind is absent', async () => {
    const company = await world.api.post('/api/v1/companies', { companyName: `Andina ${randomUUID().slice(0, 6)}`, taxId: '900123456-7' }, seller.token);
    expect(company.status).toBe(201);
    expect(company.body).toMatchObject({ kind: 'organization', teamId: north });
    expect(company.headers.get('location')).toBe(`/api/v1/companies/${company.body.id}`);
    expect((await world.api.get(`/api/v1/companies/${company.body.id}`, seller.token)).status).toBe(200);
    const invalid = await world.api.post('/api/v1/companies', { taxId: '900123456-7' }, seller.token);
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field)).toContain('companyName');
    teamError(await world.api.post('/api/v1/companies', { companyName: 'Ajena', teamId: south }, seller.token));

    const person = await world.api.post('/api/v1/contacts', { firstName: 'Nueva', lastName: 'Persona', email: `np-${randomUUID().slice(0, 6)}@x.co` }, seller.token);
    expect(person.status).toBe(201);
    expect(person.body.kind).toBe('person');
  });
});
