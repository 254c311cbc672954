import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiClient, TEST_METRICS_TOKEN, TestPlatform } from '@crm/testing';

describe('/metrics is only for the holder of METRICS_TOKEN', () => {
  let platform: TestPlatform;
  let unconfigured: TestPlatform;

  beforeAll(async () => {
    [platform, unconfigured] = await Promise.all([TestPlatform.start({ services: ['contacts'] }), TestPlatform.start({ services: [], env: { METRICS_TOKEN: '' } })]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([platform?.stop(), unconfigured?.stop()]);
  });

  it('refuses a scrape without the token or with a wrong one, on the gateway and on a service', async () => {
    for (const base of [platform.gatewayUrl, platform.urlOf('contacts')]) {
      const api = new ApiClient(base);
      for (const response of [
        await api.get('/metrics'),
        await api.get('/metrics', 'not-the-metrics-token-at-all'),
        await api.get('/metrics', undefined, { authorization: TEST_METRICS_TOKEN }),
      ]) {
        expect(response.status).toBe(401);
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect(String(JSON.stringify(response.body))).not.toContain('http_server_duration_seconds');
      }
    }
  });

  it('serves Prometheus text to the right token', async () => {
    for (const base of [platform.gatewayUrl, platform.urlOf('contacts')]) {
      const response = await new ApiClient(base).get('/metrics', TEST_METRICS_TOKEN);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/plain');
      expect(response.body).toMatch(/^# HELP /m);
      expect(response.body).toContain('http_server_duration_seconds');
    }
  });

  it('does not exist when no token is configured (404), and /health stays public', async () => {
    const api = new ApiClient(unconfigured.gatewayUrl);
    for (const response of [await api.get('/metrics'), await api.get('/metrics', TEST_METRICS_TOKEN)]) {
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await api.get('/health/live')).status).toBe(200);
    expect((await new ApiClient(platform.gatewayUrl).get('/health')).body).toMatchObject({ checks: { postgres: { status: 'up' } } });
  });
});
