import { describe, expect, it } from '@jest/globals';
import { generateApiKey, parseApiKey, secretMatches } from '../api-key-secret.js';

describe('API key secrets', () => {
  it('generates crm_<prefix>_<secret> keys that parse back and match their stored hash only', () => {
    const first = generateApiKey();
    const second = generateApiKey();
    expect(first.key).toMatch(/^crm_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(first.prefix).not.toBe(second.prefix);
    const parsed = parseApiKey(first.key)!;
    expect(parsed.prefix).toBe(first.prefix);
    expect(secretMatches(parsed.secret, first.hash)).toBe(true);
    expect(secretMatches(parseApiKey(second.key)!.secret, first.hash)).toBe(false);
    expect(first.hash).not.toContain(parsed.secret);
  });

  it('rejects anything that is not a well-formed key', () => {
    for (const bad of ['', 'crm_', 'crm_xyz_abc', `crm_0123456789ab_${'a'.repeat(42)}`, `CRM_0123456789ab_${'a'.repeat(43)}`]) expect(parseApiKey(bad)).toBeUndefined();
  });
});
