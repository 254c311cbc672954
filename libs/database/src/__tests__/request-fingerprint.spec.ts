import { describe, expect, it } from '@jest/globals';
import { ProblemException } from '@crm/common';
import { canonicalJson, parseIdempotencyKey, requestFingerprint } from '../idempotency/request-fingerprint.js';

describe('request fingerprint (Idempotency-Key)', () => {
  it('is the same for the same request whatever the key order, and differs for another body, method or path', () => {
    const base = requestFingerprint({ method: 'POST', path: '/api/v1/contacts', body: { firstName: 'Ana', tags: ['a', 'b'], address: { city: 'Cali', country: 'CO' } } });
    expect(requestFingerprint({ method: 'post', path: '/api/v1/contacts?x=1', body: { address: { country: 'CO', city: 'Cali' }, tags: ['a', 'b'], firstName: 'Ana' } })).toBe(base);
    expect(requestFingerprint({ method: 'POST', path: '/api/v1/contacts', body: { firstName: 'Ana', tags: ['b', 'a'], address: { city: 'Cali', country: 'CO' } } })).not.toBe(base);
    expect(requestFingerprint({ method: 'POST', path: '/api/v1/companies', body: { firstName: 'Ana', tags: ['a', 'b'], address: { city: 'Cali', country: 'CO' } } })).not.toBe(base);
    expect(canonicalJson({ b: 1, a: [{ d: null, c: undefined }] })).toBe('{"a":[{"d":null}],"b":1}');
  });

  it('accepts 8-128 safe characters and refuses anything else with a 400 naming the header', () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
    expect(parseIdempotencyKey('alta-2026:01_x')).toBe('alta-2026:01_x');
    for (const bad of ['short', 'con espacio 123', 'x'.repeat(129)]) expect(() => parseIdempotencyKey(bad)).toThrow(ProblemException);
  });
});
