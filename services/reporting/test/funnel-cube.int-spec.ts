import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AuthUser } from '@crm/auth';
import { CommonModule } from '@crm/common';
import type { CloudEvent } from '@crm/contracts';
import { DatabaseModule } from '@crm/database';
import { DataSource } from 'typeorm';
import { ReportingConfigModule } from '../src/config/reporting-config.module.js';
import { funnelCubeFillSql } from '../src/migrations/1781150000000-reporting-funnel-cube.js';
import { REPORTING_MIGRATIONS } from '../src/migrations/index.js';
import type { AnyEvent } from '../src/projections/projection.js';
import { ProjectionRunner } from '../src/projections/projection-runner.js';
import { TicketProjection } from '../src/projections/ticket.projection.js';
import type { ReportQueryDto } from '../src/reports/dto/report-query.dto.js';
import { FunnelReportService } from '../src/reports/funnel-report.service.js';
import { ReportScope } from '../src/reports/report-scope.js';
import { SalesReportsService } from '../src/reports/sales-reports.service.js';
import { funnelMonths, type FunnelEvents } from './funnel-cube-events.js';

/**
 * The funnel's monthly cube (kept by the projections' batched deltas) against the direct
 * computation over the deals, on four months of generated deals applied in batches the way the
 * consumer applies them (with redeliveries): whole months, edge days, no whole month, every
 * filter and every visibility level must give the same report. The migration's fill of the cube
 * from existing deals must give the same cells as the deltas, and so must a rebuild.
 */
@Module({
  imports: [CommonModule.forService('reporting'), DatabaseModule.forService({ schema: 'reporting', entities: [], migrations: REPORTING_MIGRATIONS, poolSize: 4 }), ReportingConfigModule],
  providers: [TicketProjection, ProjectionRunner, SalesReportsService, FunnelReportService],
})
class FunnelTestModule {}

const TZ = 'America/Bogota';

describe('the funnel cube equals the direct computation', () => {
  let app: INestApplicationContext;
  let db: DataSource;
  let funnels: FunnelReportService;
  let data: FunnelEvents;
  const tenantId = randomUUID();
  const adminId = randomUUID();
  const [teamA, teamB] = [randomUUID(), randomUUID()];
  const sellers = [
    { id: randomUUID(), teamId: teamA },
    { id: randomUUID(), teamId: teamA },
    { id: randomUUID(), teamId: teamB },
  ];
  const user = (id: string, roles: AuthUser['roles'], teamIds: string[] = []): AuthUser => ({ kind: 'user', id, tenantId, roles, teamIds, scopes: [] });
  const admin = user(adminId, ['admin']);
  const manager = user(randomUUID(), ['manager'], [teamB]);
  const seller = user(sellers[0]!.id, ['sales'], [teamA]);

  async function applyInBatches(events: CloudEvent[], size: number): Promise<void> {
    const runner = app.get(ProjectionRunner);
    for (let i = 0; i < events.length; i += size) {
      await db.transaction((em) => runner.apply(em, events.slice(i, i + size) as AnyEvent[]));
    }
  }

  const cube = () =>
    db.query<Record<string, string>[]>(
      `SELECT kind, month, owner_id, team_id, pipeline_id, source_id, stage_id, status, currency, n::text, valued::text, amount::numeric(30, 4)::text AS amount
         FROM rpt_funnel_cube WHERE tenant_id = $1 AND n <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9`,
      [tenantId],
    );

  const both = async (caller: AuthUser, query: ReportQueryDto) => {
    const scope = new ReportScope(caller, query, TZ);
    return { summary: await funnels.funnel(scope), direct: await funnels.funnel(scope, 'direct') };
  };

  beforeAll(async () => {
    app = await NestFactory.createApplicationContext(FunnelTestModule, { logger: false });
    db = app.get(DataSource);
    funnels = app.get(FunnelReportService);
    data = funnelMonths({ tenantId, adminId, sellers });
    // Batches of 37 events in time order, then a tenth of them again (redeliveries after a crash).
    await applyInBatches(data.events, 37);
    await applyInBatches(
      data.events.filter((_, i) => i % 10 === 3),
      50,
    );
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  it.each([
    ['four whole months', { from: '2026-01-01', to: '2026-04-30' }],
    ['edge days around whole months', { from: '2026-01-15', to: '2026-03-10' }],
    ['one whole month, edges of one day', { from: '2026-01-31', to: '2026-03-01' }],
    ['no whole month', { from: '2026-02-03', to: '2026-02-20' }],
    ['the last day before a month', { from: '2026-02-28', to: '2026-02-28' }],
  ])('as the admin: %s', async (_label, period) => {
    const { summary, direct } = await both(admin, period);
    expect(summary).toEqual(direct);
    // The cohort is the deals created in the period (tenant days), counted here from the generated instants.
    const from = Date.parse(`${period.from}T05:00:00.000Z`);
    const to = Date.parse(`${period.to}T05:00:00.000Z`) + 86_400_000;
    const cohort = data.createdAt.filter((at) => Date.parse(at) >= from && Date.parse(at) < to).length;
    expect(summary.byOwner.reduce((n, o) => n + o.created, 0)).toBe(cohort);
    expect(summary.bySource.reduce((n, s) => n + s.created, 0)).toBe(cohort);
  });

  it('with owner, team and pipeline filters, and for a manager and a seller (their visibility)', async () => {
    const period = { from: '2026-01-20', to: '2026-04-30' };
    for (const [caller, query] of [
      [admin, { ...period, ownerId: sellers[1]!.id.toUpperCase() }],
      [admin, { ...period, teamId: teamB }],
      [admin, { ...period, pipelineId: data.pipelines[1] }],
      [manager, period],
      [manager, { ...period, ownerId: sellers[0]!.id }],
      [seller, period],
      [seller, { ...period, pipelineId: data.pipelines[0] }],
    ] as [AuthUser, ReportQueryDto][]) {
      const { summary, direct } = await both(caller, query);
      expect(summary).toEqual(direct);
    }
    // The seller sees only their own deals, the manager only team B's.
    const own = await funnels.funnel(new ReportScope(seller, period, TZ));
    expect(own.byOwner.map((o) => o.ownerId)).toEqual([seller.id]);
    const team = await funnels.funnel(new ReportScope(manager, period, TZ));
    expect(team.byOwner.map((o) => o.ownerId)).toEqual([sellers[2]!.id]);
  });

  it('fills from existing deals (the migration) with the cells the deltas keep, and a rebuild in other batches gives them again', async () => {
    const kept = await cube();
    expect(kept.length).toBeGreaterThan(0);
    // One connection: the temporary table lives in its session.
    const runner = db.createQueryRunner();
    await runner.connect();
    let filled: Record<string, string>[];
    try {
      await runner.query(`CREATE TEMP TABLE funnel_fill (LIKE rpt_funnel_cube)`);
      await runner.query(funnelCubeFillSql('rpt_opportunity', 'funnel_fill'), [TZ]);
      filled = (await runner.query(
        `SELECT kind, month, owner_id, team_id, pipeline_id, source_id, stage_id, status, currency, n::text, valued::text, amount::numeric(30, 4)::text AS amount
           FROM funnel_fill WHERE tenant_id = $1 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9`,
        [tenantId],
      )) as Record<string, string>[];
      await runner.query(`DROP TABLE funnel_fill`);
    } finally {
      await runner.release();
    }
    expect(filled).toEqual(kept);

    // A rebuild: the tenant's rows and cube emptied, the events replayed in occurrence order (as the services republish them) in other batches.
    for (const table of ['rpt_contact', 'rpt_opportunity', 'rpt_stage', 'rpt_stage_move', 'rpt_opp_cube', 'rpt_contact_cube', 'rpt_funnel_cube']) {
      await db.query(`DELETE FROM ${table} WHERE tenant_id = $1`, [tenantId]);
    }
    await applyInBatches(data.events, 61);
    expect(await cube()).toEqual(kept);
  });
});
