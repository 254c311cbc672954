import { describe, expect, it } from '@jest/globals';
import { FormRateLimiter, formRateLimitFromEnv } from '../form-rate-limiter.js';
import { newFormKey, FORM_KEY_PATTERN } from '../form-key.js';
import { normaliseAllowedFields } from '../web-form-fields.js';

describe('web forms', () => {
  it('allows N per minute per key, then tells how long to wait, and starts over after the window', () => {
    const limiter = new FormRateLimiter(2);
    expect(limiter.hit('ip|form', 0).allowed).toBe(true);
    expect(limiter.hit('ip|form', 1000).allowed).toBe(true);
    expect(limiter.hit('ip|form', 2000)).toEqual({ allowed: false, retryAfterSeconds: 58 });
    expect(limiter.hit('other|form', 2000).allowed).toBe(true);
    expect(limiter.hit('ip|form', 60_000).allowed).toBe(true);
  });

  it('keeps memory bounded', () => {
    const limiter = new FormRateLimiter(1, 60_000, 10);
    for (let i = 0; i < 100; i++) limiter.hit(`k${i}`, 0);
    expect((limiter as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(10);
  });

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
