import type { Role } from '@crm/contracts';

/** Who is calling: a person (user) or an ERP integration (API key), always within one tenant. */
export interface AuthUser {
  kind: 'user' | 'api-key';
  /** User id, or the API key id for integrations. */
  id: string;
  tenantId: string;
  roles: Role[];
  teamIds: string[];
  email?: string;
  name?: string;
  /** API-key scopes such as `contacts:read`; empty for users (their roles decide). */
  scopes: string[];
}

export function hasRole(user: AuthUser, ...roles: Role[]): boolean {
  return user.roles.some((role) => roles.includes(role));
}
