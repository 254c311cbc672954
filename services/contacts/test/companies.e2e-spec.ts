import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CrmWorld, type WorldUser } from '@crm/testing';

describe('companies through the gateway', () => {
  let world: CrmWorld;
  let otherTenant: WorldUser;

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts'] });
    otherTenant = await world.createTenant();
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  const createCompany = (token: string, body: Record<string, unknown>) => world.createContact(token, { kind: 'organization', firstName: undefined, lastName: undefined, ...body });

  it('lists organisations only, by name in keyset pages, and reads one (a person id is 404)', async () => {
    const tag = `emp-${Date.now()}`;
    const names = ['Zeta Ingeniería', 'Alfa Logística', 'Mu Textiles'];
    const companies = [];
    for (const companyName of names) companies.push(await createCompany(world.adminToken, { companyName, tags: [tag] }));
    const person = await world.createContact(world.adminToken, { companyId: companies[0].id });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: { id: string; kind: string; displayName: string }[]; nextCursor: string | null } } = await world.api.get(
        `/api/v1/companies?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        world.adminToken,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.every((item) => item.kind === 'organization')).toBe(true);
      seen.push(...page.body.items.map((item) => item.displayName));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(seen).toEqual(expect.arrayContaining(names));
    expect(seen).not.toContain(person.displayName);

    const one = await world.api.get(`/api/v1/companies/${companies[1].id}`, world.adminToken);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: companies[1].id, kind: 'organization', companyName: 'Alfa Logística' });
    expect(one.headers.get('etag')).toBe('"1"');
    const notACompany = await world.api.get(`/api/v1/companies/${person.id}`, world.adminToken);
    expect(notACompany.status).toBe(404);
    expect(notACompany.headers.get('content-type')).toContain('application/problem+json');
  });

  it('lists the people of a company (companyId) that the caller can see', async () => {
    const team = await world.createTeam(`Ventas ${Date.now()}`);
    const seller = await world.createUser(['sales'], [team]);
    const company = await createCompany(world.adminToken, { companyName: `Andina ${Date.now()}`, teamId: team });
    const shared = await world.createContact(world.adminToken, { companyId: company.id, teamId: team, lastName: 'Compartida' });
    const reserved = await world.createContact(world.adminToken, { companyId: company.id, teamId: team, sharedWithTeam: false, lastName: 'Reservada' });
    await world.createContact(world.adminToken, { lastName: 'SinEmpresa' });

    const asAdmin = await world.api.get(`/api/v1/companies/${company.id}/contacts`, world.adminToken);
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.items.map((c: { id: string }) => c.id).sort()).toEqual([shared.id, reserved.id].sort());

    const asSeller = await world.api.get(`/api/v1/companies/${company.id}/contacts`, seller.token);
    expect(asSeller.status).toBe(200);
    expect(asSeller.body.items.map((c: { id: string }) => c.id)).toEqual([shared.id]);
  });

  it('hides another tenant’s and another team’s companies (404), and their people', async () => {
    const foreign = await createCompany(otherTenant.token, { companyName: 'Ajena S.A.S.' });
    expect((await world.api.get(`/api/v1/companies/${foreign.id}`, world.adminToken)).status).toBe(404);
    expect((await world.api.get(`/api/v1/companies/${foreign.id}/contacts`, world.adminToken)).status).toBe(404);
    const list = await world.api.get('/api/v1/companies?limit=200', world.adminToken);
    expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(foreign.id);

    const [north, south] = [await world.createTeam(`Norte ${Date.now()}`), await world.createTeam(`Sur ${Date.now()}`)];
    const seller = await world.createUser(['sales'], [north]);
    // contacts learns a team from the identity events of its members: give the south one a member.
    await world.createUser(['sales'], [south]);
    const southCompany = await createCompany(world.adminToken, { companyName: `Del Sur ${Date.now()}`, teamId: south });
    expect((await world.api.get(`/api/v1/companies/${southCompany.id}`, seller.token)).status).toBe(404);
    expect((await world.api.get(`/api/v1/companies/${southCompany.id}/contacts`, seller.token)).status).toBe(404);
  });

  it('sets an organisation’s primary contact to one of its people only (400 naming primaryContactId otherwise)', async () => {
    const company = await createCompany(world.adminToken, { companyName: `Primaria ${Date.now()}` });
    const employee = await world.createContact(world.adminToken, { companyId: company.id, position: 'Gerente' });
    const outsider = await world.createContact(world.adminToken);

    const wrong = await world.api.patch(`/api/v1/contacts/${company.id}`, { primaryContactId: outsider.id, version: 1 }, world.adminToken);
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].field).toBe('primaryContactId');
    const onPerson = await world.api.patch(`/api/v1/contacts/${employee.id}`, { primaryContactId: outsider.id, version: 1 }, world.adminToken);
    expect(onPerson.status).toBe(400);
    expect(onPerson.body.errors[0].field).toBe('primaryContactId');

    const set = await world.api.patch(`/api/v1/contacts/${company.id}`, { primaryContactId: employee.id, version: 1 }, world.adminToken);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ primaryContactId: employee.id, version: 2 });
    expect((await world.api.get(`/api/v1/companies/${company.id}`, world.adminToken)).body.primaryContactId).toBe(employee.id);
  });
});
