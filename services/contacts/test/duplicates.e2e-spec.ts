import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AmqpSpy, CrmWorld, type WorldUser } from '@crm/testing';

type Group = { reason: string; key: string; contacts: { id: string }[]; more: boolean; similarity?: number };

/** A small but real PDF, so the document is stored in S3 like any upload. */
function pdf(): FormData {
  const bytes = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'cotizacion.pdf');
  return form;
}

describe('duplicates and merge through the gateway', () => {
  let world: CrmWorld;
  let spy: AmqpSpy;
  let admin: string;
  let otherTenant: WorldUser;
  const c: Record<string, { id: string; version: number }> = {};

  const groupsOf = async (query = '', token = admin): Promise<Group[]> => {
    const groups: Group[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: Group[]; nextCursor: string | null } } = await world.api.get(
        `/api/v1/contacts/duplicates?limit=50${query}${cursor ? `&cursor=${cursor}` : ''}`,
        token,
      );
      expect(page.status).toBe(200);
      groups.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return groups;
  };
  const membersOf = (groups: Group[], reason: string) => groups.filter((g) => g.reason === reason).map((g) => g.contacts.map((m) => m.id).sort());
  const sorted = (...ids: string[]) => [...ids].sort();

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts'] });
    admin = world.adminToken;
    spy = await AmqpSpy.connect();
    await spy.listen(`${world.platform.amqpPrefix}crm.events`, 'contacts.contact.*');
    otherTenant = await world.createTenant();
    const make = async (name: string, body: Record<string, unknown>) => {
      c[name] = await world.createContact(admin, body);
    };
    await make('carlos', { firstName: 'Carlos', lastName: 'Restrepo', email: 'carlos@restrepo.co', city: 'Medellín' });
    await make('carlos2', {
      firstName: 'Carlos A.',
      lastName: 'Restrepo',
      email: 'car.restrepo@gmail.com',
      emails: [{ value: 'car.restrepo@gmail.com', primary: true }, { value: 'CARLOS@restrepo.co' }],
      city: 'Envigado',
      phone: '+57 311 222 3344',
      tags: ['feria-2026'],
    });
    await make('luz', { firstName: 'Luz', lastName: 'Marín', phone: '+57 310 555 1234', city: 'Cali' });
    await make('luz2', { firstName: 'Luz Dary', lastName: 'Marín', phone: '3105551234', city: 'Palmira' });
    await make('acme', { kind: 'organization', companyName: 'Aceros del Valle', taxId: '900.555.666-1', city: 'Cali' });
    await make('acme2', { kind: 'organization', companyName: 'Industrias AV', taxId: '9005556661', city: 'Yumbo' });
    await make('ferre', { kind: 'organization', companyName: 'Ferretería El Tornillo', city: 'Bogotá' });
    await make('ferre2', { kind: 'organization', companyName: 'Ferreteria el Tornillo S.A.S.', city: 'Bogota' });
    await make('worker', { firstName: 'Pedro', lastName: 'Gil', companyId: c.ferre2.id });
    await make('lone', { firstName: 'Sofía', lastName: 'Único', email: 'sofia@unico.co', city: 'Cali' });
  }, 120_000);

  afterAll(async () => {
    await spy?.close();
    await world?.stop();
  });

  it('lists groups sharing an e-mail, a phone, a tax id, or a similar name in the same city, each with its reason', async () => {
    const groups = await groupsOf();
    expect(membersOf(groups, 'email')).toEqual([sorted(c.carlos.id, c.carlos2.id)]);
    expect(groups.find((g) => g.reason === 'email')?.key).toBe('carlos@restrepo.co');
    expect(membersOf(groups, 'phone')).toEqual([sorted(c.luz.id, c.luz2.id)]);
    expect(groups.find((g) => g.reason === 'phone')?.key).toBe('105551234');
    expect(membersOf(groups, 'taxId')).toEqual([sorted(c.acme.id, c.acme2.id)]);
    expect(membersOf(groups, 'name')).toEqual([sorted(c.ferre.id, c.ferre2.id)]);
    expect(groups.find((g) => g.reason === 'name')?.similarity).toBeGreaterThanOrEqual(0.6);
    expect(groups.flatMap((g) => g.contacts.map((m) => m.id))).not.toContain(c.lone.id);
  });

  it('pages through groups with a cursor and filters by reason', async () => {
    const all = await groupsOf();
    const onePerPage = await world.api.get('/api/v1/contacts/duplicates?limit=1', admin);
    expect(onePerPage.body.items).toHaveLength(1);
    expect(onePerPage.body.nextCursor).toEqual(expect.any(String));
    const walked: Group[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Group[]; nextCursor: string | null } } = await world.api.get(`/api/v1/contacts/duplicates?limit=1${cursor ? `&cursor=${cursor}` : ''}`, admin);
      walked.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(walked.map((g) => g.key)).toEqual(all.map((g) => g.key));
    expect((await groupsOf('&reason=phone,taxId')).map((g) => g.reason)).toEqual(['phone', 'taxId']);
    const bad = await world.api.get('/api/v1/contacts/duplicates?reason=birthday', admin);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('reason');
  });

  it('shows only groups among contacts the caller can see', async () => {
    const seller = await world.createUser(['sales']);
    const own = await world.createContact(seller.token, { firstName: 'Lucía', lastName: 'Vega', email: 'lucia@vega.co', sharedWithTeam: false });
    const adminsCopy = await world.createContact(admin, { firstName: 'Lucia', lastName: 'Vega', emails: [{ value: 'otra@vega.co', primary: true }, { value: 'lucia@vega.co' }] });
    expect(membersOf(await groupsOf('&reason=email'), 'email')).toContainEqual(sorted(own.id, adminsCopy.id));
    expect(await groupsOf('', seller.token)).toEqual([]);
    expect(await groupsOf('', otherTenant.token)).toEqual([]);
  });

  it('previews a merge without changing anything', async () => {
    await world.api.post(`/api/v1/contacts/${c.carlos2.id}/notes`, { body: 'Pidió cotización de 20 licencias.', visibility: 'shared' }, admin);
    const upload = await world.api.request('POST', `/api/v1/contacts/${c.carlos2.id}/documents`, { body: pdf(), token: admin });
    expect(upload.status).toBe(201);
    const before = await world.api.get(`/api/v1/contacts/${c.carlos.id}`, admin);

    const preview = await world.api.post('/api/v1/contacts/merge', { primaryId: c.carlos.id, duplicateIds: [c.carlos2.id], dryRun: true }, admin);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ dryRun: true, mergedIds: [c.carlos2.id], moved: { notes: 1, documents: 1 } });
    expect(preview.body.moved.timelineEntries).toBeGreaterThanOrEqual(2);
    expect(preview.body.survivor).toMatchObject({
      id: c.carlos.id,
      email: 'carlos@restrepo.co',
      phone: '+57 311 222 3344',
      city: 'Medellín',
      tags: ['feria-2026'],
      version: before.body.version,
    });
    expect(preview.body.survivor.emails.map((e: { value: string }) => e.value)).toEqual(['carlos@restrepo.co', 'car.restrepo@gmail.com']);

    expect((await world.api.get(`/api/v1/contacts/${c.carlos2.id}`, admin)).status).toBe(200);
    expect((await world.api.get(`/api/v1/contacts/${c.carlos.id}`, admin)).body).toEqual(before.body);
    expect((await world.api.get(`/api/v1/contacts/${c.carlos2.id}/notes`, admin)).body.items).toHaveLength(1);
    expect(spy.messages.filter((m) => m.routingKey === 'contacts.contact.merged')).toEqual([]);
  });

  it('refuses bad input (400 naming the field), a stale version (412), a missing one (428)', async () => {
    const post = (body: Record<string, unknown>) => world.api.post('/api/v1/contacts/merge', { primaryId: c.carlos.id, duplicateIds: [c.carlos2.id], ...body }, admin);
    const cases: [Record<string, unknown>, string][] = [
      [{ duplicateIds: [c.carlos.id] }, 'duplicateIds'],
      [{ duplicateIds: [] }, 'duplicateIds'],
      [{ duplicateIds: Array.from({ length: 11 }, () => crypto.randomUUID()) }, 'duplicateIds'],
      [{ fields: { password: c.carlos2.id }, version: 1 }, 'fields.password'],
      [{ fields: { city: crypto.randomUUID() }, version: 1 }, 'fields.city'],
      [{ duplicateIds: [c.acme.id], version: 1 }, 'duplicateIds'],
    ];
    for (const [body, field] of cases) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await post({})).status).toBe(428);
    const stale = await post({ version: 99 });
    expect(stale.status).toBe(412);
    expect((await world.api.get(`/api/v1/contacts/${c.carlos2.id}`, admin)).status).toBe(200);
  });

  it('merges: moves notes and documents, unites the data, hides the duplicate and publishes contacts.contact.merged', async () => {
    const current = await world.api.get(`/api/v1/contacts/${c.carlos.id}`, admin);
    const merged = await world.api.post(
      '/api/v1/contacts/merge',
      { primaryId: c.carlos.id, duplicateIds: [c.carlos2.id], fields: { city: c.carlos2.id }, version: current.body.version },
      admin,
    );
    expect(merged.status).toBe(200);
    expect(merged.body.survivor).toMatchObject({ id: c.carlos.id, city: 'Envigado', phone: '+57 311 222 3344', version: current.body.version + 1 });
    expect(merged.body.takenFrom).toMatchObject({ city: c.carlos2.id });

    const gone = await world.api.get(`/api/v1/contacts/${c.carlos2.id}`, admin);
    expect(gone.status).toBe(404);
    expect(gone.body.mergedIntoId).toBe(c.carlos.id);
    const list = (await world.api.get('/api/v1/contacts?limit=200', admin)).body.items.map((item: { id: string }) => item.id);
    expect(list).toContain(c.carlos.id);
    expect(list).not.toContain(c.carlos2.id);
    expect((await world.api.get('/api/v1/contacts?q=car.restrepo', admin)).body.items.map((item: { id: string }) => item.id)).toEqual([c.carlos.id]);

    const notes = await world.api.get(`/api/v1/contacts/${c.carlos.id}/notes`, admin);
    expect(notes.body.items.map((n: { body: string }) => n.body)).toContain('Pidió cotización de 20 licencias.');
    const documents = await world.api.get(`/api/v1/contacts/${c.carlos.id}/documents`, admin);
    expect(documents.body.items.map((d: { fileName: string }) => d.fileName)).toContain('cotizacion.pdf');
    const timeline = await world.api.get(`/api/v1/contacts/${c.carlos.id}/timeline`, admin);
    expect(timeline.body.items[0]).toMatchObject({ kind: 'merged', details: expect.objectContaining({ mergedIds: [c.carlos2.id] }) });

    const event = await spy.waitForMessage((m) => m.routingKey === 'contacts.contact.merged' && m.body.data.survivorId === c.carlos.id);
    expect(event.body).toMatchObject({
      type: 'contacts.contact.merged',
      subject: c.carlos.id,
      data: { survivorId: c.carlos.id, mergedIds: [c.carlos2.id], mergedBy: expect.any(String), mergedAt: expect.any(String) },
    });
    expect(membersOf(await groupsOf('&reason=email'), 'email')).not.toContainEqual(sorted(c.carlos.id, c.carlos2.id));
    // Merged once is gone: a second merge of it is a 404.
    const again = await world.api.post('/api/v1/contacts/merge', { primaryId: c.carlos.id, duplicateIds: [c.carlos2.id], version: merged.body.survivor.version }, admin);
    expect(again.status).toBe(404);
  });

  it('merging organisations moves their people to the survivor', async () => {
    const primary = await world.api.get(`/api/v1/contacts/${c.ferre.id}`, admin);
    const merged = await world.api.post('/api/v1/contacts/merge', { primaryId: c.ferre.id, duplicateIds: [c.ferre2.id], version: primary.body.version }, admin);
    expect(merged.status).toBe(200);
    expect(merged.body.moved.companyMembers).toBe(1);
    const worker = await world.api.get(`/api/v1/contacts/${c.worker.id}`, admin);
    expect(worker.body).toMatchObject({ companyId: c.ferre.id, version: c.worker.version + 1 });
  });

  it('lets sales merge only contacts they own, and nobody merge another tenant’s', async () => {
    const seller = await world.createUser(['sales']);
    const mine = await world.createContact(seller.token, { firstName: 'Rosa', lastName: 'Díaz', email: 'rosa@diaz.co' });
    const mine2 = await world.createContact(seller.token, { firstName: 'Rosa', lastName: 'Diaz', phone: '3001110000' });
    await world.assign(admin, mine.id, seller.id);
    await world.assign(admin, mine2.id, seller.id);
    const notOwned = await world.createContact(seller.token, { firstName: 'Rosa', lastName: 'Díaz Ruiz' });
    const readPrimary = async () => (await world.api.get(`/api/v1/contacts/${mine.id}`, seller.token)).body.version as number;

    const denied = await world.api.post('/api/v1/contacts/merge', { primaryId: mine.id, duplicateIds: [notOwned.id], version: await readPrimary() }, seller.token);
    expect(denied.status).toBe(403);
    const support = await world.createUser(['support']);
    expect((await world.api.post('/api/v1/contacts/merge', { primaryId: mine.id, duplicateIds: [mine2.id], dryRun: true }, support.token)).status).toBe(403);

    const foreign = await world.createContact(otherTenant.token, { firstName: 'Rosa', lastName: 'Díaz' });
    const crossTenant = await world.api.post('/api/v1/contacts/merge', { primaryId: mine.id, duplicateIds: [foreign.id], version: await readPrimary() }, admin);
    expect(crossTenant.status).toBe(404);
    const fromOtherSide = await world.api.post('/api/v1/contacts/merge', { primaryId: foreign.id, duplicateIds: [mine.id], version: 1 }, otherTenant.token);
    expect(fromOtherSide.status).toBe(404);
    expect((await world.api.get(`/api/v1/contacts/${foreign.id}`, otherTenant.token)).status).toBe(200);

    const allowed = await world.api.post('/api/v1/contacts/merge', { primaryId: mine.id, duplicateIds: [mine2.id], version: await readPrimary() }, seller.token);
    expect(allowed.status).toBe(200);
    expect(allowed.body.survivor).toMatchObject({ email: 'rosa@diaz.co', phone: '3001110000' });
  });
});
