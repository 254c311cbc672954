import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { visibilityLevel, visibilityPredicate, type AuthUser } from '@crm/auth';
import { ProblemException, Problems } from '@crm/common';
import { Ticket } from './ticket.entity.js';

/** problem+json `type` of a change refused because the ticket was merged into another. */
export const TICKET_MERGED_PROBLEM = 'https://crm.example/problems/ticket-merged';

/**
 * The one place ticket reads are scoped: the caller's tenant and record visibility. Support and
 * sales see the tickets they registered (owner) or are assigned, plus their teams'; managers
 * their teams'; admins (and API keys) the whole tenant; read-only users their teams'. Anything
 * else is "not found" (404), on the ticket and on everything under it.
 *
 * A duplicate merged into another ticket stays visible to whoever could see it, read-only: reads
 * (`findReadable`, lists) return it closed with `mergedIntoId`; changes (`findVisible`) answer 409
 * naming the radicado that stays, where the conversation now lives.
 */
@Injectable()
export class TicketAccessService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * A predicate on `alias` with TypeORM named parameters, for list queries and hand-written SQL
   * (tenant included; merged-away duplicates included unless `includeMerged` is false).
   */
  visibilityWhere(user: AuthUser, alias = 't', { includeMerged = true }: { includeMerged?: boolean } = {}): { sql: string; params: Record<string, unknown> } {
    // libs/auth's rule with the assignee as "owner" and the registering user as "creator";
    // every ticket is shared with its team, so no shared flag.
    const rule = visibilityPredicate(user, { owner: `${alias}.assignee_id`, team: `${alias}.team_id`, createdBy: `${alias}.owner_id` });
    const readonlyOnly = user.kind === 'user' && user.roles.every((role) => role === 'readonly');
    const registeredByMe = visibilityLevel(user) !== 'all' && !readonlyOnly ? ` OR ${alias}.owner_id = :visUserId` : '';
    const notMerged = includeMerged ? '' : ` AND ${alias}.merged_into_id IS NULL`;
    return {
      sql: `(${alias}.tenant_id = :visTenantId${notMerged} AND (${rule.sql}${registeredByMe}))`,
      params: { visTenantId: user.tenantId, visUserId: user.id, ...rule.params },
    };
  }

  /** The tickets the caller can see, merged-away duplicates included (lists filter them with `merged`). */
  visibleQuery(user: AuthUser, em: EntityManager = this.dataSource.manager, alias = 't'): SelectQueryBuilder<Ticket> {
    const where = this.visibilityWhere(user, alias);
    return em.createQueryBuilder(Ticket, alias).where(where.sql, where.params);
  }

  /**
   * A visible ticket to read, a merged-away duplicate included (closed, `mergedIntoId` set), or a
   * 404 problem; `lock` takes it FOR UPDATE in the caller's transaction.
   */
  async findReadable(user: AuthUser, id: string, manager?: EntityManager, lock = false): Promise<Ticket> {
    const query = this.visibleQuery(user, manager).andWhere('t.id = :ticketId', { ticketId: id });
    if (lock) query.setLock('pessimistic_write');
    const ticket = await query.getOne();
    if (!ticket) throw Problems.notFound('La PQR no existe o no es visible para usted.');
    return ticket;
  }

  /**
   * A visible ticket to work on (change, reply, attach, assign…), or a 404 problem; a duplicate
   * merged into another is read-only: 409 naming the radicado that stays (`mergedIntoId`).
   * `lock` takes it FOR UPDATE in the caller's transaction.
   */
  async findVisible(user: AuthUser, id: string, manager?: EntityManager, lock = false): Promise<Ticket> {
    const ticket = await this.findReadable(user, id, manager, lock);
    if (ticket.mergedIntoId) throw await this.mergedConflict(ticket, manager);
    return ticket;
  }

  /** 409 for a change to a merged-away duplicate: where its conversation went. */
  async mergedConflict(ticket: Ticket, manager: EntityManager = this.dataSource.manager): Promise<ProblemException> {
    const [primary] = (await manager.query('SELECT radicado FROM tickets.ticket WHERE id = $1 AND tenant_id = $2', [ticket.mergedIntoId, ticket.tenantId])) as { radicado: string }[];
    return new ProblemException(409, `La PQR ${ticket.radicado} se fusionó con la PQR ${primary?.radicado ?? ''} y es solo de lectura; continúe en esa.`, {
      type: TICKET_MERGED_PROBLEM,
      mergedIntoId: ticket.mergedIntoId,
      mergedIntoRadicado: primary?.radicado ?? null,
    });
  }
}
