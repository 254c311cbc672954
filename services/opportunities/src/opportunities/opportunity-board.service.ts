import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { visibilityPredicate, type AuthUser } from '@crm/auth';
import { Problems, toPage, type Language } from '@crm/common';
import { keysetTimeKey } from '@crm/database';
import { toStageView } from '../pipelines/pipeline.views.js';
import { Stage, type StageKind } from '../pipelines/stage.entity.js';
import type { BoardQueryDto } from './dto/board.query.dto.js';
import { OpportunitiesQueryService, type OpportunityFilters } from './opportunities-query.service.js';
import { CARD_FIELDS, toBoardCardView, type CardRow } from './board-card.view.js';
import { selectList } from './opportunity-columns.js';
import { labelOf } from '../pipelines/default-pipeline.js';

interface TotalsRow {
  stage_id: string;
  currency: string;
  count: number;
  amount: string;
  weighted: string;
}

interface StageRow {
  pipeline: string;
  id: string | null;
  tenant_id: string;
  pipeline_id: string;
  name: string;
  seed_key: string | null;
  position: number;
  probability: number;
  kind: StageKind;
  shown_as_tab: boolean;
  stale_after_days: number | null;
  archived_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** The SELECT list of a card (built once). */
const CARD_SELECT = selectList(CARD_FIELDS);

/** Board filters the per-stage totals table can answer (it is kept per owner and team); any other falls back to aggregating the deals. */
const TOTALS_TABLE_FILTERS = new Set(['pipelineId', 'ownerId', 'teamId']);

/**
 * What a kanban needs in one call: each active stage of the pipeline in order with its count,
 * value and weighted value (value × probability) per currency, and the first page of cards.
 * The next cards of a column: GET /opportunities?pipelineId&stageId&cursor=<column's nextCursor>.
 *
 * Three statements whatever the number of stages, sent at once (bench/opportunities-board.bench.mjs):
 * the pipeline's stages (and whether it exists), the totals (from `board_total`, kept by triggers,
 * when the filters allow), and every column's cards with their contacts' names (one LATERAL
 * keyset query). Cards are the
 * lean card view (board-card.view.ts), read raw: no entity is hydrated.
 */
@Injectable()
export class OpportunityBoardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: OpportunitiesQueryService,
  ) {}

  async board(user: AuthUser, query: BoardQueryDto, language: Language) {
    const em: EntityManager = this.dataSource.manager;
    const { limit, ...rest } = query;
    const filters: OpportunityFilters = { ...rest, pipelineId: query.pipelineId };
    // The three statements at once, on three pooled connections: each is scoped by the tenant, so
    // nothing leaks when the pipeline is not the caller's (stagesOf answers 404 and the rest is dropped).
    const [stages, totals, cardRows] = await Promise.all([this.stagesOf(em, user.tenantId, query.pipelineId), this.totals(em, user, filters), this.cards(em, user, filters, limit)]);
    const shown = stages.filter((stage) => !stage.archivedAt || totals.some((row) => row.stage_id === stage.id));
    const columns = shown.map((stage) => {
      const rows = totals.filter((row) => row.stage_id === stage.id);
      const stageName = labelOf(stage, language);
      const cards = toPage(
        cardRows.get(stage.id) ?? [],
        limit,
        (row) => [row.keysetTime, row.id],
        (row) => toBoardCardView(row, stageName),
      );
      return {
        stage: toStageView(stage, language),
        count: rows.reduce((sum, row) => sum + row.count, 0),
        totals: rows.map((row) => ({
          currency: row.currency,
          count: row.count,
          value: { amount: row.amount, currency: row.currency },
          weighted: { amount: row.weighted, currency: row.currency },
        })),
        cards: cards.items,
        nextCursor: cards.nextCursor,
      };
    });
    return { pipelineId: query.pipelineId, columns };
  }

  /** The pipeline's stages in order, in one statement with the pipeline's existence (404 when it is not the tenant's). */
  private async stagesOf(em: EntityManager, tenantId: string, pipelineId: string): Promise<Stage[]> {
    const rows = (await em.query(
      `SELECT p.id AS pipeline, s.id, s.tenant_id, s.pipeline_id, s.name, s.seed_key, s.position, s.probability, s.kind, s.shown_as_tab, s.stale_after_days, s.archived_at, s.version, s.created_at, s.updated_at
         FROM opportunities.pipeline p LEFT JOIN opportunities.stage s ON s.tenant_id = p.tenant_id AND s.pipeline_id = p.id
        WHERE p.tenant_id = $1 AND p.id = $2
        ORDER BY s.position`,
      [tenantId, pipelineId],
    )) as StageRow[];
    if (rows.length === 0) throw Problems.notFound('El embudo no existe.');
    return rows
      .filter((row) => row.id !== null)
      .map((row) =>
        Object.assign(new Stage(), {
          id: row.id,
          tenantId: row.tenant_id,
          pipelineId: row.pipeline_id,
          name: row.name,
          seedKey: row.seed_key,
          position: row.position,
          probability: row.probability,
          kind: row.kind,
          shownAsTab: row.shown_as_tab,
          staleAfterDays: row.stale_after_days,
          archivedAt: row.archived_at,
          version: row.version,
          createdAt: row.created_at,
          updatedAt: row.updated_at,
        }),
      );
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

  /**
   * The first `limit` + 1 cards of every stage of the pipeline (newest first), by stage, in one
   * statement: every column's card ids by a keyset LATERAL over the covering index (index only),
   * then those rows' card fields and contact names, read raw (mapped straight to card views).
   */
  private async cards(em: EntityManager, user: AuthUser, filters: OpportunityFilters, limit: number): Promise<Map<string, CardRow[]>> {
    const [columnSql, params] = this.queries
      .filtered(user, filters)
      .select('o.id', 'id')
      .addSelect(keysetTimeKey('o.created_at'), 'keyset_time')
      .andWhere('o.stage_id = column_stage.id')
      .orderBy('o.created_at', 'DESC')
      .addOrderBy('o.id', 'DESC')
      .limit(limit + 1)
      .getQueryAndParameters();
    const tenant = `$${params.length + 1}`;
    const pipeline = `$${params.length + 2}`;
    const rows = (await em.query(
      `WITH card AS MATERIALIZED (
         SELECT column_stage.id AS stage_id, card.id, card.keyset_time
           FROM opportunities.stage column_stage
          CROSS JOIN LATERAL (${columnSql}) card
          WHERE column_stage.tenant_id = ${tenant} AND column_stage.pipeline_id = ${pipeline}
       )
       SELECT ${CARD_SELECT}, card.keyset_time AS "keysetTime"
         FROM card JOIN opportunities.opportunity o ON o.id = card.id AND o.tenant_id = ${tenant}
        ORDER BY card.stage_id, card.keyset_time DESC, card.id DESC`,
      [...params, user.tenantId, filters.pipelineId],
    )) as CardRow[];
    // Newest first within each column, as the keyset cursor expects (the time key is a fixed-width UTC string).
    const columns = new Map<string, CardRow[]>();
    for (const row of rows) {
      const column = columns.get(row.stageId);
      if (column) column.push(row);
      else columns.set(row.stageId, [row]);
    }
    return columns;
  }
}
