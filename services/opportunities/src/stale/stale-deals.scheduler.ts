import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OPPORTUNITIES_OPPORTUNITY_STALLED, type OpportunityStalledData } from '@crm/contracts';
import { PollingScheduler } from '@crm/common';
import { OutboxService } from '@crm/messaging';
import { STALE_CONFIG, type StaleConfig } from '../config/stale-config.js';

interface StaleRow {
  id: string;
  tenant_id: string;
  contact_id: string;
  title: string;
  pipeline_id: string;
  stage_id: string;
  owner_id: string | null;
  team_id: string | null;
  agent_id: string | null;
  assignee_id: string | null;
  created_by: string;
  last_activity_at: Date;
  stage_name: string;
  stale_after_days: number;
  stalled_at: Date;
}

/**
 * Flags open deals with no activity for their stage's threshold and publishes
 * `opportunities.opportunity.stalled` once per stall. One transaction per pass: the due rows are
 * locked FOR UPDATE SKIP LOCKED (replicas never flag the same deal), `stalled_at` is set (so the
 * next pass skips it) and the events go to the outbox with it. Activity clears `stalled_at`
 * (OpportunityAccessService.touchActivity), so a deal can stall again later.
 */
@Injectable()
export class StaleDealsScheduler extends PollingScheduler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    @Inject(STALE_CONFIG) private readonly config: StaleConfig,
  ) {
    super({ pollMs: config.pollMs, batchSize: config.batchSize, what: 'stale opportunit(ies) flagged', name: 'stale deals' });
  }

  /** One pass; returns how many deals it flagged. */
  protected async pass(): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const rows = (await em.query(
        `WITH due AS (
           SELECT o.id FROM opportunities.opportunity o
             JOIN opportunities.stage s ON s.id = o.stage_id
            WHERE o.status = 'open' AND o.stalled_at IS NULL AND s.stale_after_days IS NOT NULL
              AND o.last_activity_at <= now() - make_interval(days => s.stale_after_days)
            ORDER BY o.last_activity_at
            LIMIT $1
            FOR UPDATE OF o SKIP LOCKED)
         UPDATE opportunities.opportunity o SET stalled_at = now()
           FROM due, opportunities.stage s
          WHERE o.id = due.id AND s.id = o.stage_id
         RETURNING o.id, o.tenant_id, o.contact_id, o.title, o.pipeline_id, o.stage_id, o.owner_id, o.team_id, o.agent_id, o.assignee_id,
                   o.created_by, o.last_activity_at, o.stalled_at, s.name AS stage_name, s.stale_after_days`,
        [this.config.batchSize],
      )) as [StaleRow[], number];
      const flagged = rows[0];
      if (flagged.length === 0) return 0;
      await this.outbox.publishAll(
        em,
        flagged.map((row) => {
          const data: OpportunityStalledData = {
            opportunityId: row.id,
            contactId: row.contact_id,
            title: row.title,
            pipelineId: row.pipeline_id,
            stageId: row.stage_id,
            ownerId: row.owner_id,
            teamId: row.team_id,
            agentId: row.agent_id,
            assigneeId: row.assignee_id,
            createdBy: row.created_by,
            stageName: row.stage_name,
            thresholdDays: row.stale_after_days,
            lastActivityAt: row.last_activity_at.toISOString(),
            stalledAt: row.stalled_at.toISOString(),
          };
          return { type: OPPORTUNITIES_OPPORTUNITY_STALLED, subject: row.id, tenantId: row.tenant_id, data };
        }),
      );
      return flagged.length;
    });
  }
}
