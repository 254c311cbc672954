import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { visibilityLevel, visibilityPredicate, type AuthUser } from '@crm/auth';
import { Problems } from '@crm/common';
import { Opportunity } from './opportunity.entity.js';

/**
 * The one place opportunity reads are scoped: the caller's tenant and contacts' visibility rule
 * (own / team / all). Anything not visible is "not found" (404), so ids do not leak. Activities,
 * quotes, notes and documents load their opportunity through here.
 */
@Injectable()
export class OpportunityAccessService {
  constructor(private readonly dataSource: DataSource) {}

  visibleQuery(user: AuthUser, em: EntityManager = this.dataSource.manager, alias = 'o'): SelectQueryBuilder<Opportunity> {
    const visibility = visibilityPredicate(user, OpportunityAccessService.columns(alias));
    return em.createQueryBuilder(Opportunity, alias).where(`${alias}.tenant_id = :tenantId`, { tenantId: user.tenantId }).andWhere(visibility.sql, visibility.params);
  }

  /** The caller's tenant only, without the visibility rule: for queries that add it themselves (visibilityBranches). */
  tenantQuery(user: AuthUser, em: EntityManager = this.dataSource.manager, alias = 'o'): SelectQueryBuilder<Opportunity> {
    return em.createQueryBuilder(Opportunity, alias).where(`${alias}.tenant_id = :tenantId`, { tenantId: user.tenantId });
  }

  /**
   * The visibility rule of visibilityPredicate as separate branches whose OR is the rule (null
   * when the caller sees the whole tenant): owned; created and still unassigned; one per team
   * (shared with the team, for sales and read-only users). Each branch is one ordered index scan
   * (owner, unowned-by-creator and team indexes), which the OR as a whole is not.
   */
  visibilityBranches(user: AuthUser, alias = 'o'): { sql: string; params: Record<string, unknown> }[] | null {
    const level = visibilityLevel(user);
    if (level === 'all') return null;
    const teams = user.teamIds.map((teamId, i) => ({ key: `visBranchTeam${i}`, teamId }));
    const shared = level === 'own' ? `${alias}.shared_with_team AND ` : '';
    const teamBranches = teams.map(({ key, teamId }) => ({ sql: `(${shared}${alias}.team_id = :${key})`, params: { [key]: teamId } }));
    const isReadonlyOnly = level === 'own' && user.roles.every((role) => role === 'readonly');
    if (isReadonlyOnly) return teamBranches.length > 0 ? teamBranches : [{ sql: '1=0', params: {} }];
    return [
      { sql: `${alias}.owner_id = :visUserId`, params: { visUserId: user.id } },
      { sql: `(${alias}.owner_id IS NULL AND ${alias}.created_by = :visUserId)`, params: { visUserId: user.id } },
      ...teamBranches,
    ];
  }

  /** The same scoping for hand-written SQL (TypeORM named parameters). */
  visiblePredicate(user: AuthUser, alias = 'o'): { sql: string; params: Record<string, unknown> } {
    const visibility = visibilityPredicate(user, OpportunityAccessService.columns(alias));
    return { sql: `(${alias}.tenant_id = :tenantId AND ${visibility.sql})`, params: { tenantId: user.tenantId, ...visibility.params } };
  }

  /** A visible opportunity (404 otherwise); `lock` takes a row lock in the caller's transaction. */
  async findVisible(user: AuthUser, id: string, em?: EntityManager, lock = false): Promise<Opportunity> {
    if (!UUID.test(id)) throw notFound();
    const query = this.visibleQuery(user, em).andWhere('o.id = :id', { id });
    if (lock) query.setLock('pessimistic_write');
    const opportunity = await query.getOne();
    if (!opportunity) throw notFound();
    return opportunity;
  }

  /**
   * Something happened on the opportunity (activity, note, stage change): it is no longer stale.
   * Call it in the transaction of that change.
   */
  async touchActivity(em: EntityManager, tenantId: string, opportunityId: string, at: Date = new Date()): Promise<void> {
    await em.query('UPDATE opportunities.opportunity SET last_activity_at = GREATEST(last_activity_at, $3), stalled_at = NULL WHERE tenant_id = $1 AND id = $2', [
      tenantId,
      opportunityId,
      at,
    ]);
  }

  static columns(alias: string) {
    return { owner: `${alias}.owner_id`, team: `${alias}.team_id`, createdBy: `${alias}.created_by`, sharedWithTeam: `${alias}.shared_with_team` };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function notFound() {
  return Problems.notFound('La oportunidad no existe o no es visible para usted.');
}
