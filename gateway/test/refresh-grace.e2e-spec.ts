import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiClient, TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD, TestPlatform } from '@crm/testing';

const PASSWORD = 'Sup3r-Secret-Pass!';

/**
 * Two tabs of one browser share the refresh token and renew at the same moment; a page reloaded
 * while its refresh was in flight never saw the answer. Within REFRESH_REUSE_GRACE_SECONDS (10 by
 * default) of its rotation, such a token gets another token of the family instead of logging the
 * person out everywhere — but never after the sessions were ended.
 */
describe('refresh token reuse grace (gateway)', () => {
  let platform: TestPlatform;
  let api: ApiClient;
  let admin: string;

  beforeAll(async () => {
    platform = await TestPlatform.start({ services: [] });
    api = new ApiClient(platform.gatewayUrl);
    admin = (await api.post('/api/v1/auth/login', { email: TEST_ADMIN_EMAIL, password: TEST_ADMIN_PASSWORD })).body.accessToken;
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('lets two tabs renew with the same token at the same moment, and both stay logged in', async () => {
    const login = await api.post('/api/v1/auth/login', { email: TEST_ADMIN_EMAIL, password: TEST_ADMIN_PASSWORD });
    const [tabA, tabB] = await Promise.all([1, 2].map(() => api.post('/api/v1/auth/refresh', { refreshToken: login.body.refreshToken })));
    expect([tabA!.status, tabB!.status]).toEqual([200, 200]);
    expect(tabA!.body.refreshToken).not.toBe(tabB!.body.refreshToken);
    for (const tab of [tabA!, tabB!]) {
      expect((await api.get('/api/v1/auth/me', tab.body.accessToken)).status).toBe(200);
      expect((await api.post('/api/v1/auth/refresh', { refreshToken: tab.body.refreshToken })).status).toBe(200);
    }
  });

  it('gives nothing for a rotated token once the sessions were ended (password changed)', async () => {
    const email = `grace-${randomUUID().slice(0, 8)}@demo.test`;
    const user = await api.post('/api/v1/users', { email, name: 'Usuaria Gracia', password: PASSWORD, roles: ['sales'] }, admin);
    expect(user.status).toBe(201);
    const login = await api.post('/api/v1/auth/login', { email, password: PASSWORD });
    const rotated = await api.post('/api/v1/auth/refresh', { refreshToken: login.body.refreshToken });
    expect(rotated.status).toBe(200);
    const changed = await api.patch(`/api/v1/users/${user.body.id}`, { password: 'Brand-New-Pass-42', version: user.body.version }, admin);
    expect(changed.status).toBe(200);
    // Within the grace window, but the family is dead: both the old and the newest token are refused.
    expect((await api.post('/api/v1/auth/refresh', { refreshToken: login.body.refreshToken })).status).toBe(401);
    expect((await api.post('/api/v1/auth/refresh', { refreshToken: rotated.body.refreshToken })).status).toBe(401);
  });
});
