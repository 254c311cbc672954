import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { visibilityLevel, type AuthUser } from '@crm/auth';
import { Problems } from '@crm/common';
import { UsersProjection } from '../projections/users-projection.service.js';

/** Who may be put on a deal: real active users; sales and managers only their own teams and themselves as owner. */
@Injectable()
export class OpportunityRules {
  constructor(private readonly users: UsersProjection) {}

  async assertPeople(em: EntityManager, user: AuthUser, people: { agentId?: string | null; assigneeId?: string | null; ownerId?: string | null }): Promise<void> {
    if (people.agentId) await this.users.assertActiveUser(em, user.tenantId, people.agentId, 'agentId');
    if (people.assigneeId) await this.users.assertActiveUser(em, user.tenantId, people.assigneeId, 'assigneeId');
    if (people.ownerId && people.ownerId !== user.id) {
      if (visibilityLevel(user) === 'own') throw Problems.invalid([{ field: 'ownerId', message: 'Solo puede crear oportunidades a su nombre.' }]);
      const owner = await this.users.assertActiveUser(em, user.tenantId, people.ownerId, 'ownerId');
      if (visibilityLevel(user) === 'team' && !owner.teamIds.some((team) => user.teamIds.includes(team))) {
        throw Problems.invalid([{ field: 'ownerId', message: 'El propietario debe ser de uno de sus equipos.' }]);
      }
    }
  }

  async assertTeam(em: EntityManager, user: AuthUser, teamId: string | null | undefined): Promise<void> {
    if (!teamId) return;
    if (visibilityLevel(user) !== 'all') {
      if (!user.teamIds.includes(teamId)) throw Problems.invalid([{ field: 'teamId', message: 'Solo puede usar sus propios equipos.' }]);
      return;
    }
    if (!(await this.users.teamExists(em, user.tenantId, teamId))) throw Problems.invalid([{ field: 'teamId', message: 'El equipo no existe.' }]);
  }
}
