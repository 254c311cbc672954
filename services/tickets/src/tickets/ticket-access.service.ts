import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { visibilityLevel, visibilityPredicate, type AuthUser } from '@crm/auth';
import { Problems } from '@crm/common';
import { Ticket } from './ticket.entity.js';

/**
 * The one place ticket reads are scoped: the caller's tenant and record visibility. Support and
 * sales see the tickets they registered (owner) or are assigned, plus their teams'; managers
 * their teams'; admins (and API keys) the whole tenant; read-only users their teams'. Anything
 * else is "not found" (404), on the ticket and on everything under it.
 */
@Injectable()
export class TicketAccessService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * A predicate on `alias` with TypeORM named parameters, for list queries and hand-written SQL
   * (tenant included, merged-away tickets excluded).
   */
  visibilityWhere(user: AuthUser, alias = 't'): { sql: string; params: Record<string, unknown> } {
    // libs/auth's rule with the assignee as "owner" and the registering user as "creator";
    // every ticket is shared with its team, so no shared flag.
    const rule = visibilityPredicate(user, { owner: `${alias}.assignee_id`, team: `${alias}.team_id`, createdBy: `${alias}.owner_id` });
    const readonlyOnly = user.kind === 'user' && user.roles.every((role) => role === 'readonly');
    const registeredByMe = visibilityLevel(user) !== 'all' && !readonlyOnly ? ` OR ${alias}.owner_id = :visUserId` : '';
    return {
      sql: `(${alias}.tenant_id = :visTenantId AND ${alias}.merged_into_id IS NULL AND (${rule.sql}${registeredByMe}))`,
      params: { visTenantId: user.tenantId, visUserId: user.id, ...rule.params },
    };
  }

  visibleQuery(user: AuthUser, em: EntityManager = this.dataSource.manager, alias = 't'): SelectQueryBuilder<Ticket> {
    const where = this.visibilityWhere(user, alias);
    return em.createQueryBuilder(Ticket, alias).where(where.sql, where.params);
  }

  /** A visible ticket or a 404 problem; `lock` takes it FOR UPDATE in the caller's transaction. */
  async findVisible(user: AuthUser, id: string, manager?: EntityManager, lock = false): Promise<Ticket> {
    const query = this.visibleQuery(user, manager).andWhere('t.id = :ticketId', { ticketId: id });
    if (lock) query.setLock('pessimistic_write');
    const ticket = await query.getOne();
    if (!ticket) throw Problems.notFound('La PQR no existe o no es visible para usted.');
    return ticket;
  }
}
