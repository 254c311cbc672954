import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { hasRole, type AuthUser } from '@crm/auth';
import { Problems } from '@crm/common';

/** Admins and tenant-wide integrations may put records in any team of the tenant. */
function anyTeam(user: AuthUser): boolean {
  return user.kind === 'api-key' || hasRole(user, 'admin');
}

/**
 * Which team a caller may give a record: sales, support and managers only teams they belong to
 * (from their token), admins and API keys any team contacts knows of. Contacts learns teams from
 * the identity events (contacts.team_ref, filled from users' team ids), so a team nobody was
 * ever placed in is unknown here. Anything else is a 400 naming the field.
 */
@Injectable()
export class TeamPolicy {
  /** `undefined`: not being set, nothing to check. `null`: no team (admins only, or callers without one). */
  async assertUsable(em: EntityManager, user: AuthUser, teamId: string | null | undefined, field = 'teamId'): Promise<void> {
    if (teamId === undefined) return;
    if (teamId === null) {
      if (anyTeam(user) || user.teamIds.length === 0) return;
      throw Problems.invalid([{ field, message: 'El registro debe quedar en uno de sus equipos.' }]);
    }
    if (!anyTeam(user)) {
      if (user.teamIds.includes(teamId)) return;
      throw Problems.invalid([{ field, message: 'Solo puede usar los equipos a los que pertenece.' }]);
    }
    const known: unknown[] = await em.query('SELECT 1 FROM contacts.team_ref WHERE tenant_id = $1 AND team_id = $2', [user.tenantId, teamId]);
    if (known.length === 0) throw Problems.invalid([{ field, message: 'El equipo no existe en su organización.' }]);
  }

  /**
   * Who may stop (or start) sharing a record with its team: its owner (or its creator while it
   * has none), a manager of its team, or an admin. Others who can see it get a 403, so nobody
   * hides a colleague's contact from the team.
   */
  assertMayChangeSharing(user: AuthUser, record: { ownerId: string | null; createdBy: string; teamId: string | null }): void {
    if (anyTeam(user)) return;
    if (record.ownerId === user.id || (record.ownerId === null && record.createdBy === user.id)) return;
    if (hasRole(user, 'manager') && record.teamId !== null && user.teamIds.includes(record.teamId)) return;
    throw Problems.forbidden('Solo el responsable del contacto, un gerente de su equipo o un administrador puede cambiar si se comparte con el equipo.');
  }
}
