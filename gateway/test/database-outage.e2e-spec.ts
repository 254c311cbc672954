import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiClient, TcpFaultProxy, TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD, TestPlatform, waitFor } from '@crm/testing';

/**
 * Postgres "restarts" under a running gateway and contacts service: both reach the shared
 * server through a loopback TCP proxy that the test closes and reopens (the real server keeps
 * running for everybody else).
 */
describe('a database outage seen through the gateway', () => {
  let proxy: TcpFaultProxy;
  let platform: TestPlatform;
  let api: ApiClient;
  let admin: string;

  beforeAll(async () => {
    const postgres = new URL(process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    proxy = new TcpFaultProxy({ targetHost: postgres.hostname, targetPort: Number(postgres.port || 5432) });
    await proxy.start();
    platform = await TestPlatform.start({ services: ['contacts'], databasePort: proxy.port });
    api = new ApiClient(platform.gatewayUrl);
    admin = await api.login(TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD);
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
    await proxy?.stop();
  });

  it('answers 503 problem+json with Retry-After while Postgres is unreachable, and 200 again once it is back', async () => {
    expect((await api.get('/api/v1/contacts', admin)).status).toBe(200);
    expect((await api.get('/api/v1/users', admin)).status).toBe(200);

    proxy.refuseNew();
    proxy.dropAll();
    const duringOutage = [
      await api.get('/api/v1/contacts', admin),
      await api.get('/api/v1/users', admin),
      await api.post('/api/v1/auth/login', { email: TEST_ADMIN_EMAIL, password: TEST_ADMIN_PASSWORD }),
      await api.get('/api/v1/contacts', admin, { 'accept-language': 'en' }),
    ];
    for (const response of duringOutage) {
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(response.body).toMatchObject({ status: 503, title: expect.any(String) });
    }
    expect(duringOutage[0]!.body.detail).toMatch(/base de datos/);
    expect(duringOutage[3]!.body.detail).toMatch(/database/);

    proxy.resume();
    await waitFor(async () => (await api.get('/api/v1/contacts', admin)).status === 200, { timeoutMs: 20_000, description: 'contacts to answer again' });
    expect((await api.get('/api/v1/users', admin)).status).toBe(200);
    expect((await api.post('/api/v1/auth/login', { email: TEST_ADMIN_EMAIL, password: TEST_ADMIN_PASSWORD })).status).toBe(200);
  });
});
