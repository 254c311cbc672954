import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiClient, CrmWorld, scrapeMetrics } from '@crm/testing';

// The newer services boot like every other behind the gateway: schema migrated, consuming,
// healthy, in the merged OpenAPI document, with the token check in place, and metrics for the
// operator (who holds METRICS_TOKEN).
describe.each(['opportunities', 'tickets'] as const)('%s service boots behind the gateway', (service) => {
  let world: CrmWorld;

  beforeAll(async () => {
    world = await CrmWorld.start({ services: [service] });
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('is up in the gateway health check once its schema is migrated and it is consuming', async () => {
    const health = await world.api.get('/health');
    expect(health.body.checks[service]).toMatchObject({ status: 'up' });
    const own = await new ApiClient(world.platform.urlOf(service)).get('/health');
    expect(own.body).toMatchObject({ status: 'ok', service, checks: { postgres: { status: 'up' }, rabbitmq: { status: 'up' } } });
  });

  it('has its document merged into the gateway OpenAPI document', async () => {
    const document = await world.api.get('/api/docs/openapi.json');
    expect(document.status).toBe(200);
    expect(document.body['x-unavailable-services'] ?? []).not.toContain(service);
  });

  it('refuses API calls without a token through the gateway, and answers an admin', async () => {
    expect((await world.api.get(`/api/v1/admin/dead-letters?service=${service}`)).status).toBe(401);
    const listed = await world.api.get(`/api/v1/admin/dead-letters?service=${service}`, world.adminToken);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([]);
  });

  it('serves metrics to the operator, including the messaging counters', async () => {
    expect((await new ApiClient(world.platform.urlOf(service)).get('/metrics')).status).toBe(401);
    const metrics = await scrapeMetrics(world.platform.urlOf(service));
    expect(metrics).toContain(`service="${service}"`);
    expect(metrics).toContain('crm_messaging_total');
  });
});
