import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AmqpSpy, ApiClient, TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD, TEST_PLATFORM_API_KEY, TestPlatform, waitFor } from '@crm/testing';
import { jwtClaims } from './jwt-claims.js';

const PASSWORD = 'Sup3r-Secret-Pass!';

describe('identity through the gateway: login, users, teams, tenants', () => {
  let platform: TestPlatform;
  let api: ApiClient;
  let events: AmqpSpy;
  let admin: string;

  const newEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@demo.test`;

  async function createUser(body: Record<string, unknown>, token = admin) {
    return api.post('/api/v1/users', { email: newEmail('u'), name: 'Usuario Prueba', password: PASSWORD, roles: ['sales'], ...body }, token);
  }

  beforeAll(async () => {
    // No grace for a rotated refresh token here: the replay below must be treated as theft at once
    // (the grace window has its own test, refresh-grace.e2e-spec.ts).
    platform = await TestPlatform.start({ services: [], gatewayEnv: { REFRESH_REUSE_GRACE_SECONDS: '0' } });
    api = new ApiClient(platform.gatewayUrl);
    // The gateway declares the exchange once its AMQP connection is up, shortly after it listens.
    events = await waitFor(
      async () => {
        const spy = await AmqpSpy.connect();
        try {
          await spy.listen(`${platform.amqpPrefix}crm.events`, 'identity.#');
          return spy;
        } catch {
          await spy.close();
          return undefined;
        }
      },
      { timeoutMs: 10_000, description: 'the crm.events exchange' },
    );
    admin = await api.login(TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD);
  }, 60_000);

  afterAll(async () => {
    await events?.close();
    await platform?.stop();
  });

  it('logs the seeded demo admin in and says who they are', async () => {
    const login = await api.post('/api/v1/auth/login', { email: 'ADMIN@demo.test', password: TEST_ADMIN_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      user: { email: TEST_ADMIN_EMAIL, roles: ['admin'], locale: 'es', active: true },
      tenant: { slug: 'demo', name: 'Demo' },
    });
    expect(login.body.user.passwordHash).toBeUndefined();
    expect(jwtClaims(login.body.accessToken)).toMatchObject({ sub: login.body.user.id, tid: login.body.tenant.id, roles: ['admin'], kind: 'user', iss: 'crm-gateway', aud: 'crm' });
    const me = await api.get('/api/v1/auth/me', login.body.accessToken);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ kind: 'user', id: login.body.user.id, email: TEST_ADMIN_EMAIL, tenant: { slug: 'demo' } });
  });

  it('answers a wrong password and an unknown e-mail with the same generic 401 problem', async () => {
    const wrong = await api.post('/api/v1/auth/login', { email: TEST_ADMIN_EMAIL, password: 'not-the-password' });
    const unknown = await api.post('/api/v1/auth/login', { email: 'nobody@demo.test', password: 'not-the-password' });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body).toMatchObject({ status: 401, detail: 'Correo o contraseña incorrectos.' });
      expect(JSON.stringify(response.body)).not.toMatch(/stack|at \w+ \(/);
    }
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });

  it('lets the admin create a team and a user who logs in, sees their teams, and is announced by identity.user.created', async () => {
    const team = await api.post('/api/v1/teams', { name: `Ventas ${randomUUID().slice(0, 6)}` }, admin);
    expect(team.status).toBe(201);
    expect(team.headers.get('location')).toBe(`/api/v1/teams/${team.body.id}`);
    const email = newEmail('ana');
    const created = await createUser({ email, name: 'Ana Gómez', roles: ['sales'], teamIds: [team.body.id], locale: 'en' });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/users/${created.body.id}`);
    expect(created.body).toMatchObject({ email, name: 'Ana Gómez', roles: ['sales'], teamIds: [team.body.id], locale: 'en', active: true, version: 1 });

    const token = await api.login(email, PASSWORD);
    const me = await api.get('/api/v1/auth/me', token);
    expect(me.body).toMatchObject({ id: created.body.id, teamIds: [team.body.id], roles: ['sales'] });
    expect(jwtClaims(token)).toMatchObject({ teams: [team.body.id], roles: ['sales'] });

    const event = await events.waitForMessage((m) => m.routingKey === 'identity.user.created' && m.body.subject === created.body.id);
    expect(event.body).toMatchObject({
      specversion: '1.0',
      source: 'crm/gateway',
      type: 'identity.user.created',
      tenantid: created.body.tenantId,
      data: { userId: created.body.id, email, name: 'Ana Gómez', roles: ['sales'], teamIds: [team.body.id], active: true, locale: 'en', version: 1 },
    });
  });

  it('refuses user administration to a sales user (403) and lets a manager list but not create', async () => {
    const sales = await createUser({ roles: ['sales'] });
    const manager = await createUser({ roles: ['manager'] });
    const salesToken = await api.login(sales.body.email, PASSWORD);
    const managerToken = await api.login(manager.body.email, PASSWORD);
    expect((await createUser({}, salesToken)).status).toBe(403);
    expect((await api.get('/api/v1/users', salesToken)).status).toBe(403);
    expect((await api.get('/api/v1/users', managerToken)).status).toBe(200);
    const byManager = await createUser({}, managerToken);
    expect(byManager.status).toBe(403);
    expect(byManager.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers a duplicate e-mail (any case) with 409 naming the existing user', async () => {
    const email = newEmail('dup');
    const first = await createUser({ email });
    const second = await createUser({ email: email.toUpperCase() });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ status: 409, existingId: first.body.id });
  });

  it('refuses unknown fields with a 400 naming them, and never lets a body pick the tenant', async () => {
    const response = await createUser({ tenantId: randomUUID(), isAdmin: true });
    expect(response.status).toBe(400);
    const fields = response.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['tenantId', 'isAdmin']));
  });

  it('updates a user with optimistic locking: stale version → 412, If-Match works, identity.user.updated follows', async () => {
    const user = await createUser({ roles: ['sales'] });
    const id = user.body.id as string;
    const renamed = await api.patch(`/api/v1/users/${id}`, { name: 'Nombre Nuevo', roles: ['support'], version: 1 }, admin);
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Nombre Nuevo', roles: ['support'], version: 2 });
    expect(renamed.headers.get('etag')).toBe('"2"');

    const stale = await api.patch(`/api/v1/users/${id}`, { name: 'Otro', version: 1 }, admin);
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ status: 412, currentVersion: 2 });

    const noVersion = await api.patch(`/api/v1/users/${id}`, { name: 'Otro' }, admin);
    expect(noVersion.status).toBe(428);

    const viaIfMatch = await api.patch(`/api/v1/users/${id}`, { locale: 'en' }, admin, { 'if-match': '"2"' });
    expect(viaIfMatch.status).toBe(200);
    expect(viaIfMatch.body).toMatchObject({ locale: 'en', version: 3, name: 'Nombre Nuevo' });

    const event = await events.waitForMessage((m) => m.routingKey === 'identity.user.updated' && m.body.subject === id && m.body.data.version === 3);
    expect(event.body.data).toMatchObject({ userId: id, roles: ['support'], locale: 'en', name: 'Nombre Nuevo' });
  });

  it('changes a password and deactivates a user: old password and old sessions stop working', async () => {
    const user = await createUser({ roles: ['sales'] });
    const login = await api.post('/api/v1/auth/login', { email: user.body.email, password: PASSWORD });
    const changed = await api.patch(`/api/v1/users/${user.body.id}`, { password: 'Brand-New-Pass-42', version: 1 }, admin);
    expect(changed.status).toBe(200);
    expect((await api.post('/api/v1/auth/login', { email: user.body.email, password: PASSWORD })).status).toBe(401);
    expect((await api.post('/api/v1/auth/refresh', { refreshToken: login.body.refreshToken })).status).toBe(401);
    expect((await api.post('/api/v1/auth/login', { email: user.body.email, password: 'Brand-New-Pass-42' })).status).toBe(200);
    const deactivated = await api.patch(`/api/v1/users/${user.body.id}`, { active: false, version: 2 }, admin);
    expect(deactivated.body.active).toBe(false);
    expect((await api.post('/api/v1/auth/login', { email: user.body.email, password: 'Brand-New-Pass-42' })).status).toBe(401);
  });

  it('rotates refresh tokens and revokes the whole family when an old one is replayed', async () => {
    const login = await api.post('/api/v1/auth/login', { email: TEST_ADMIN_EMAIL, password: TEST_ADMIN_PASSWORD });
    const first = await api.post('/api/v1/auth/refresh', { refreshToken: login.body.refreshToken });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(login.body.refreshToken);
    expect((await api.get('/api/v1/auth/me', first.body.accessToken)).status).toBe(200);
    const replay = await api.post('/api/v1/auth/refresh', { refreshToken: login.body.refreshToken });
    expect(replay.status).toBe(401);
    // The thief's replay also locks out the token issued after it.
    expect((await api.post('/api/v1/auth/refresh', { refreshToken: first.body.refreshToken })).status).toBe(401);
  });

  it('lists users and teams in keyset pages', async () => {
    const marker = randomUUID().slice(0, 6);
    for (let i = 0; i < 5; i++) expect((await createUser({ name: `Página ${marker} ${i}` })).status).toBe(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: { name: string }[]; nextCursor: string | null } } = await api.get(
        `/api/v1/users?limit=2&q=${marker}${cursor ? `&cursor=${cursor}` : ''}`,
        admin,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((u) => u.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([0, 1, 2, 3, 4].map((i) => `Página ${marker} ${i}`));
    expect((await api.get('/api/v1/users?limit=500', admin)).status).toBe(400);
    expect((await api.get('/api/v1/users?cursor=garbage', admin)).status).toBe(400);
    const teams = await api.get('/api/v1/teams?limit=1', admin);
    expect(teams.status).toBe(200);
  });

  it('renames teams with optimistic locking and refuses a duplicate name (any case) with 409', async () => {
    const name = `Soporte ${randomUUID().slice(0, 6)}`;
    const team = await api.post('/api/v1/teams', { name }, admin);
    const other = await api.post('/api/v1/teams', { name: `${name} Norte` }, admin);
    expect(await api.post('/api/v1/teams', { name: name.toUpperCase() }, admin)).toMatchObject({ status: 409, body: { existingId: team.body.id } });
    const renamed = await api.patch(`/api/v1/teams/${team.body.id}`, { name: `${name} Sur`, description: 'Zona sur' }, admin, { 'if-match': '"1"' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: `${name} Sur`, description: 'Zona sur', version: 2 });
    expect((await api.patch(`/api/v1/teams/${team.body.id}`, { name: 'x', version: 1 }, admin)).status).toBe(412);
    expect((await api.patch(`/api/v1/teams/${other.body.id}`, { name: `${name} sur`, version: 1 }, admin)).status).toBe(409);
    expect((await api.get(`/api/v1/teams/${team.body.id}`, admin)).headers.get('etag')).toBe('"2"');
  });

  it('announces team creation and changes with identity.team.created / identity.team.updated, and nothing for a refused change', async () => {
    const name = `Cartera ${randomUUID().slice(0, 6)}`;
    const team = await api.post('/api/v1/teams', { name, description: 'Cobros' }, admin);
    expect(team.status).toBe(201);
    const created = await events.waitForMessage((m) => m.routingKey === 'identity.team.created' && m.body.subject === team.body.id);
    expect(created.body).toMatchObject({ type: 'identity.team.created', source: 'crm/gateway', tenantid: team.body.tenantId });
    expect(created.body.data).toEqual({ teamId: team.body.id, name, description: 'Cobros', active: true, version: 1, occurredAt: expect.any(String) });

    expect((await api.patch(`/api/v1/teams/${team.body.id}`, { name: 'otro', version: 7 }, admin)).status).toBe(412);
    const renamed = await api.patch(`/api/v1/teams/${team.body.id}`, { name: `${name} Norte`, version: 1 }, admin);
    expect(renamed.status).toBe(200);
    const updated = await events.waitForMessage((m) => m.routingKey === 'identity.team.updated' && m.body.subject === team.body.id);
    expect(updated.body.data).toMatchObject({ teamId: team.body.id, name: `${name} Norte`, description: 'Cobros', active: true, version: 2 });
    expect(events.messages.filter((m) => m.routingKey === 'identity.team.updated' && m.body.subject === team.body.id)).toHaveLength(1);
  });

  it('sorts and filters the user list', async () => {
    const marker = randomUUID().slice(0, 6);
    for (const name of ['Carla', 'alberto', 'Bruno']) await createUser({ name: `${name} ${marker}` });
    const byName = await api.get(`/api/v1/users?q=${marker}&sort=name`, admin);
    expect(byName.body.items.map((u: { name: string }) => u.name.split(' ')[0])).toEqual(['alberto', 'Bruno', 'Carla']);
    const newest = await api.get(`/api/v1/users?q=${marker}&sort=-createdAt&limit=1`, admin);
    expect(newest.body.items[0].name).toBe(`Bruno ${marker}`);
    const next = await api.get(`/api/v1/users?q=${marker}&sort=-createdAt&limit=1&cursor=${newest.body.nextCursor}`, admin);
    expect(next.body.items[0].name).toBe(`alberto ${marker}`);
    const admins = await api.get('/api/v1/users?role=admin&active=true', admin);
    expect(admins.body.items.map((u: { email: string }) => u.email)).toEqual([TEST_ADMIN_EMAIL]);
  });

  it('creates a second tenant with the platform key; its admin cannot see the first tenant (404) nor log in there', async () => {
    const user = await createUser({});
    const slug = `t-${randomUUID().slice(0, 8)}`;
    const body = { tenantName: 'Otra Empresa S.A.S.', slug, adminEmail: `admin@${slug}.test`, adminName: 'Otra Admin', adminPassword: 'Other-Tenant-Pass-1!' };
    expect((await api.post('/api/v1/platform/tenants', body)).status).toBe(401);
    expect((await api.post('/api/v1/platform/tenants', body, undefined, { 'x-platform-key': 'wrong-key-0123456789' })).status).toBe(401);
    const created = await api.post('/api/v1/platform/tenants', body, undefined, { 'x-platform-key': TEST_PLATFORM_API_KEY });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ tenant: { slug, name: 'Otra Empresa S.A.S.' }, admin: { email: `admin@${slug}.test`, roles: ['admin'] } });
    const again = await api.post('/api/v1/platform/tenants', body, undefined, { 'x-platform-key': TEST_PLATFORM_API_KEY });
    expect(again).toMatchObject({ status: 409, body: { existingId: created.body.tenant.id } });

    const other = await api.login(`admin@${slug}.test`, 'Other-Tenant-Pass-1!');
    expect((await api.get(`/api/v1/users/${user.body.id}`, other)).status).toBe(404);
    expect((await api.patch(`/api/v1/users/${user.body.id}`, { name: 'x', version: 1 }, other)).status).toBe(404);
    const list = await api.get('/api/v1/users?limit=200', other);
    expect(list.body.items.map((u: { id: string }) => u.id)).toEqual([created.body.admin.id]);
    // The same e-mail may exist in both tenants; the slug tells them apart at login.
    const twin = await createUser({ email: `admin@${slug}.test` });
    expect(twin.status).toBe(201);
    const ambiguous = await api.post('/api/v1/auth/login', { email: `admin@${slug}.test`, password: PASSWORD });
    expect(ambiguous.status).toBe(200);
    expect(ambiguous.body.tenant.slug).toBe('demo');
    expect((await api.post('/api/v1/auth/login', { email: `admin@${slug}.test`, password: PASSWORD, tenant: slug })).status).toBe(401);

    // A team id of the first tenant is unknown in the second.
    const demoTeam = await api.post('/api/v1/teams', { name: `Equipo ${slug}` }, admin);
    const foreignTeam = await createUser({ teamIds: [demoTeam.body.id] }, other);
    expect(foreignTeam.status).toBe(400);
    expect(foreignTeam.body.errors[0].field).toBe('teamIds');
    expect((await api.get(`/api/v1/teams/${demoTeam.body.id}`, other)).status).toBe(404);
  });

  it('keeps at least one active admin in a tenant', async () => {
    const me = await api.get('/api/v1/auth/me', admin);
    const response = await api.patch(`/api/v1/users/${me.body.id}`, { roles: ['sales'], version: me.body.version }, admin);
    expect(response.status).toBe(409);
  });

  it('puts security headers on every response and no CORS allowance by default', async () => {
    const response = await api.request('GET', '/api/v1/auth/me', { token: admin, headers: { origin: 'https://evil.example' } });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });
});
