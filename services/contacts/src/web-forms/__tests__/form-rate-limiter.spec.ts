import { describe, expect, it } from '@jest/globals';
import { formRateLimitFromEnv } from '../form-rate-limiter.js';
import { newFormKey, FORM_KEY_PATTERN } from '../form-key.js';
import { normaliseAllowedFields } from '../web-form-fields.js';

describe('web forms', () => {
  it('reads WEB_FORM_RATE_LIMIT, refusing nonsense', () => {
    expect(formRateLimitFromEnv({})).toBe(20);
    expect(formRateLimitFromEnv({ WEB_FORM_RATE_LIMIT: '5' })).toBe(5);
    expect(() => formRateLimitFromEnv({ WEB_FORM_RATE_LIMIT: 'many' })).toThrow('WEB_FORM_RATE_LIMIT');
  });

  it('makes unguessable url-safe keys', () => {
    const keys = new Set(Array.from({ length: 100 }, () => newFormKey()));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(key).toMatch(FORM_KEY_PATTERN);
  });

  it('always collects e-mail and first name', () => {
    expect(normaliseAllowedFields(['message'])).toEqual(['firstName', 'email', 'message']);
    expect(normaliseAllowedFields(undefined)).toHaveLength(10);
  });
});
