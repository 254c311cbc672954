import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { visibilityPredicate, type AuthUser } from '@crm/auth';
import { toPage, type Language, type Page } from '@crm/common';
import { keysetTimeKey } from '@crm/database';
import { PipelinesService } from '../pipelines/pipelines.service.js';
import { toStageView } from '../pipelines/pipeline.views.js';
import { Stage } from '../pipelines/stage.entity.js';
import type { BoardQueryDto } from './dto/board.query.dto.js';
import { OpportunitiesQueryService, type OpportunityFilters } from './opportunities-query.service.js';
import { OpportunityLabelsService } from './opportunity-labels.service.js';
import { Opportunity } from './opportunity.entity.js';
import { toOpportunityView } from './opportunity.view.js';

interface TotalsRow {
  stage_id: string;
  currency: string;
  count: number;
  amount: string;
  weighted: string;
}

interface CardRow {
  stage_id: string;
  id: string;
  keyset_time: string;
}

/** Board filters the per-stage totals table can answer (it is kept per owner and team); any other falls back to aggregating the deals. */
const TOTALS_TABLE_FILTERS = new Set(['pipelineId', 'ownerId', 'teamId']);

/**
 * What a kanban needs in one call: each active stage of the pipeline in order with its count,
 * value and weighted value (value × probability) per currency, and the first page of cards.
 * The next cards of a column: GET /opportunities?pipelineId&stageId&cursor=<column's nextCursor>.
 *
 * Six statements whatever the number of stages (bench/opportunities-board.bench.mjs): the
 * pipeline, its stages, the totals (from `board_total`, kept by triggers, when the filters allow),
 * every column's card ids in one LATERAL keyset query, the cards, and their contacts' names.
 */
@Injectable()
export class OpportunityBoardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pipelines: PipelinesService,
    private readonly queries: OpportunitiesQueryService,
    private readonly labels: OpportunityLabelsService,
  ) {}

  async board(user: AuthUser, query: BoardQueryDto, language: Language) {
    const em: EntityManager = this.dataSource.manager;
    const pipeline = await this.pipelines.find(em, user.tenantId, query.pipelineId);
    const stages = await em.find(Stage, { where: { tenantId: user.tenantId, pipelineId: pipeline.id }, order: { position: 'ASC' } });
    const { limit, ...rest } = query;
    const filters: OpportunityFilters = { ...rest, pipelineId: pipeline.id };
    const totals = await this.totals(em, user, filters);
    const shown = stages.filter((stage) => !stage.archivedAt || totals.some((row) => row.stage_id === stage.id));
    const pages = await this.cards(em, user, filters, shown, limit);
    const labels = await this.labels.labelsOf(
      em,
      [...pages.values()].flatMap((page) => page.items),
      language,
      stages,
    );
    const columns = shown.map((stage) => {
      const rows = totals.filter((row) => row.stage_id === stage.id);
      const cards = pages.get(stage.id) ?? { items: [], nextCursor: null };
      return {
        stage: toStageView(stage, language),
        count: rows.reduce((sum, row) => sum + row.count, 0),
        totals: rows.map((row) => ({
          currency: row.currency,
          count: row.count,
          value: { amount: row.amount, currency: row.currency },
          weighted: { amount: row.weighted, currency: row.currency },
        })),
        cards: cards.items.map((o) => toOpportunityView(o, labels.get(o.id))),
        nextCursor: cards.nextCursor,
      };
    });
    return { pipelineId: pipeline.id, columns };
  }

  /**
   * Per stage and currency: count, Σ value and Σ value × probability / 100 (rounded to cents) of
   * the deals the caller can see. From `board_total` (a few rows per owner and stage) unless a
   * filter it does not keep (agent, assignee, tag, stale) asks for the deals themselves.
   */
  private async totals(em: EntityManager, user: AuthUser, filters: OpportunityFilters): Promise<TotalsRow[]> {
    const fromTable = Object.entries(filters).every(([key, value]) => value === undefined || TOTALS_TABLE_FILTERS.has(key));
    if (!fromTable) {
      return this.queries
        .filtered(user, filters)
        .select('o.stage_id', 'stage_id')
        .addSelect('o.currency', 'currency')
        .addSelect('count(*)::int', 'count')
        .addSelect('sum(o.amount)::text', 'amount')
        .addSelect('round(sum(o.amount * o.probability) / 100.0, 2)::text', 'weighted')
        .groupBy('o.stage_id')
        .addGroupBy('o.currency')
        .getRawMany<TotalsRow>();
    }
    // The same visibility rule, on the table's copies of the columns it reads (created_by is kept only for unowned deals, which is all the rule looks at).
    const visibility = visibilityPredicate(user, { owner: 'b.owner_id', team: 'b.team_id', createdBy: 'b.created_by', sharedWithTeam: 'b.shared_with_team' });
    const q = em
      .createQueryBuilder()
      .from('opportunities.board_total', 'b')
      .select('b.stage_id', 'stage_id')
      .addSelect('b.currency', 'currency')
      .addSelect('sum(b.opportunities)::int', 'count')
      .addSelect('sum(b.amount)::text', 'amount')
      .addSelect('round(sum(b.weighted_raw) / 100.0, 2)::text', 'weighted')
      .where('b.tenant_id = :tenantId AND b.pipeline_id = :pipelineId', { tenantId: user.tenantId, pipelineId: filters.pipelineId })
      .andWhere(visibility.sql, visibility.params);
    if (filters.ownerId) q.andWhere('b.owner_id = :ownerId', { ownerId: filters.ownerId });
    if (filters.teamId) q.andWhere('b.team_id = :teamId', { teamId: filters.teamId });
    return q.groupBy('b.stage_id').addGroupBy('b.currency').having('sum(b.opportunities) > 0').getRawMany<TotalsRow>();
  }

  /** The first `limit` cards of every column (newest first) and each column's next cursor: one keyset query for all columns, then the cards. */
  private async cards(em: EntityManager, user: AuthUser, filters: OpportunityFilters, stages: readonly Stage[], limit: number): Promise<Map<string, Page<Opportunity>>> {
    const pages = new Map<string, Page<Opportunity>>();
    if (stages.length === 0) return pages;
    const [columnSql, params] = this.queries
      .filtered(user, filters)
      .select('o.id', 'id')
      .addSelect(keysetTimeKey('o.created_at'), 'keyset_time')
      .andWhere('o.stage_id = column_stage.id')
      .orderBy('o.created_at', 'DESC')
      .addOrderBy('o.id', 'DESC')
      .limit(limit + 1)
      .getQueryAndParameters();
    const rows = (await em.query(
      `SELECT column_stage.id AS stage_id, card.id, card.keyset_time
         FROM unnest($${params.length + 1}::uuid[]) AS column_stage(id)
        CROSS JOIN LATERAL (${columnSql}) card`,
      [...params, stages.map((stage) => stage.id)],
    )) as CardRow[];
    const ids = rows.map((row) => row.id);
    const found =
      ids.length === 0 ? [] : await em.createQueryBuilder(Opportunity, 'o').where('o.tenant_id = :tenantId', { tenantId: user.tenantId }).andWhere('o.id IN (:...ids)', { ids }).getMany();
    const byId = new Map(found.map((o) => [o.id, o]));
    for (const stage of stages) {
      // Newest first, as the keyset cursor expects (the time key is a fixed-width UTC string; ids compare like uuids).
      const column = rows
        .filter((row) => row.stage_id === stage.id && byId.has(row.id))
        .sort((a, b) => (a.keyset_time === b.keyset_time ? (a.id < b.id ? 1 : -1) : a.keyset_time < b.keyset_time ? 1 : -1));
      pages.set(
        stage.id,
        toPage(
          column,
          limit,
          (row) => [row.keyset_time, row.id],
          (row) => byId.get(row.id)!,
        ),
      );
    }
    return pages;
  }
}
