import { describe, expect, it } from '@jest/globals';
import { COMMON_ENV } from '../config/common-env.js';
import { ConfigValidationError, loadConfig, weakSecretReason } from '../config/config-validation.js';

const base = { DATABASE_URL: 'postgres://u@127.0.0.1/crm', AMQP_URL: 'amqp://127.0.0.1' };
const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(COMMON_ENV, env);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    return error.problems;
  }
};

describe('JWT_SECRET validation', () => {
  it('refuses the placeholder docker-compose.yml used to ship, without printing it', () => {
    const problems = problemsOf({ ...base, JWT_SECRET: 'change-me-to-a-long-random-secret-of-32+chars' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^JWT_SECRET is a known placeholder: .*openssl rand -hex 32/);
    expect(problems[0]).not.toContain('change-me-to-a-long');
  });

  it.each([
    ['a "change me" variant', 'CHANGE_ME_please_this-is-32-characters+'],
    ['a "replace me" variant', 'replace-me-with-something-random-0123'],
    ['a "your secret" variant', 'your-jwt-secret-goes-here-0123456789'],
    ['one character repeated', 'x'.repeat(40)],
    ['a short run of digits repeated', '12345678'.repeat(5)],
  ])('refuses %s', (_what, secret) => {
    expect(problemsOf({ ...base, JWT_SECRET: secret }).join('\n')).toMatch(/^JWT_SECRET (is a known placeholder|has fewer than 10 different characters)/);
  });

  it('refuses a short secret with the length rule and accepts a random one', () => {
    expect(problemsOf({ ...base, JWT_SECRET: 'k3Y-9fQz' })).toEqual([expect.stringMatching(/^JWT_SECRET must be at least 32 characters/)]);
    expect(problemsOf({ ...base, JWT_SECRET: '4f9c1e0b7a2d8e6f3b5c9a1d0e7f2a4b6c8d0e1f3a5b7c9d' })).toEqual([]);
    expect(weakSecretReason('4f9c1e0b7a2d8e6f3b5c9a1d0e7f2a4b6c8d0e1f3a5b7c9d')).toBeUndefined();
  });
});
