import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiClient, TestPlatform } from '@crm/testing';

describe('opportunities service skeleton', () => {
  let platform: TestPlatform;
  let api: ApiClient;

  beforeAll(async () => {
    platform = await TestPlatform.start({ services: ['opportunities'], gateway: false });
    api = new ApiClient(platform.urlOf('opportunities'));
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('is healthy once its schema is migrated and it is consuming', async () => {
    const health = await api.get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', service: 'opportunities', checks: { postgres: { status: 'up' }, rabbitmq: { status: 'up' } } });
  });

  it('serves metrics, including the messaging counters', async () => {
    const metrics = await api.get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('service="opportunities"');
    expect(metrics.body).toContain('crm_messaging_total');
  });

  it('serves its OpenAPI document', async () => {
    const document = await api.get('/openapi.json');
    expect(document.status).toBe(200);
    expect(document.body.info.title).toBe('CRM opportunities');
  });

  it('refuses API calls without a token', async () => {
    expect((await api.get('/api/v1/admin/dead-letters')).status).toBe(401);
  });
});
