// docker-compose.yml must not ship a usable signing key or admin password: compose refuses to
// start until the operator sets them (`${VAR:?message}`), and no default remains anywhere.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { weakSecretReason } from '@crm/common';

const text = readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8');
const compose = parse(text, { merge: true }) as { services: Record<string, { environment?: Record<string, string> }> };

describe('docker-compose.yml', () => {
  it.each(['JWT_SECRET', 'CRM_ADMIN_PASSWORD'])('requires %s from the operator and has no default for it', (name) => {
    const values = Object.entries(compose.services).flatMap(([, service]) => (service.environment?.[name] ? [service.environment[name]] : []));
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(value).toMatch(new RegExp(`^\\$\\{${name}:\\?[^}]+\\}$`));
    expect(text).not.toMatch(new RegExp(`\\$\\{${name}:?-`));
  });

  it('the placeholder it used to ship is refused by the services', () => {
    expect(weakSecretReason('change-me-to-a-long-random-secret-of-32+chars')).toBe('is a known placeholder');
  });
});
