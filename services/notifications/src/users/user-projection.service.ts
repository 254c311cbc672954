import { Injectable } from '@nestjs/common';
import type { UserSnapshotData } from '@crm/contracts';
import type { EntityManager } from 'typeorm';
import { UserNotKnownYetError } from '../assignments/user-not-known-yet.error.js';
import { UserProjection } from './user-projection.entity.js';

export type ProjectionOutcome = 'inserted' | 'updated' | 'stale';

/** Keeps the users projection; every write runs inside the caller's (inbox) transaction. */
@Injectable()
export class UserProjectionService {
  /**
   * Upserts a user snapshot, only if it is newer than what is stored: events can arrive late or
   * out of order (a retry of `created` after `updated`), and the newest version wins.
   */
  async apply(em: EntityManager, tenantId: string, user: UserSnapshotData): Promise<ProjectionOutcome> {
    const rows = await em.query<{ inserted: boolean }[]>(
      `INSERT INTO user_projection AS u (tenant_id, user_id, email, name, locale, active, team_ids, version, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[], $8, now())
       ON CONFLICT (tenant_id, user_id) DO UPDATE
         SET email = EXCLUDED.email, name = EXCLUDED.name, locale = EXCLUDED.locale,
             active = EXCLUDED.active, team_ids = EXCLUDED.team_ids, version = EXCLUDED.version, updated_at = now()
         WHERE u.version < EXCLUDED.version
       RETURNING (xmax = 0) AS inserted`,
      [tenantId, user.userId, user.email, user.name, user.locale === 'en' ? 'en' : 'es', user.active !== false, user.teamIds ?? [], user.version],
    );
    if (rows.length === 0) return 'stale';
    return rows[0]!.inserted ? 'inserted' : 'updated';
  }

  async find(em: EntityManager, tenantId: string, userId: string): Promise<UserProjection | null> {
    return em.getRepository(UserProjection).findOne({ where: { tenantId, userId } });
  }

  /** A user an event names as its recipient: not projected yet → {@link UserNotKnownYetError}, so the event retries. */
  async recipient(em: EntityManager, tenantId: string, userId: string): Promise<UserProjection> {
    const user = await this.find(em, tenantId, userId);
    if (!user) throw new UserNotKnownYetError(tenantId, userId);
    return user;
  }
}
