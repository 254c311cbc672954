import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Problems } from '@crm/common';

export interface UserRefView {
  userId: string;
  name: string;
  email: string;
  teamIds: string[];
  active: boolean;
}

/** The users projection (from identity.user.* events). */
@Injectable()
export class UsersProjection {
  async find(em: EntityManager, tenantId: string, userId: string): Promise<UserRefView | null> {
    const rows = (await em.query('SELECT user_id, name, email, team_ids, active FROM opportunities.user_ref WHERE tenant_id = $1 AND user_id = $2', [tenantId, userId])) as {
      user_id: string;
      name: string;
      email: string;
      team_ids: string[];
      active: boolean;
    }[];
    const row = rows[0];
    return row ? { userId: row.user_id, name: row.name, email: row.email, teamIds: row.team_ids, active: row.active } : null;
  }

  /** An active user of the tenant, or 400 naming the field. */
  async assertActiveUser(em: EntityManager, tenantId: string, userId: string, field: string): Promise<UserRefView> {
    const user = UUID.test(userId) ? await this.find(em, tenantId, userId) : null;
    if (!user || !user.active) throw Problems.invalid([{ field, message: 'El usuario no existe o no está activo en su organización.' }]);
    return user;
  }

  /** Teams the tenant knows (some active user belongs to them). */
  async teamExists(em: EntityManager, tenantId: string, teamId: string): Promise<boolean> {
    if (!UUID.test(teamId)) return false;
    const rows = (await em.query('SELECT 1 FROM opportunities.user_ref WHERE tenant_id = $1 AND $2 = ANY(team_ids) LIMIT 1', [tenantId, teamId])) as unknown[];
    return rows.length > 0;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
