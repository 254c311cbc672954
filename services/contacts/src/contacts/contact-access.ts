import { Injectable } from '@nestjs/common';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { DataSource } from 'typeorm';
import { visibilityPredicate, type AuthUser } from '@crm/auth';
import { Problems, ProblemException } from '@crm/common';
import { Contact } from './contact.entity.js';

export const CONTACT_MERGED_PROBLEM = 'https://crm.example/problems/contact-merged';

/**
 * The one place contact reads are scoped: by the caller's tenant and by record visibility, and
 * without contacts merged into another one (they live on only as a pointer to their survivor).
 * Anything not visible is "not found", so ids of other people's records do not leak.
 */
@Injectable()
export class ContactAccess {
  constructor(private readonly dataSource: DataSource) {}

  /** Visible, not merged-away contacts of the caller's tenant (lists, search, by id, export). */
  visibleQuery(user: AuthUser, em: EntityManager = this.dataSource.manager, alias = 'c'): SelectQueryBuilder<Contact> {
    return this.scopedQuery(user, em, alias).andWhere(`${alias}.merged_into_id IS NULL`);
  }

  /**
   * The same scoping as visibleQuery for hand-written SQL: a predicate on `alias` with TypeORM
   * named parameters (run it through the driver's escapeQueryWithParameters).
   */
  visiblePredicate(user: AuthUser, alias = 'c'): { sql: string; params: Record<string, unknown> } {
    const visibility = visibilityPredicate(user, this.visibilityColumns(alias));
    return {
      sql: `(${alias}.tenant_id = :tenantId AND ${visibility.sql} AND ${alias}.merged_into_id IS NULL)`,
      params: { tenantId: user.tenantId, ...visibility.params },
    };
  }

  /** Loads a visible contact, optionally locking it for an update in the caller's transaction. */
  async findVisible(user: AuthUser, id: string, em?: EntityManager, lock = false): Promise<Contact> {
    const query = this.visibleQuery(user, em).andWhere('c.id = :id', { id });
    if (lock) query.setLock('pessimistic_write');
    const contact = await query.getOne();
    if (!contact) throw await this.notFound(user, id, em);
    return contact;
  }

  /**
   * 404. When the id was merged into a contact the caller can see (and the caller could see the
   * merged one), the problem says so and names the survivor (`mergedIntoId`), so a client
   * holding an old id can follow it.
   */
  async notFound(user: AuthUser, id: string, em: EntityManager = this.dataSource.manager): Promise<ProblemException> {
    const merged = await this.scopedQuery(user, em)
      .select('c.id', 'id')
      .addSelect('c.merged_into_id', 'survivor')
      .andWhere('c.id = :id AND c.merged_into_id IS NOT NULL', { id })
      .getRawOne<{ id: string; survivor: string }>();
    if (merged) {
      const survivor = await this.visibleQuery(user, em).select('c.id', 'id').andWhere('c.id = :survivorId', { survivorId: merged.survivor }).getRawOne<{ id: string }>();
      if (survivor) {
        return new ProblemException(404, `El contacto fue fusionado con otro (${survivor.id}); use ese.`, { type: CONTACT_MERGED_PROBLEM, mergedIntoId: survivor.id });
      }
    }
    return Problems.notFound('El contacto no existe o no es visible para usted.');
  }

  /** Tenant and visibility only: merged-away contacts included (the merge pointer, audits). */
  private scopedQuery(user: AuthUser, em: EntityManager = this.dataSource.manager, alias = 'c'): SelectQueryBuilder<Contact> {
    const visibility = visibilityPredicate(user, this.visibilityColumns(alias));
    return em.createQueryBuilder(Contact, alias).where(`${alias}.tenant_id = :tenantId`, { tenantId: user.tenantId }).andWhere(visibility.sql, visibility.params);
  }

  private visibilityColumns(alias: string) {
    return { owner: `${alias}.owner_id`, team: `${alias}.team_id`, createdBy: `${alias}.created_by`, sharedWithTeam: `${alias}.shared_with_team` };
  }
}
