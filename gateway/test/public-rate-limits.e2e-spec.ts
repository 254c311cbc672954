import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiClient, TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD, TestPlatform } from '@crm/testing';

const PUBLIC_LIMIT = 5;
const FORM_LIMIT = 3;

/**
 * Public endpoints (web-to-lead forms, PQR filing) are limited per client address in Postgres:
 * the gateway's limit over all public routes, and contacts' own limit per address and form,
 * each shared by every replica and blind to X-Forwarded-For from peers it does not trust.
 */
describe('public endpoint limits shared by every replica', () => {
  let platform: TestPlatform;
  let a: ApiClient;
  let b: ApiClient;
  let behindProxy: ApiClient;
  let contactsReplica: string;
  let contactsTrustingNobody: string;
  let admin: string;

  beforeAll(async () => {
    platform = await TestPlatform.start({
      services: ['contacts'],
      env: { WEB_FORM_RATE_LIMIT: String(FORM_LIMIT) },
      gatewayEnv: { PUBLIC_RATE_LIMIT: String(PUBLIC_LIMIT), TRUST_PROXY: 'true', TRUSTED_PROXIES: '192.0.2.1' },
    });
    a = new ApiClient(platform.gatewayUrl);
    [b, behindProxy, contactsReplica, contactsTrustingNobody] = await Promise.all([
      platform.startReplica('gateway').then((url) => new ApiClient(url)),
      platform.startReplica('gateway', { TRUSTED_PROXIES: '127.0.0.1', PUBLIC_RATE_LIMIT: '1000' }).then((url) => new ApiClient(url)),
      platform.startReplica('contacts'),
      platform.startReplica('contacts', { TRUSTED_PROXIES: '' }),
    ]);
    admin = await a.login(TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  async function createForm(): Promise<string> {
    const source = await a.post('/api/v1/sources', { name: `Web ${randomUUID().slice(0, 8)}`, channel: 'web' }, admin);
    expect(source.status).toBe(201);
    const form = await a.post('/api/v1/web-forms', { name: `Formulario ${randomUUID().slice(0, 6)}`, sourceId: source.body.id }, admin);
    expect(form.status).toBe(201);
    return form.body.formKey as string;
  }

  /** A bot's submission: the honeypot is filled, so it is accepted (202) and nothing is stored. */
  const botSubmission = (i: number) => ({ firstName: 'Bot', email: `bot-${i}@spam.co`, website_url: 'x' });

  it('counts public requests per address across replicas and public routes; a rotated X-Forwarded-For does not reset it', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i <= PUBLIC_LIMIT; i++) {
      const api = i % 2 ? b : a;
      const path = i % 3 === 2 ? '/api/v1/public/tickets' : `/api/v1/public/forms/no-such-form-${i}/submissions`;
      last = await api.post(path, botSubmission(i), undefined, { 'x-forwarded-for': `203.0.113.${i + 1}` });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, PUBLIC_LIMIT)).not.toContain(429);
    expect(statuses[PUBLIC_LIMIT]).toBe(429);
    expect(last!.body.detail).toMatch(/^Demasiadas solicitudes/);
    expect(last!.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits one address on one form across contacts replicas, whichever replica answers', async () => {
    const formKey = await createForm();
    const client = '198.51.100.50';
    const path = `/api/v1/public/forms/${formKey}/submissions`;
    const statuses: number[] = [];
    for (let i = 0; i <= FORM_LIMIT; i++) {
      // Through the gateway (to the first contacts process), or straight to the second one as the
      // gateway would call it (the gateway's address, trusted, naming the client).
      const response =
        i % 2
          ? await new ApiClient(contactsReplica).post(path, botSubmission(i), undefined, { 'x-forwarded-for': client })
          : await behindProxy.post(path, botSubmission(i), undefined, { 'x-forwarded-for': client });
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([...Array(FORM_LIMIT).fill(202), 429]);
    // Another client of the same form is still welcome.
    expect((await behindProxy.post(path, botSubmission(99), undefined, { 'x-forwarded-for': '198.51.100.51' })).status).toBe(202);
  });

  it('does not believe X-Forwarded-For in a service that trusts no proxy (the default)', async () => {
    const formKey = await createForm();
    const direct = new ApiClient(contactsTrustingNobody);
    const statuses: number[] = [];
    for (let i = 0; i <= FORM_LIMIT; i++) {
      statuses.push((await direct.post(`/api/v1/public/forms/${formKey}/submissions`, botSubmission(i), undefined, { 'x-forwarded-for': `10.9.9.${i + 1}` })).status);
    }
    expect(statuses).toEqual([...Array(FORM_LIMIT).fill(202), 429]);
  });
});
