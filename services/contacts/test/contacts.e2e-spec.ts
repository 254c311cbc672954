import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CrmWorld, type WorldUser } from '@crm/testing';

describe('contacts through the gateway', () => {
  let world: CrmWorld;
  let otherTenant: WorldUser;

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts', 'notifications', 'reporting'] });
    otherTenant = await world.createTenant();
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('refuses callers without a token (401 problem+json)', async () => {
    const response = await world.api.get('/api/v1/contacts');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 401, title: expect.any(String) });
  });

  it('creates a contact (201, Location) and reads it back', async () => {
    const response = await world.api.post(
      '/api/v1/contacts',
      { kind: 'person', firstName: 'María', lastName: 'Gómez', email: 'Maria.Gomez@Example.co', phone: '+57 300 555 0101', city: 'Medellín', country: 'CO', tags: ['feria-2026'] },
      world.adminToken,
    );
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/api/v1/contacts/${response.body.id}`);
    expect(response.body).toMatchObject({ displayName: 'María Gómez', email: 'maria.gomez@example.co', lifecycle: 'contact', version: 1, ownerId: null });

    const read = await world.api.get(`/api/v1/contacts/${response.body.id}`, world.adminToken);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(response.body);
    expect(read.headers.get('etag')).toBe('"1"');
  });

  it('answers a repeated Idempotency-Key with the first contact instead of a second one', async () => {
    const headers = { 'idempotency-key': `form-submit-${Date.now()}` };
    const first = await world.api.post('/api/v1/contacts', { kind: 'organization', companyName: 'Ferretería El Tornillo' }, world.adminToken, headers);
    const again = await world.api.post('/api/v1/contacts', { kind: 'organization', companyName: 'Ferretería El Tornillo' }, world.adminToken, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const list = await world.api.get('/api/v1/contacts?q=Tornillo', world.adminToken);
    expect(list.body.items).toHaveLength(1);
  });

  it('rejects a duplicate e-mail with 409 naming the existing contact', async () => {
    const first = await world.createContact(world.adminToken, { email: 'duplicado@example.co' });
    const second = await world.api.post('/api/v1/contacts', { kind: 'person', firstName: 'Otro', email: 'DUPLICADO@example.co' }, world.adminToken);
    expect(second.status).toBe(409);
    expect(second.body.existingId).toBe(first.id);
  });

  it('pages through the list with keyset cursors, without repeats or gaps', async () => {
    const tag = `page-${Date.now()}`;
    const created = [];
    for (let i = 0; i < 5; i++) created.push(await world.createContact(world.adminToken, { tags: [tag], lastName: `Paginado ${i}` }));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/api/v1/contacts?limit=2&q=Paginado${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await world.api.get(query, world.adminToken);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
    expect(seen).toEqual(created.map((c) => c.id).reverse());
  });

  it('clamps nothing silently: limit over 200 and a 2-letter search are 400s naming the field', async () => {
    const tooMany = await world.api.get('/api/v1/contacts?limit=500', world.adminToken);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'limit' })]));
    const shortSearch = await world.api.get('/api/v1/contacts?q=ab', world.adminToken);
    expect(shortSearch.status).toBe(400);
    expect(shortSearch.body.errors[0].field).toBe('q');
  });

  it('explains bad fields in Spanish by default and in English on request, creating nothing', async () => {
    const body = { kind: 'person', firstName: 'Errores', email: 'no-es-un-correo', phone: 'llámeme', tags: 'vip' };
    const spanish = await world.api.post('/api/v1/contacts', body, world.adminToken);
    expect(spanish.status).toBe(400);
    expect(spanish.body.detail).toBe('Revise los campos indicados.');
    expect(spanish.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'email', message: '«email» debe ser un correo electrónico válido.' },
        { field: 'phone', message: 'phone debe ser un número de teléfono (dígitos, espacios, +, guiones o paréntesis).' },
        { field: 'tags', message: '«tags» debe ser una lista.' },
      ]),
    );
    expect(spanish.body.errors.map((error: { message: string }) => error.message).join(' ')).not.toMatch(/\b(must|should)\b/);
    const english = await world.api.post('/api/v1/contacts', body, world.adminToken, { 'accept-language': 'en' });
    expect(english.status).toBe(400);
    expect(english.body.detail).toBe('Check the fields indicated.');
    expect(english.body.errors).toEqual(expect.arrayContaining([{ field: 'email', message: 'email must be an email' }]));
    const found = await world.api.get('/api/v1/contacts?q=Errores', world.adminToken);
    expect(found.body.items).toEqual([]);
  });

  it('updates with the current version, records the change, and refuses a stale version with 412', async () => {
    const contact = await world.createContact(world.adminToken, { city: 'Cali' });
    const updated = await world.api.patch(`/api/v1/contacts/${contact.id}`, { city: 'Bogotá', version: 1 }, world.adminToken);
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ city: 'Bogotá', version: 2 });

    const stale = await world.api.patch(`/api/v1/contacts/${contact.id}`, { city: 'Pasto' }, world.adminToken, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    const unchanged = await world.api.get(`/api/v1/contacts/${contact.id}`, world.adminToken);
    expect(unchanged.body.city).toBe('Bogotá');

    const timeline = await world.api.get(`/api/v1/contacts/${contact.id}/timeline`, world.adminToken);
    expect(timeline.body.items[0]).toMatchObject({ kind: 'updated', changes: [{ field: 'city', from: 'Cali', to: 'Bogotá' }] });
  });

  it('requires a version on update (428) and refuses unknown or protected fields (400 naming them)', async () => {
    const contact = await world.createContact(world.adminToken);
    const noVersion = await world.api.patch(`/api/v1/contacts/${contact.id}`, { city: 'Cali' }, world.adminToken);
    expect(noVersion.status).toBe(428);
    const unknown = await world.api.patch(`/api/v1/contacts/${contact.id}`, { version: 1, tenantId: otherTenant.id, ownerId: contact.id }, world.adminToken);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['ownerId', 'tenantId']);
    const badCreate = await world.api.post('/api/v1/contacts', { kind: 'person', firstName: 'X', isAdmin: true }, world.adminToken);
    expect(badCreate.status).toBe(400);
    expect(badCreate.body.errors).toEqual([expect.objectContaining({ field: 'isAdmin' })]);
  });

  it('hides one tenant’s contacts from another (404, never 403) and keeps lists apart', async () => {
    const contact = await world.createContact(world.adminToken, { lastName: 'Secreto' });
    const read = await world.api.get(`/api/v1/contacts/${contact.id}`, otherTenant.token);
    expect(read.status).toBe(404);
    const edit = await world.api.patch(`/api/v1/contacts/${contact.id}`, { city: 'X', version: 1 }, otherTenant.token);
    expect(edit.status).toBe(404);
    const list = await world.api.get('/api/v1/contacts?q=Secreto', otherTenant.token);
    expect(list.body.items).toEqual([]);
  });

  it('lets sales see their team’s shared contacts and their own, but not another team’s', async () => {
    const [north, south] = [await world.createTeam(`Norte ${Date.now()}`), await world.createTeam(`Sur ${Date.now()}`)];
    const seller = await world.createUser(['sales'], [north]);
    // contacts learns a team from the identity events of its members: give the south one a member.
    await world.createUser(['sales'], [south]);
    const southContact = await world.createContact(world.adminToken, { teamId: south, lastName: 'DelSur' });
    const northContact = await world.createContact(world.adminToken, { teamId: north, lastName: 'DelNorte' });
    const privateNorth = await world.createContact(world.adminToken, { teamId: north, sharedWithTeam: false, lastName: 'Reservado' });

    expect((await world.api.get(`/api/v1/contacts/${southContact.id}`, seller.token)).status).toBe(404);
    expect((await world.api.get(`/api/v1/contacts/${privateNorth.id}`, seller.token)).status).toBe(404);
    expect((await world.api.get(`/api/v1/contacts/${northContact.id}`, seller.token)).status).toBe(200);

    const own = await world.createContact(seller.token, { lastName: 'Propio', sharedWithTeam: false });
    expect((await world.api.get(`/api/v1/contacts/${own.id}`, seller.token)).status).toBe(200);
    const ids = (await world.api.get('/api/v1/contacts?limit=200', seller.token)).body.items.map((c: { id: string }) => c.id);
    expect(ids).toEqual(expect.arrayContaining([northContact.id, own.id]));
    expect(ids).not.toContain(southContact.id);
    expect(ids).not.toContain(privateNorth.id);
  });

  it('does not let read-only users change anything (403)', async () => {
    const reader = await world.createUser(['readonly']);
    const response = await world.api.post('/api/v1/contacts', { kind: 'person', firstName: 'No' }, reader.token);
    expect(response.status).toBe(403);
  });

  it('assigns an owner, records it and refuses an unknown user', async () => {
    const agent = await world.createUser(['sales']);
    const contact = await world.createContact(world.adminToken);
    const assigned = await world.assign(world.adminToken, contact.id, agent.id);
    expect(assigned.ownerId).toBe(agent.id);
    const seen = await world.api.get(`/api/v1/contacts/${contact.id}`, agent.token);
    expect(seen.status).toBe(200);
    const unknown = await world.api.post(`/api/v1/contacts/${contact.id}/assign`, { ownerId: '7d9e5a4c-0000-4000-8000-000000000001', version: assigned.version }, world.adminToken);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('ownerId');
    const timeline = await world.api.get(`/api/v1/contacts/${contact.id}/timeline`, world.adminToken);
    expect(timeline.body.items.map((e: { kind: string }) => e.kind)).toEqual(['assigned', 'created']);
  });
});

describe('the full contact profile', () => {
  let world: CrmWorld;

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts'] });
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('keeps several e-mails and phones with one primary, the address, segmentation and the company', async () => {
    const company = await world.createContact(world.adminToken, {
      kind: 'organization',
      firstName: undefined,
      lastName: undefined,
      companyName: 'Constructora Andina S.A.S.',
      taxId: '900.123.456-7',
      industry: 'Construcción',
    });
    const response = await world.api.post(
      '/api/v1/contacts',
      {
        kind: 'person',
        firstName: 'Ana',
        lastName: 'Ríos',
        position: 'Jefe de compras',
        companyId: company.id,
        emails: [
          { value: 'ana.rios@andina.co', label: 'work' },
          { value: 'ANA@gmail.com', label: 'home', primary: true },
        ],
        phones: [{ value: '+57 310 000 1111', label: 'whatsapp' }],
        linkedinUrl: 'https://www.linkedin.com/in/ana-rios',
        website: 'https://andina.co',
        street: 'Cra 7 # 71-21',
        city: 'Bogotá',
        region: 'Cundinamarca',
        postalCode: '110231',
        country: 'CO',
        industry: 'Construcción',
        category: 'Distribuidor',
        interestLevel: 'high',
        priority: 'high',
      },
      world.adminToken,
    );
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      email: 'ana@gmail.com',
      phone: '+57 310 000 1111',
      companyId: company.id,
      interestLevel: 'high',
      priority: 'high',
      address: { street: 'Cra 7 # 71-21', city: 'Bogotá', region: 'Cundinamarca', postalCode: '110231', country: 'CO' },
    });
    expect(response.body.emails.filter((e: { primary: boolean }) => e.primary)).toEqual([{ value: 'ana@gmail.com', label: 'home', primary: true }]);

    const switched = await world.api.patch(`/api/v1/contacts/${response.body.id}`, { email: 'ana.rios@andina.co', version: 1 }, world.adminToken);
    expect(switched.status).toBe(200);
    expect(switched.body.email).toBe('ana.rios@andina.co');
    expect(switched.body.emails).toHaveLength(2);

    const cleared = await world.api.patch(`/api/v1/contacts/${response.body.id}`, { tags: null, version: 2 }, world.adminToken);
    expect(cleared.status).toBe(400);
    expect(cleared.body.errors[0].field).toBe('tags');
  });

  it('refuses a company that is a person or belongs to another tenant', async () => {
    const person = await world.createContact(world.adminToken);
    const other = await world.createTenant();
    const foreignCompany = await world.createContact(other.token, { kind: 'organization', companyName: 'Ajena Ltda' });
    for (const companyId of [person.id, foreignCompany.id]) {
      const response = await world.api.post('/api/v1/contacts', { kind: 'person', firstName: 'Pedro', companyId }, world.adminToken);
      expect(response.status).toBe(400);
      expect(response.body.errors[0].field).toBe('companyId');
    }
  });
});
