import { Brackets, type SelectQueryBuilder } from 'typeorm';
import { canWrite, hasRole, visibilityLevel, type AuthUser } from '@crm/auth';
import type { CannedResponse } from './canned-response.entity.js';

/** Admins and API keys act on the whole tenant. */
const tenantWide = (user: AuthUser) => user.kind === 'api-key' || visibilityLevel(user) === 'all' || hasRole(user, 'admin');

/**
 * Who sees a canned response: its owner (personal), the members of its team (team; admins see
 * every team's), everyone in the tenant (tenant). Anything else is a 404.
 */
export function visibleCanned(user: AuthUser, query: SelectQueryBuilder<CannedResponse>, alias = 'c'): SelectQueryBuilder<CannedResponse> {
  return query.andWhere(`${alias}.tenant_id = :cannedTenant AND ${alias}.deleted_at IS NULL`, { cannedTenant: user.tenantId }).andWhere(
    new Brackets((where) => {
      where.where(`${alias}.scope = 'tenant'`);
      if (user.kind === 'user') where.orWhere(`(${alias}.scope = 'personal' AND ${alias}.owner_id = :cannedUser)`, { cannedUser: user.id });
      if (tenantWide(user)) where.orWhere(`${alias}.scope = 'team'`);
      else if (user.teamIds.length) where.orWhere(`(${alias}.scope = 'team' AND ${alias}.team_id IN (:...cannedTeams))`, { cannedTeams: user.teamIds });
    }),
  );
}

/** Who edits or deletes it: the owner (personal), the team's managers and admins (team), admins (tenant). */
export function canManageCanned(user: AuthUser, row: Pick<CannedResponse, 'scope' | 'ownerId' | 'teamId'>): boolean {
  if (!canWrite(user)) return false;
  switch (row.scope) {
    case 'personal':
      return user.kind === 'user' && row.ownerId === user.id;
    case 'team':
      return tenantWide(user) || (hasRole(user, 'manager') && row.teamId !== null && user.teamIds.includes(row.teamId));
    default:
      return tenantWide(user);
  }
}
