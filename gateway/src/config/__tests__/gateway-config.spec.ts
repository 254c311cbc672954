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
    expect(config).toMatchObject({ loginRateLimit: 10, accessTokenTtlSeconds: 900, bcryptCost: 10, proxyConnectTimeoutMs: 1000, trustedProxies: [], platformApiKey: undefined });
    expect(config.corsOrigins).toEqual(['https://crm.example.com', 'http://localhost:5173']);
  });

  it('names every bad variable at once', () => {
    try {
      new GatewayConfig({ ...base, BCRYPT_COST: '4', LOGIN_RATE_LIMIT: '0', CORS_ORIGINS: '*', CRM_ADMIN_EMAIL: 'a@b.c', TRUSTED_PROXIES: '10.0.0.0/8,everyone' });
      throw new Error('expected a ConfigValidationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigValidationError);
      const problems = (error as ConfigValidationError).problems.join('\n');
      for (const name of ['BCRYPT_COST', 'LOGIN_RATE_LIMIT', 'CORS_ORIGINS', 'CRM_ADMIN_PASSWORD', 'TRUSTED_PROXIES entry "everyone"']) expect(problems).toContain(name);
    }
  });

  it('trusts forwarded headers only from TRUSTED_PROXIES, and reads the old TRUST_PROXY=true as private networks', () => {
    expect(new GatewayConfig({ ...base, TRUSTED_PROXIES: '10.1.2.3, 10.9.0.0/16' })).toMatchObject({ trustedProxies: ['10.1.2.3', '10.9.0.0/16'], legacyTrustProxy: false });
    expect(new GatewayConfig({ ...base, TRUST_PROXY: 'true' })).toMatchObject({ trustedProxies: ['loopback', 'linklocal', 'uniquelocal'], legacyTrustProxy: true });
    expect(new GatewayConfig({ ...base, TRUST_PROXY: 'true', TRUSTED_PROXIES: '10.1.2.3' })).toMatchObject({ trustedProxies: ['10.1.2.3'], legacyTrustProxy: false });
  });
});
