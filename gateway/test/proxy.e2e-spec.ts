import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiClient, freePort, TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD, TEST_METRICS_TOKEN, TestPlatform } from '@crm/testing';
import { HangingUpstream, binaryPattern, DOWNLOAD_BYTES, FakeUpstream, type SeenRequest } from './fake-upstream.js';
import { jwtClaims } from './jwt-claims.js';

const UPLOAD_BYTES = 25 * 1024 * 1024;

describe('the gateway proxy, with stand-in services', () => {
  let platform: TestPlatform;
  let api: ApiClient;
  let contacts: FakeUpstream;
  let tickets: HangingUpstream;
  let admin: string;

  beforeAll(async () => {
    [contacts, tickets] = await Promise.all([FakeUpstream.start(), HangingUpstream.start()]);
    const closed = async () => `http://127.0.0.1:${await freePort()}`;
    platform = await TestPlatform.start({
      services: [],
      env: {
        CONTACTS_URL: contacts.url,
        TICKETS_URL: tickets.url,
        OPPORTUNITIES_URL: await closed(),
        NOTIFICATIONS_URL: await closed(),
        REPORTING_URL: await closed(),
        PROXY_TIMEOUT_MS: '800',
        LOGIN_RATE_LIMIT: '3',
        PUBLIC_RATE_LIMIT: '4',
        CORS_ORIGINS: 'https://app.crm.example',
      },
    });
    api = new ApiClient(platform.gatewayUrl);
    admin = await api.login(TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD);
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
    await Promise.all([contacts?.stop(), tickets?.stop()]);
  });

  it('refuses a proxied route without a valid token before reaching the service', async () => {
    const before = contacts.seen.length;
    const none = await api.get('/api/v1/contacts');
    const forged = await api.get('/api/v1/contacts', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.');
    for (const response of [none, forged]) {
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(contacts.seen.length).toBe(before);
  });

  it('forwards method, path, query and the allowed headers; sets X-Forwarded-*; drops cookies and spoofed X-Forwarded-For', async () => {
    const response = await api.request('PATCH', '/api/v1/contacts/abc/notes?limit=5&q=caf%C3%A9', {
      body: { text: 'hola' },
      token: admin,
      headers: { 'x-request-id': 'req-123', 'if-match': '"4"', 'idempotency-key': 'idem-1', 'accept-language': 'en', cookie: 'session=secret', 'x-forwarded-for': '6.6.6.6' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-upstream')).toBe('fake');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    const seen = response.body as SeenRequest;
    expect(seen).toMatchObject({ method: 'PATCH', url: '/api/v1/contacts/abc/notes?limit=5&q=caf%C3%A9' });
    expect(seen.headers).toMatchObject({
      authorization: `Bearer ${admin}`,
      'x-request-id': 'req-123',
      'if-match': '"4"',
      'idempotency-key': 'idem-1',
      'accept-language': 'en',
      'content-type': 'application/json',
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-proto': 'http',
      'x-forwarded-host': new URL(platform.gatewayUrl).host,
    });
    expect(seen.headers.cookie).toBeUndefined();
    expect(seen.sha256).toBe(
      createHash('sha256')
        .update(JSON.stringify({ text: 'hola' }))
        .digest('hex'),
    );

    const generated = await api.get('/api/v1/companies', admin);
    expect(generated.body.headers['x-request-id']).toBe(generated.headers.get('x-request-id'));
  });

  it('streams a 25 MB upload through untouched, with a known length and chunked', async () => {
    const bytes = binaryPattern(UPLOAD_BYTES);
    const digest = createHash('sha256').update(bytes).digest('hex');
    const sized = await fetch(`${platform.gatewayUrl}/api/v1/contacts/c1/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    expect(sized.status).toBe(200);
    expect(await sized.json()).toMatchObject({ bytes: UPLOAD_BYTES, sha256: digest });

    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'grande.pdf');
    const multipart = await fetch(`${platform.gatewayUrl}/api/v1/contacts/c1/documents`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: form });
    expect(multipart.status).toBe(200);
    const seenMultipart = (await multipart.json()) as SeenRequest;
    expect(seenMultipart.bytes).toBeGreaterThan(UPLOAD_BYTES);
    expect(seenMultipart.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);

    const chunks = [bytes.subarray(0, 1_000_000), bytes.subarray(1_000_000)];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(new Uint8Array(next));
        else controller.close();
      },
    });
    const chunked = await fetch(`${platform.gatewayUrl}/api/v1/contacts/c1/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/octet-stream' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(200);
    expect(await chunked.json()).toMatchObject({ bytes: UPLOAD_BYTES, sha256: digest });
  });

  it('passes a binary download through byte for byte, with its headers', async () => {
    const response = await fetch(`${platform.gatewayUrl}/api/v1/contacts/download`, { headers: { authorization: `Bearer ${admin}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toContain('attachment');
    expect(Buffer.from(await response.arrayBuffer()).equals(binaryPattern(DOWNLOAD_BYTES))).toBe(true);
  });

  it('answers 503 problem+json when a service is down, and 504 when it hangs', async () => {
    const down = await api.get('/api/v1/reports/dashboard?from=2026-01-01', admin);
    expect(down.status).toBe(503);
    expect(down.headers.get('content-type')).toContain('application/problem+json');
    expect(down.headers.get('retry-after')).toBeTruthy();
    expect(down.body).toMatchObject({ status: 503, upstream: 'reporting' });

    const hung = await api.get('/api/v1/tickets', admin);
    expect(hung.status).toBe(504);
    expect(hung.body).toMatchObject({ status: 504, upstream: 'tickets' });
  });

  it('lets an integration call services with an API key, which services only ever see as a short-lived JWT, until it is revoked', async () => {
    const created = await api.post('/api/v1/api-keys', { name: 'ERP ventas', scopes: ['contacts:read', 'contacts:write'] }, admin);
    expect(created.status).toBe(201);
    const key = created.body.key as string;
    expect(key).toMatch(/^crm_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const list = await api.get('/api/v1/api-keys', admin);
    expect(list.body.items[0]).toMatchObject({ id: created.body.id, name: 'ERP ventas', prefix: created.body.prefix, revokedAt: null });
    expect(JSON.stringify(list.body)).not.toContain(key);

    const viaHeader = await api.get('/api/v1/contacts?page=1', undefined, { authorization: `ApiKey ${key}` });
    expect(viaHeader.status).toBe(200);
    const forwarded = viaHeader.body.headers.authorization as string;
    expect(forwarded).toMatch(/^Bearer /);
    expect(forwarded).not.toContain(key);
    const claims = jwtClaims(forwarded.slice(7));
    expect(claims).toMatchObject({ kind: 'api-key', sub: created.body.id, scopes: ['contacts:read', 'contacts:write'], roles: [] });
    expect(Number(claims.exp) - Number(claims.iat)).toBeLessThanOrEqual(60);

    const viaXApiKey = await api.get('/api/v1/contacts', undefined, { 'x-api-key': key });
    expect(viaXApiKey.status).toBe(200);
    expect(viaXApiKey.body.headers['x-api-key']).toBeUndefined();
    const me = await api.get('/api/v1/auth/me', undefined, { 'x-api-key': key });
    expect(me.body).toMatchObject({ kind: 'api-key', id: created.body.id, scopes: ['contacts:read', 'contacts:write'], tenant: { slug: 'demo' } });
    expect((await api.get('/api/v1/users', undefined, { 'x-api-key': key })).status).toBe(403);

    expect((await api.delete(`/api/v1/api-keys/${created.body.id}`, admin)).status).toBe(204);
    const revoked = await api.get('/api/v1/contacts', undefined, { authorization: `ApiKey ${key}` });
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get('content-type')).toContain('application/problem+json');
    expect((await api.get('/api/v1/contacts', undefined, { 'x-api-key': 'crm_000000000000_not-a-real-key' })).status).toBe(401);
  });

  it('forwards public endpoints without a token, rate limited per client', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 5; i++) {
      last = await api.post('/api/v1/public/forms/web/submissions', { email: 'lead@cliente.co' });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    expect(last!.headers.get('retry-after')).toMatch(/^\d+$/);
    const seen = contacts.seen.filter((r) => r.url.startsWith('/api/v1/public/forms'));
    expect(seen).toHaveLength(4);
    expect(seen[0]!.headers.authorization).toBeUndefined();
  });

  it('routes dead-letter administration to the service named in ?service=, for admins only', async () => {
    const list = await api.get('/api/v1/admin/dead-letters?service=contacts&limit=5', admin);
    expect(list.status).toBe(200);
    expect(list.body.url).toBe('/api/v1/admin/dead-letters?limit=5');
    const replay = await api.post('/api/v1/admin/dead-letters/6f1c2c1e-9d7b-4f53-9a53-3f0b1b1f2a11/replay?service=contacts', undefined, admin);
    expect(replay.body).toMatchObject({ method: 'POST', url: '/api/v1/admin/dead-letters/6f1c2c1e-9d7b-4f53-9a53-3f0b1b1f2a11/replay' });
    const unknown = await api.get('/api/v1/admin/dead-letters?service=billing', admin);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('service');
    const sales = await api.post('/api/v1/users', { email: 'dl-sales@demo.test', name: 'Ventas', password: 'Sup3r-Secret-Pass!', roles: ['sales'] }, admin);
    const salesToken = await api.login(sales.body.email, 'Sup3r-Secret-Pass!');
    expect((await api.get('/api/v1/admin/dead-letters?service=contacts', salesToken)).status).toBe(403);
  });

  it('rate limits logins per IP and e-mail with 429 problem+json and Retry-After', async () => {
    const attempt = (email: string) => api.post('/api/v1/auth/login', { email, password: 'wrong-password' });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt('victim@demo.test')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await attempt('victim@demo.test');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await attempt('someone-else@demo.test')).status).toBe(401);
  });

  it('reports every part on /health: 503 while some services are down', async () => {
    const health = await api.get('/health');
    expect(health.status).toBe(503);
    expect(health.body.checks).toMatchObject({
      postgres: { status: 'up' },
      rabbitmq: { status: 'up' },
      s3: { status: 'up' },
      contacts: { status: 'up' },
      tickets: { status: 'up' },
      reporting: { status: 'down' },
      opportunities: { status: 'down' },
      notifications: { status: 'down' },
    });
    const live = await api.get('/health/live');
    expect(live).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('exposes upstream latency and errors on /metrics', async () => {
    const metrics = await api.get('/metrics', TEST_METRICS_TOKEN);
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatch(/gateway_upstream_duration_seconds_bucket\{[^}]*upstream="contacts"/);
    const errors = (upstream: string, reason: string) =>
      metrics.body.split('\n').find((line: string) => line.startsWith('gateway_upstream_errors_total{') && line.includes(`upstream="${upstream}"`) && line.includes(`reason="${reason}"`));
    expect(errors('reporting', 'refused')).toMatch(/ [1-9]\d*$/);
    expect(errors('tickets', 'timeout')).toMatch(/ [1-9]\d*$/);
  });

  it('serves the merged OpenAPI document, Swagger UI and the AsyncAPI document', async () => {
    const openapi = await api.get('/api/docs/openapi.json');
    expect(openapi.status).toBe(200);
    expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/users', '/api/v1/api-keys', '/api/v1/contacts']));
    expect(openapi.body.components.schemas.contacts_LoginDto).toBeDefined();
    expect(openapi.body['x-unavailable-services']).toEqual(expect.arrayContaining(['reporting', 'tickets', 'opportunities', 'notifications']));
    expect(openapi.headers.get('x-unavailable-services')).toContain('reporting');

    const ui = await api.get('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.headers.get('content-type')).toContain('text/html');
    expect(ui.headers.get('content-security-policy')).toContain("script-src 'self'");

    const yaml = await api.get('/api/docs/asyncapi');
    expect(yaml.status).toBe(200);
    expect(yaml.headers.get('content-type')).toContain('application/yaml');
    expect(yaml.body).toContain('asyncapi:');
    const json = await api.get('/api/docs/asyncapi?format=json');
    expect(json.body.asyncapi).toMatch(/^3\./);
  });

  it('allows cross-origin calls only from CORS_ORIGINS', async () => {
    const preflight = (origin: string) =>
      fetch(`${platform.gatewayUrl}/api/v1/contacts`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
    const allowed = await preflight('https://app.crm.example');
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.crm.example');
    const refused = await preflight('https://evil.example');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await api.get('/api/v1/contacts', admin, { origin: 'https://app.crm.example' });
    expect(simple.headers.get('access-control-allow-origin')).toBe('https://app.crm.example');
    expect(simple.headers.get('access-control-expose-headers')).toContain('x-request-id');
  });

  it('answers an unknown API path with a 404 problem', async () => {
    const response = await api.get('/api/v1/no-such-thing', admin);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});
