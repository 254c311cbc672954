import { describe, expect, it } from '@jest/globals';
import { ConfigValidationError } from '../config/config-validation.js';
import { parseTrustedProxies } from '../http/trusted-proxies.js';

describe('parseTrustedProxies', () => {
  it('trusts nobody by default', () => {
    expect(parseTrustedProxies(undefined)).toEqual([]);
    expect(parseTrustedProxies(' ')).toEqual([]);
  });

  it('accepts IPs, CIDR ranges and the named ranges', () => {
    expect(parseTrustedProxies('10.0.0.0/8, 192.0.2.7 ,::1,fd00::/8,loopback,uniquelocal')).toEqual(['10.0.0.0/8', '192.0.2.7', '::1', 'fd00::/8', 'loopback', 'uniquelocal']);
  });

  it('names every malformed entry', () => {
    expect(() => parseTrustedProxies('true, 10.0.0.0/33, lb.internal')).toThrow(ConfigValidationError);
    try {
      parseTrustedProxies('true,10.0.0.0/33');
    } catch (error) {
      expect((error as ConfigValidationError).problems).toHaveLength(2);
    }
  });
});
