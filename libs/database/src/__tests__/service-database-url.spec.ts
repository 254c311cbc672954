import { describe, expect, it } from '@jest/globals';
import { serviceDatabaseUrl } from '../service-database-url.js';

describe('serviceDatabaseUrl', () => {
  it('connects as the service role on the shared database', () => {
    const url = new URL(serviceDatabaseUrl('contacts', { DATABASE_URL: 'postgres://postgres@db:5432/crm' }));
    expect(url.username).toBe('crm_contacts');
    expect(url.password).toBe('crm_contacts');
    expect(url.host).toBe('db:5432');
    expect(url.pathname).toBe('/crm');
  });

  it('prefers the per-service override', () => {
    const env = { DATABASE_URL: 'postgres://a@b/c', CONTACTS_DATABASE_URL: 'postgres://x:y@z/w' };
    expect(serviceDatabaseUrl('contacts', env)).toBe('postgres://x:y@z/w');
  });

  it('names the missing variable', () => {
    expect(() => serviceDatabaseUrl('contacts', {})).toThrow('DATABASE_URL is not set');
  });
});
