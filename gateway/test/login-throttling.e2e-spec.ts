import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiClient, TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD, TestPlatform } from '@crm/testing';

const PASSWORD = 'Sup3r-Secret-Pass!';
const PAIR_LIMIT = 3;
const IP_LIMIT = 6;
const ACCOUNT_LIMIT = 5;

/**
 * Three gateway processes on one database: A and B are replicas that trust no proxy the test
 * can be (TRUSTED_PROXIES is another address; the deprecated TRUST_PROXY=true is set too and
 * must not widen it); C trusts loopback, so the test plays clients at many addresses behind a
 * load balancer by writing X-Forwarded-For.
 */
describe('login throttling shared by every gateway replica', () => {
  let platform: TestPlatform;
  let a: ApiClient;
  let b: ApiClient;
  let c: ApiClient;
  const unique = () => randomUUID().slice(0, 8);

  beforeAll(async () => {
    platform = await TestPlatform.start({
      services: [],
      env: { LOGIN_RATE_LIMIT: String(PAIR_LIMIT), LOGIN_RATE_WINDOW_SECONDS: '600' },
      gatewayEnv: { TRUST_PROXY: 'true', TRUSTED_PROXIES: '192.0.2.1' },
    });
    a = new ApiClient(platform.gatewayUrl);
    b = new ApiClient(await platform.startReplica('gateway'));
    c = new ApiClient(
      await platform.startReplica('gateway', { TRUST_PROXY: 'true', TRUSTED_PROXIES: '127.0.0.1', LOGIN_IP_RATE_LIMIT: String(IP_LIMIT), LOGIN_ACCOUNT_RATE_LIMIT: String(ACCOUNT_LIMIT) }),
    );
  }, 90_000);

  afterAll(async () => {
    await platform?.stop();
  });

  const login = (api: ApiClient, email: string, password = 'wrong-password', clientIp?: string) =>
    api.post('/api/v1/auth/login', { email, password }, undefined, clientIp ? { 'x-forwarded-for': clientIp } : {});

  it('counts the failures of one address on one account across two replicas', async () => {
    const email = `victim-${unique()}@demo.test`;
    const statuses = [];
    for (const api of [a, b, a, b]) statuses.push((await login(api, email)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await login(b, email);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('does not reset the count when an untrusted client rotates X-Forwarded-For', async () => {
    const email = `rotator-${unique()}@demo.test`;
    const statuses = [];
    for (let i = 1; i <= PAIR_LIMIT + 2; i++) statuses.push((await login(i % 2 ? a : b, email, 'wrong-password', `203.0.113.${i}`)).status);
    expect(statuses).toEqual([...Array(PAIR_LIMIT).fill(401), 429, 429]);
  });

  it('stops one address spraying many accounts', async () => {
    const sprayer = '198.51.100.7';
    const statuses = [];
    for (let i = 0; i <= IP_LIMIT; i++) statuses.push((await login(c, `spray-${i}-${unique()}@demo.test`, 'Verano2026!', sprayer)).status);
    expect(statuses).toEqual([...Array(IP_LIMIT).fill(401), 429]);
    // Another address is not affected.
    expect((await login(c, `spray-x-${unique()}@demo.test`, 'Verano2026!', '198.51.100.8')).status).toBe(401);
  });

  it('throttles guesses at one account from many addresses without locking its owner out', async () => {
    const admin = await a.login(TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD);
    const email = `owner-${unique()}@demo.test`;
    expect((await a.post('/api/v1/users', { email, name: 'Dueña de la cuenta', password: PASSWORD, roles: ['sales'] }, admin)).status).toBe(201);

    const attackers = Array.from({ length: ACCOUNT_LIMIT + 1 }, (_, i) => `203.0.113.${100 + i}`);
    for (const ip of attackers) expect((await login(c, email, 'guess-1', ip)).status).toBe(401);
    // The account is under attack: an address that already failed on it must wait, even with
    // the right password, and its other guesses never reach the password check.
    const again = await login(c, email, 'guess-2', attackers[0]);
    expect(again.status).toBe(429);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login(c, email, PASSWORD, attackers[1])).status).toBe(429);

    // The owner, from an address that has not failed, logs in; so does anyone on another account.
    const owner = await login(c, email, PASSWORD, '198.51.100.200');
    expect(owner.status).toBe(200);
    expect(owner.body.user.email).toBe(email);
    expect((await login(a, email, PASSWORD)).status).toBe(200);
  });

  it('does not count successful logins: the owner can log in again and again', async () => {
    const statuses = [];
    for (let i = 0; i < PAIR_LIMIT + 2; i++) statuses.push((await login(i % 2 ? a : b, TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD)).status);
    expect(statuses).toEqual(Array(PAIR_LIMIT + 2).fill(200));
  });
});
