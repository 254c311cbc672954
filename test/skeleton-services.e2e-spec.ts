import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiClient, TestPlatform } from '@crm/testing';

// The services whose features are still to come boot like every other: schema migrated,
// consuming, healthy, with metrics, OpenAPI and the token check in place.
describe.each(['opportunities', 'tickets'] as const)('%s service skeleton', (service) => {
  let platform: TestPlatform;
  let api: ApiClient;

  beforeAll(async () => {
    platform = await TestPlatform.start({ services: [service], gateway: false });
    api = new ApiClient(platform.urlOf(service));
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('is healthy once its schema is migrated and it is consuming', async () => {
    const health = await api.get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', service, checks: { postgres: { status: 'up' }, rabbitmq: { status: 'up' } } });
  });

  it('serves metrics, including the messaging counters', async () => {
    const metrics = await api.get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain(`service="${service}"`);
    expect(metrics.body).toContain('crm_messaging_total');
  });

  it('serves its OpenAPI document', async () => {
    const document = await api.get('/openapi.json');
    expect(document.status).toBe(200);
    expect(document.body.info.title).toBe(`CRM ${service}`);
  });

  it('refuses API calls without a token', async () => {
    expect((await api.get('/api/v1/admin/dead-letters')).status).toBe(401);
  });
});
