import { describe, expect, it } from '@jest/globals';
import { apiKeyOf, bearerTokenOf } from '../bearer-token.js';

describe('bearerTokenOf', () => {
  it('reads a Bearer token, case-insensitively, and nothing else', () => {
    expect(bearerTokenOf('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerTokenOf('bearer abc')).toBe('abc');
    expect(bearerTokenOf('ApiKey crm_x')).toBeUndefined();
    expect(bearerTokenOf('Bearer a b')).toBeUndefined();
    expect(bearerTokenOf(undefined)).toBeUndefined();
  });
});

describe('apiKeyOf', () => {
  it('reads Authorization: ApiKey first, x-api-key only without an Authorization header', () => {
    expect(apiKeyOf({ authorization: 'ApiKey crm_1' })).toBe('crm_1');
    expect(apiKeyOf({ 'x-api-key': ' crm_2 ' })).toBe('crm_2');
    expect(apiKeyOf({ authorization: 'Bearer t', 'x-api-key': 'crm_3' })).toBeUndefined();
    expect(apiKeyOf({})).toBeUndefined();
  });
});
