import { describe, expect, it } from '@jest/globals';
import { PROXY_ROUTES } from '../route-table.js';

describe('PROXY_ROUTES', () => {
  it('gives every resource prefix exactly one owner', () => {
    const prefixes = PROXY_ROUTES.map((route) => route.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it('marks only public/* as public, and routes them to their owners', () => {
    expect(PROXY_ROUTES.filter((route) => route.isPublic)).toEqual([
      { prefix: 'public/forms', service: 'contacts', isPublic: true },
      { prefix: 'public/tickets', service: 'tickets', isPublic: true },
    ]);
  });

  it('never claims a path the gateway serves itself', () => {
    const own = ['auth', 'users', 'teams', 'api-keys', 'platform', 'admin'];
    expect(PROXY_ROUTES.filter((route) => own.includes(route.prefix.split('/')[0]!))).toEqual([]);
  });
});
