import { Injectable } from '@nestjs/common';
import { ProblemException } from '@crm/common';
import { In, type EntityManager } from 'typeorm';
import { Team } from '../teams/team.entity.js';
import { UserTeam } from './user-team.entity.js';

/** Which teams users belong to; team ids from a request are checked against the caller's tenant. */
@Injectable()
export class TeamMembership {
  async teamIdsOf(em: EntityManager, userIds: string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>(userIds.map((id) => [id, []]));
    if (userIds.length === 0) return result;
    const rows = await em.find(UserTeam, { where: { userId: In(userIds) }, order: { teamId: 'ASC' } });
    for (const row of rows) result.get(row.userId)?.push(row.teamId);
    return result;
  }

  /** 400 naming the field when a team id is not a team of this tenant (or another tenant's). */
  async assertTeamsExist(em: EntityManager, tenantId: string, teamIds: string[]): Promise<void> {
    if (teamIds.length === 0) return;
    const found = await em.find(Team, { select: { id: true }, where: { tenantId, id: In(teamIds) } });
    const known = new Set(found.map((team) => team.id));
    const missing = teamIds.filter((id) => !known.has(id));
    if (missing.length > 0) {
      throw new ProblemException(400, 'Algún equipo indicado no existe.', {
        errors: [{ field: 'teamIds', message: `Equipos desconocidos: ${missing.join(', ')}` }],
      });
    }
  }

  async replace(em: EntityManager, tenantId: string, userId: string, teamIds: string[]): Promise<void> {
    await em.delete(UserTeam, { userId });
    if (teamIds.length > 0)
      await em.insert(
        UserTeam,
        teamIds.map((teamId) => ({ userId, teamId, tenantId })),
      );
  }
}
