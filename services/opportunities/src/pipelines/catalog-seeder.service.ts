import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DEFAULT_LOST_REASONS, DEFAULT_PIPELINE, DEFAULT_STAGES } from './default-pipeline.js';

/**
 * Seeds a tenant's default pipeline, stages and lost reasons once, the first time any of them
 * is needed. The tenant_seed row is the "once": concurrent first calls wait on its key and only
 * the one that inserted it seeds (an admin who deletes or renames defaults never gets them back).
 */
@Injectable()
export class CatalogSeeder {
  private readonly seeded = new Set<string>();

  constructor(private readonly dataSource: DataSource) {}

  async ensure(tenantId: string, em?: EntityManager): Promise<void> {
    if (this.seeded.has(tenantId)) return;
    const run = async (tx: EntityManager) => {
      const inserted = (await tx.query('INSERT INTO opportunities.tenant_seed (tenant_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING tenant_id', [tenantId])) as unknown[];
      if (inserted.length > 0) await this.seed(tx, tenantId);
    };
    if (em) await run(em);
    else await this.dataSource.transaction(run);
    this.seeded.add(tenantId);
  }

  private async seed(em: EntityManager, tenantId: string): Promise<void> {
    const [pipeline] = (await em.query('INSERT INTO opportunities.pipeline (tenant_id, name, seed_key, position, is_default) VALUES ($1, $2, $3, 0, true) RETURNING id', [
      tenantId,
      DEFAULT_PIPELINE.es,
      DEFAULT_PIPELINE.key,
    ])) as { id: string }[];
    for (const [position, stage] of DEFAULT_STAGES.entries()) {
      await em.query(
        'INSERT INTO opportunities.stage (tenant_id, pipeline_id, name, seed_key, position, probability, kind, shown_as_tab, stale_after_days) VALUES ($1, $2, $3, $4, $5, $6, $7, true, $8)',
        [tenantId, pipeline!.id, stage.es, stage.key, position, stage.probability, stage.kind, stage.staleAfterDays],
      );
    }
    for (const [position, reason] of DEFAULT_LOST_REASONS.entries()) {
      await em.query('INSERT INTO opportunities.lost_reason (tenant_id, name, seed_key, position) VALUES ($1, $2, $3, $4)', [tenantId, reason.es, reason.key, position]);
    }
  }
}
