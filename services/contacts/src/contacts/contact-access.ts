import { Injectable } from '@nestjs/common';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { DataSource } from 'typeorm';
import { visibilityPredicate, type AuthUser } from '@crm/auth';
import { Problems } from '@crm/common';
import { Contact } from './contact.entity.js';

/**
 * The one place contact reads are scoped: by the caller's tenant and by record visibility.
 * Anything not visible is "not found", so ids of other people's records do not leak.
 */
@Injectable()
export class ContactAccess {
  constructor(private readonly dataSource: DataSource) {}

  visibleQuery(user: AuthUser, em: EntityManager = this.dataSource.manager, alias = 'c'): SelectQueryBuilder<Contact> {
    const visibility = visibilityPredicate(user, {
      owner: `${alias}.owner_id`,
      team: `${alias}.team_id`,
      createdBy: `${alias}.created_by`,
      sharedWithTeam: `${alias}.shared_with_team`,
    });
    return em
      .createQueryBuilder(Contact, alias)
      .where(`${alias}.tenant_id = :tenantId`, { tenantId: user.tenantId })
      .andWhere(visibility.sql, visibility.params);
  }

  /** Loads a visible contact, optionally locking it for an update in the caller's transaction. */
  async findVisible(user: AuthUser, id: string, em?: EntityManager, lock = false): Promise<Contact> {
    const query = this.visibleQuery(user, em).andWhere('c.id = :id', { id });
    if (lock) query.setLock('pessimistic_write');
    const contact = await query.getOne();
    if (!contact) throw Problems.notFound('El contacto no existe o no es visible para usted.');
    return contact;
  }
}
