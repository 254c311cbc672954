import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CrmWorld, type WorldUser } from '@crm/testing';

type Item = { id: string; displayName: string };

describe('contact search and filters through the gateway', () => {
  let world: CrmWorld;
  let admin: string;
  let org: { id: string };
  let jose: { id: string };
  let maria: { id: string };
  let ana: { id: string };
  let cafe: { id: string };
  let alvaro: { id: string };
  let hidden: { id: string };
  let seller: WorldUser;
  let sourceId: string;
  let interestId: string;
  let north: string;

  const idsOf = async (query: string, token = admin): Promise<string[]> => {
    const response = await world.api.get(`/api/v1/contacts?limit=200&${query}`, token);
    expect(response.status).toBe(200);
    return response.body.items.map((item: Item) => item.id);
  };

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts'] });
    admin = world.adminToken;
    north = await world.createTeam('Norte');
    const south = await world.createTeam('Sur');
    seller = await world.createUser(['sales'], [north]);
    // contacts learns a team from the identity events of its members: give the south one a member.
    await world.createUser(['sales'], [south]);
    sourceId = (await world.api.post('/api/v1/sources', { name: 'Feria Expoconstrucción', channel: 'trade_show' }, admin)).body.id;
    interestId = (await world.api.post('/api/v1/interests', { name: 'Licencias ERP' }, admin)).body.id;

    org = await world.createContact(admin, {
      kind: 'organization',
      companyName: 'Distribuciones Andina S.A.S.',
      taxId: '900.123.456-7',
      city: 'Bogotá',
      country: 'CO',
      industry: 'Tecnología',
      lifecycle: 'customer',
    });
    jose = await world.createContact(admin, {
      firstName: 'José',
      lastName: 'Pérez',
      companyId: org.id,
      email: 'jperez@correo.co',
      emails: [
        { value: 'jperez@correo.co', primary: true },
        { value: 'jp@gmail.com', label: 'home' },
      ],
      phone: '+57 300 123 4567',
      taxId: '1.020.345.678',
      city: 'Medellín',
      country: 'CO',
      tags: ['vip', 'feria-2026'],
      lifecycle: 'prospect',
      priority: 'high',
      interestLevel: 'high',
      sourceId,
      interestIds: [interestId],
      category: 'A',
      industry: 'Salud',
      teamId: north,
    });
    maria = await world.createContact(admin, {
      firstName: 'María',
      lastName: 'Gómez',
      companyName: 'Ferretería El Tornillo',
      city: 'Cali',
      country: 'CO',
      tags: ['newsletter'],
      lifecycle: 'customer',
      priority: 'low',
    });
    ana = await world.createContact(admin, { firstName: 'Ana', lastName: 'Zapata', city: 'Madrid', country: 'ES', lifecycle: 'supplier', phone: '+34 612 345 678' });
    cafe = await world.createContact(admin, { kind: 'organization', companyName: 'Café del Sur', city: 'BOGOTA', country: 'CO' });
    alvaro = await world.createContact(admin, { firstName: 'Álvaro', lastName: 'Ñáñez', city: 'Pasto', country: 'CO' });
    hidden = await world.createContact(admin, { firstName: 'Inés', lastName: 'Reservadísima', teamId: south, sharedWithTeam: false, city: 'Cali' });
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('finds names ignoring accents, case and word order', async () => {
    expect(await idsOf('q=jose')).toEqual([jose.id]);
    expect(await idsOf('q=P%C3%89REZ')).toEqual([jose.id]);
    expect(await idsOf(`q=${encodeURIComponent('perez jose')}`)).toEqual([jose.id]);
    expect(await idsOf('q=nanez')).toEqual([alvaro.id]);
  });

  it('finds every e-mail of a contact, not only the primary one', async () => {
    expect(await idsOf('q=jp%40gmail')).toEqual([jose.id]);
    expect(await idsOf('q=jperez%40correo.co')).toEqual([jose.id]);
  });

  it('finds phones by their digits whatever the format', async () => {
    for (const q of ['3001234567', '300-123-4567', '+57 300 123 4567', '(300) 123 45 67']) expect(await idsOf(`q=${encodeURIComponent(q)}`)).toEqual([jose.id]);
    expect(await idsOf('q=612345678')).toEqual([ana.id]);
  });

  it('finds tax ids with or without dots and dashes', async () => {
    expect(await idsOf('q=9001234567')).toEqual([org.id]);
    expect(await idsOf(`q=${encodeURIComponent('900.123.456-7')}`)).toEqual([org.id]);
    expect(await idsOf('q=1020345678')).toEqual([jose.id]);
  });

  it('finds people by their free-text company and by their linked organisation, which follows a rename', async () => {
    expect(await idsOf('q=tornillo')).toEqual([maria.id]);
    expect((await idsOf('q=andina')).sort()).toEqual([org.id, jose.id].sort());
    const current = await world.api.get(`/api/v1/contacts/${org.id}`, admin);
    const renamed = await world.api.patch(`/api/v1/contacts/${org.id}`, { companyName: 'Distribuciones Cordillera S.A.S.', version: current.body.version }, admin);
    expect(renamed.status).toBe(200);
    expect((await idsOf('q=cordillera')).sort()).toEqual([org.id, jose.id].sort());
    expect(await idsOf('q=andina')).toEqual([]);
  });

  it('filters on each field, several values as a comma list or a repeated parameter', async () => {
    expect((await idsOf('kind=organization')).sort()).toEqual([org.id, cafe.id].sort());
    expect((await idsOf('lifecycle=customer,supplier')).sort()).toEqual([org.id, maria.id, ana.id].sort());
    expect((await idsOf('lifecycle=customer&lifecycle=supplier')).sort()).toEqual([org.id, maria.id, ana.id].sort());
    expect(await idsOf('industry=tecnologia')).toEqual([org.id]);
    expect(await idsOf('category=a')).toEqual([jose.id]);
    expect((await idsOf('city=bogota')).sort()).toEqual([org.id, cafe.id].sort());
    expect(await idsOf('country=es')).toEqual([ana.id]);
    expect((await idsOf('tags=vip&tags=newsletter')).sort()).toEqual([jose.id, maria.id].sort());
    expect(await idsOf(`sourceId=${sourceId}`)).toEqual([jose.id]);
    expect(await idsOf(`interestId=${interestId}`)).toEqual([jose.id]);
    expect(await idsOf(`teamId=${north}&priority=high&interestLevel=high`)).toEqual([jose.id]);
    expect((await idsOf('priority=low')).sort()).toEqual([maria.id]);
    // Several broad filters at once (served by the facets index), single and multi-valued.
    expect((await idsOf('lifecycle=customer,supplier&country=co,es&kind=person')).sort()).toEqual([maria.id, ana.id].sort());
    expect(await idsOf('kind=organization&city=bogota&industry=tecnologia&lifecycle=customer')).toEqual([org.id]);
    expect(await idsOf('kind=organization&city=cali&lifecycle=customer')).toEqual([]);
    // Filters combine with the search box.
    expect(await idsOf('q=gomez&city=medellin')).toEqual([]);
    expect(await idsOf('q=gomez&city=cali')).toEqual([maria.id]);
  });

  it('filters by owner, "none" meaning unassigned', async () => {
    await world.assign(admin, ana.id, seller.id);
    expect(await idsOf(`ownerId=${seller.id}`)).toEqual([ana.id]);
    const unassigned = await idsOf('ownerId=none');
    expect(unassigned).toContain(maria.id);
    expect(unassigned).not.toContain(ana.id);
    expect((await idsOf(`ownerId=none,${seller.id}&city=madrid,cali`)).sort()).toEqual([maria.id, ana.id, hidden.id].sort());
  });

  it('filters by creation date (a date alone is the whole UTC day)', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect(await idsOf(`createdFrom=${tomorrow}`)).toEqual([]);
    expect(await idsOf(`createdTo=${yesterday}`)).toEqual([]);
    expect(await idsOf(`createdFrom=${today}&createdTo=${today}&q=jose`)).toEqual([jose.id]);
    const bad = await world.api.get(`/api/v1/contacts?createdFrom=${today}&createdTo=${yesterday}`, admin);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('createdTo');
  });

  it('sorts by name alphabetically ignoring accents, and pages with keyset cursors in that order', async () => {
    const all = (await world.api.get('/api/v1/contacts?sort=displayName&limit=200', admin)).body.items.map((item: Item) => item.displayName);
    expect(all.slice(0, 3)).toEqual(['Álvaro Ñáñez', 'Ana Zapata', 'Café del Sur']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: Item[]; nextCursor: string | null } } = await world.api.get(
        `/api/v1/contacts?sort=displayName&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        admin,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((item) => item.displayName));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    const descending = (await world.api.get('/api/v1/contacts?sort=-displayName&limit=200', admin)).body.items.map((item: Item) => item.displayName);
    expect(descending).toEqual([...all].reverse());
  });

  it('sorts by last change and pages by creation without repeats', async () => {
    const current = await world.api.get(`/api/v1/contacts/${cafe.id}`, admin);
    await world.api.patch(`/api/v1/contacts/${cafe.id}`, { category: 'B', version: current.body.version }, admin);
    expect((await idsOf('sort=-updatedAt'))[0]).toBe(cafe.id);
    const first = await world.api.get('/api/v1/contacts?limit=3&sort=createdAt', admin);
    const second = await world.api.get(`/api/v1/contacts?limit=3&sort=createdAt&cursor=${first.body.nextCursor}`, admin);
    expect([...first.body.items, ...second.body.items].map((item: Item) => item.id).slice(0, 4)).toEqual([org.id, jose.id, maria.id, ana.id]);
  });

  it('refuses a search under 3 characters and bad filters or cursors with 400 naming the field', async () => {
    for (const [query, field] of [
      ['q=ab', 'q'],
      ['q=a%20b%20c', 'q'],
      ['kind=robot', 'kind'],
      ['ownerId=someone', 'ownerId'],
      ['createdFrom=2026-13-01', 'createdFrom'],
      ['country=Colombia', 'country'],
      ['sort=email', 'sort'],
      ['cursor=bm9wZQ', 'cursor'],
    ]) {
      const response = await world.api.get(`/api/v1/contacts?${query}`, admin);
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const byName = await world.api.get('/api/v1/contacts?sort=displayName&limit=1', admin);
    const mixed = await world.api.get(`/api/v1/contacts?sort=createdAt&cursor=${byName.body.nextCursor}`, admin);
    expect(mixed.status).toBe(400);
  });

  it('never finds what the caller may not see: another team’s private contact, another tenant', async () => {
    expect(await idsOf('q=reservadisima')).toEqual([hidden.id]);
    expect(await idsOf('q=reservadisima', seller.token)).toEqual([]);
    expect(await idsOf('city=cali', seller.token)).toEqual([]);
    expect(await idsOf('q=jose', seller.token)).toEqual([jose.id]); // shared with his team
    const other = await world.createTenant();
    expect(await idsOf('q=jose', other.token)).toEqual([]);
    expect(await idsOf(`sourceId=${sourceId}`, other.token)).toEqual([]);
  });
});
