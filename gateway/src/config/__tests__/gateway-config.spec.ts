import { describe, expect, it } from '@jest/globals';
import { ConfigValidationError } from '@crm/common';
import { GatewayConfig } from '../gateway-config.js';

const base = { DATABASE_URL: 'postgres://u@127.0.0.1/crm', AMQP_URL: 'amqp://127.0.0.1', JWT_SECRET: 'gateway-config-spec-4f9c1e0b7a2d8e6f3b5c9a1d' };

describe('GatewayConfig', () => {
  it('defaults upstreams to the local ports and reads the rest', () => {
    const config = new GatewayConfig({ ...base, CONTACTS_URL: 'http://contacts:3001/', CORS_ORIGINS: 'https://crm.example.com, http://localhost:5173' });
    expect(config.upstreams).toEqual({
      contacts: 'http://contacts:3001',
      opportunities: 'http://127.0.0.1:3002',
      tickets: 'http://127.0.0.1:3003',
      notifications: 'http://127.0.0.1:3004',
      reporting: 'http://127.0.0.1:3005',
    });
    expect(config).toMatchObject({ loginRateLimit: 10, accessTokenTtlSeconds: 900, bcryptCost: 10, proxyConnectTimeoutMs: 1000, trustProxy: false, platformApiKey: undefined });
    expect(config.corsOrigins).toEqual(['https://crm.example.com', 'http://localhost:5173']);
  });

  it('names every bad variable at once', () => {
    try {
      new GatewayConfig({ ...base, BCRYPT_COST: '4', LOGIN_RATE_LIMIT: '0', CORS_ORIGINS: '*', CRM_ADMIN_EMAIL: 'a@b.c' });
      throw new Error('expected a ConfigValidationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigValidationError);
      const problems = (error as ConfigValidationError).problems.join('\n');
      for (const name of ['BCRYPT_COST', 'LOGIN_RATE_LIMIT', 'CORS_ORIGINS', 'CRM_ADMIN_PASSWORD']) expect(problems).toContain(name);
    }
  });
});
