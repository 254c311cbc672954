import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isLifecycle, sameFact, transition, type ContactFactState } from './contact-stats.math.js';

interface FactRow {
  created: boolean;
  created_day: string | null;
  lifecycle: string | null;
  lifecycle_version: number;
  owner_id: string | null;
  owner_version: number;
}

export interface ProjectionResult {
  changed: boolean;
}

/**
 * Applies one event to one contact's fact and the tenant's counters, inside the handler's inbox
 * transaction. The fact row is locked (FOR UPDATE) so two events of one contact apply in turn.
 */
@Injectable()
export class ContactStatsProjector {
  async apply(em: EntityManager, tenantId: string, contactId: string, reduce: (state: ContactFactState) => ContactFactState): Promise<ProjectionResult> {
    // Make sure the row exists, then lock it: a concurrent first event waits here instead of failing.
    await em.query(`INSERT INTO contact_fact (tenant_id, contact_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [tenantId, contactId]);
    const [row] = await em.query<FactRow[]>(
      `SELECT created, to_char(created_day, 'YYYY-MM-DD') AS created_day, lifecycle, lifecycle_version, owner_id, owner_version
         FROM contact_fact WHERE tenant_id = $1 AND contact_id = $2 FOR UPDATE`,
      [tenantId, contactId],
    );
    const prev = toState(row!);
    const next = reduce(prev);
    if (sameFact(prev, next)) return { changed: false };

    const { counters, daily } = transition(prev, next);
    await em.query(
      `UPDATE contact_fact
          SET created = $3, created_day = $4, lifecycle = $5, lifecycle_version = $6, owner_id = $7, owner_version = $8, updated_at = now()
        WHERE tenant_id = $1 AND contact_id = $2`,
      [tenantId, contactId, next.created, next.createdDay, next.lifecycle, next.lifecycleVersion, next.ownerId, next.ownerVersion],
    );
    if (counters.length > 0) {
      await em.query(
        `INSERT INTO contact_counter AS c (tenant_id, metric, key, value, updated_at)
         SELECT $1, d.metric, d.key, d.delta, now() FROM unnest($2::text[], $3::text[], $4::bigint[]) WITH ORDINALITY AS d(metric, key, delta, n)
         ORDER BY d.n
         ON CONFLICT (tenant_id, metric, key) DO UPDATE SET value = c.value + EXCLUDED.value, updated_at = now()`,
        [tenantId, counters.map((c) => c.metric), counters.map((c) => c.key), counters.map((c) => c.delta)],
      );
    }
    for (const { day, delta } of daily) {
      await em.query(
        `INSERT INTO contact_daily AS d (tenant_id, day, created_count, updated_at) VALUES ($1, $2::date, $3, now())
         ON CONFLICT (tenant_id, day) DO UPDATE SET created_count = d.created_count + EXCLUDED.created_count, updated_at = now()`,
        [tenantId, day, delta],
      );
    }
    return { changed: true };
  }
}

function toState(row: FactRow): ContactFactState {
  return {
    created: row.created,
    createdDay: row.created_day,
    lifecycle: isLifecycle(row.lifecycle) ? row.lifecycle : null,
    lifecycleVersion: row.lifecycle_version,
    ownerId: row.owner_id,
    ownerVersion: row.owner_version,
  };
}
