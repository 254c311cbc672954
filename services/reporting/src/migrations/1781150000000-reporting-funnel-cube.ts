import type { MigrationInterface, QueryRunner } from 'typeorm';
import { loadReportingConfig } from '../config/reporting-env.js';

const S = 'reporting';

/**
 * The funnel cube and the indexes of the sales-cycle report (issue #10: both over 1 s on 1M deals).
 * - rpt_funnel_cube: the funnel's counts and values per creation month (tenant zone), owner, team,
 *   pipeline, stage / source, status and currency, kept by the projections' batched deltas
 *   (projections/cube.ts `funnelCells`); filled here from the deals already projected, with the
 *   same definition.
 * - Covering indexes, so those reports read the index, not the rows (a day's deals lie all over
 *   the table): deals by creation (the funnel's edge days, trends) and, apart, those without a
 *   source of their own (the funnel reads them directly: their contact's source can change); deals
 *   by close instant (sales cycle, trends, sellers); stage changes by instant (time in stage).
 */
export class ReportingFunnelCube1781150000000 implements MigrationInterface {
  name = 'ReportingFunnelCube1781150000000';

  async up(q: QueryRunner): Promise<void> {
    // Filling the cube and building the indexes over millions of existing rows outlasts the services' 5 s statement limit.
    await q.query(`SET LOCAL statement_timeout = 0`);
    await q.query(`
      CREATE TABLE ${S}.rpt_funnel_cube (
        tenant_id uuid NOT NULL, kind text NOT NULL, month text NOT NULL, owner_id text NOT NULL, team_id text NOT NULL, pipeline_id text NOT NULL,
        source_id text NOT NULL, stage_id text NOT NULL, status text NOT NULL, currency text NOT NULL,
        n bigint NOT NULL DEFAULT 0, valued bigint NOT NULL DEFAULT 0, amount numeric NOT NULL DEFAULT 0,
        PRIMARY KEY (tenant_id, kind, month, owner_id, team_id, pipeline_id, source_id, stage_id, status, currency))`);
    await q.query(funnelCubeFillSql(`${S}.rpt_opportunity`, `${S}.rpt_funnel_cube`), [loadReportingConfig().REPORTING_TIME_ZONE]);

    await q.query(`DROP INDEX IF EXISTS ${S}.rpt_opportunity_closed_idx`);
    await q.query(
      `CREATE INDEX rpt_opportunity_closed_idx ON ${S}.rpt_opportunity (tenant_id, closed_at)
         INCLUDE (status, created_at, owner_id, team_id, pipeline_id, currency, amount) WHERE closed_at IS NOT NULL`,
    );
    // What the funnel's edge days and the trends read of a deal, so they are read from the index (deals of one day lie all over the table).
    const funnelColumns = 'owner_id, team_id, pipeline_id, status, stage_id, source_id, contact_id, currency, amount, reached_stage_ids';
    await q.query(`DROP INDEX IF EXISTS ${S}.rpt_opportunity_created_idx`);
    await q.query(`CREATE INDEX rpt_opportunity_created_idx ON ${S}.rpt_opportunity (tenant_id, created_at) INCLUDE (${funnelColumns})`);
    await q.query(`CREATE INDEX rpt_opportunity_no_source_idx ON ${S}.rpt_opportunity (tenant_id, created_at) INCLUDE (${funnelColumns}) WHERE source_id IS NULL`);
    await q.query(`CREATE INDEX rpt_stage_move_changed_idx ON ${S}.rpt_stage_move (tenant_id, changed_at) INCLUDE (opportunity_id, from_stage_id, seconds_in_previous)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ${S}.rpt_stage_move_changed_idx`);
    await q.query(`DROP INDEX IF EXISTS ${S}.rpt_opportunity_no_source_idx`);
    await q.query(`DROP INDEX IF EXISTS ${S}.rpt_opportunity_created_idx`);
    await q.query(`CREATE INDEX rpt_opportunity_created_idx ON ${S}.rpt_opportunity (tenant_id, created_at)`);
    await q.query(`DROP INDEX IF EXISTS ${S}.rpt_opportunity_closed_idx`);
    await q.query(`CREATE INDEX rpt_opportunity_closed_idx ON ${S}.rpt_opportunity (tenant_id, closed_at) WHERE closed_at IS NOT NULL`);
    await q.query(`DROP TABLE IF EXISTS ${S}.rpt_funnel_cube`);
  }
}

/** The funnel cube of every projected deal in one pass (`$1` = the tenant zone); the same cells as `funnelCells`. */
export function funnelCubeFillSql(opportunities: string, cube: string): string {
  const dims = `o.tenant_id, to_char(o.created_at AT TIME ZONE $1, 'YYYY-MM') AS month, coalesce(o.owner_id::text, '') AS owner_id, coalesce(o.team_id::text, '') AS team_id,
                coalesce(o.pipeline_id::text, '') AS pipeline_id`;
  const rest = `coalesce(o.currency, '') AS currency, o.amount`;
  return `
    INSERT INTO ${cube} (tenant_id, kind, month, owner_id, team_id, pipeline_id, source_id, stage_id, status, currency, n, valued, amount)
    SELECT tenant_id, kind, month, owner_id, team_id, pipeline_id, source_id, stage_id, status, currency, count(*), count(amount), coalesce(sum(amount), 0)
      FROM (SELECT 'deal' AS kind, ${dims}, '' AS source_id, coalesce(o.stage_id::text, '') AS stage_id, coalesce(o.status, '') AS status, ${rest}
              FROM ${opportunities} o WHERE o.created_at IS NOT NULL
            UNION ALL
            SELECT 'source', ${dims}, o.source_id::text, '', coalesce(o.status, ''), ${rest}
              FROM ${opportunities} o WHERE o.created_at IS NOT NULL AND o.source_id IS NOT NULL
            UNION ALL
            SELECT 'reached', ${dims}, '', r.stage_id::text, '', ${rest}
              FROM ${opportunities} o CROSS JOIN LATERAL unnest(o.reached_stage_ids) AS r(stage_id) WHERE o.created_at IS NOT NULL) x
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`;
}
