import type { UserView } from '../users/user-view.js';

export interface TenantRef {
  id: string;
  slug: string;
  name: string;
}

export interface SessionView {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: UserView;
  tenant: TenantRef;
}

export type MeView = ({ kind: 'user' } & UserView & { tenant: TenantRef }) | { kind: 'api-key'; id: string; name?: string; scopes: string[]; tenant: TenantRef };
