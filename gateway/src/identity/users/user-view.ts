import type { Locale, Role, UserSnapshotData } from '@crm/contracts';
import type { User } from './user.entity.js';

/** A user as the API shows it: never the password hash. */
export interface UserView {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  roles: Role[];
  teamIds: string[];
  locale: Locale;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function toUserView(user: User, teamIds: string[]): UserView {
  return {
    id: user.id,
    tenantId: user.tenantId,
    email: user.email,
    name: user.name,
    roles: user.roles,
    teamIds,
    locale: user.locale,
    active: user.active,
    version: user.version,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

/** The payload of identity.user.created / identity.user.updated. */
export function toUserSnapshot(user: User, teamIds: string[]): UserSnapshotData {
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles,
    teamIds,
    active: user.active,
    locale: user.locale,
    version: user.version,
    occurredAt: new Date().toISOString(),
  };
}
