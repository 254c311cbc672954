import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@crm/auth';
import { REPORTING_REPLAY_REQUESTED, type ReplayRequestedData } from '@crm/contracts';
import { OutboxService } from '@crm/messaging';
import { DataSource } from 'typeorm';

/** Read models re-derived from the services' replayed events (the ERP copies and users are kept: their publishers have no outbox to replay). */
export const REBUILT_TABLES = [
  'rpt_contact',
  'rpt_opportunity',
  'rpt_stage',
  'rpt_stage_move',
  'rpt_activity',
  'rpt_quote',
  'rpt_ticket',
  'rpt_source',
  'rpt_opp_cube',
  'rpt_contact_cube',
  'rpt_funnel_cube',
] as const;

/**
 * A rebuild: the tenant's event-derived rows are deleted and `reporting.replay.requested` goes
 * out in the same transaction; every service republishes its history to reporting's queue with
 * the replay id, and the projections re-derive the rows (inbox consumer per replay, so events
 * already handled live are applied again). Live events keep flowing meanwhile: the projections
 * are idempotent, so an event applied live and replayed counts once.
 */
@Injectable()
export class RebuildService {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  async rebuild(user: AuthUser): Promise<{ rebuildId: string; requestedAt: string }> {
    const rebuildId = randomUUID();
    const requestedAt = new Date().toISOString();
    await this.db.transaction(async (em) => {
      for (const table of REBUILT_TABLES) await em.query(`DELETE FROM ${table} WHERE tenant_id = $1`, [user.tenantId]);
      await em.query(`DELETE FROM rpt_source_cost WHERE tenant_id = $1 AND origin = 'event'`, [user.tenantId]);
      await em.query(`INSERT INTO rpt_rebuild (tenant_id, rebuild_id, requested_by) VALUES ($1, $2, $3)`, [user.tenantId, rebuildId, user.kind === 'user' ? user.id : null]);
      const data: ReplayRequestedData = {
        replayId: rebuildId,
        tenantId: user.tenantId,
        from: null,
        to: null,
        targetService: 'reporting',
        requestedBy: user.kind === 'user' ? user.id : null,
        requestedAt,
      };
      await this.outbox.publish(em, { type: REPORTING_REPLAY_REQUESTED, subject: rebuildId, tenantId: user.tenantId, data });
    });
    return { rebuildId, requestedAt };
  }
}
