import { describe, expect, it } from '@jest/globals';
import type { AuthUser } from '@crm/auth';
import { assignmentDenial } from '../assignment-policy.js';

const user = (roles: AuthUser['roles'], kind: AuthUser['kind'] = 'user'): AuthUser => ({ kind, id: 'me', tenantId: 't', roles, teamIds: [], scopes: [] });

describe('assignmentDenial', () => {
  it('lets admins, managers and integrations assign any contact they can see', () => {
    for (const who of [user(['admin']), user(['manager']), user([], 'api-key')]) expect(assignmentDenial(who, { ownerId: 'colleague' })).toBeNull();
  });

  it('lets sales and support assign their own and unowned contacts only', () => {
    for (const who of [user(['sales']), user(['support'])]) {
      expect(assignmentDenial(who, { ownerId: 'me' })).toBeNull();
      expect(assignmentDenial(who, { ownerId: null })).toBeNull();
      expect(assignmentDenial(who, { ownerId: 'colleague' })).toContain('propios');
    }
  });
});
