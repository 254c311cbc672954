import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import type { Language } from '@crm/common';
import { timeKeysetPage } from '@crm/database';
import { PipelinesService } from '../pipelines/pipelines.service.js';
import { toStageView } from '../pipelines/pipeline.views.js';
import { Stage } from '../pipelines/stage.entity.js';
import type { BoardQueryDto } from './dto/board.query.dto.js';
import { OpportunitiesQueryService } from './opportunities-query.service.js';
import { OpportunityLabelsService } from './opportunity-labels.service.js';
import { toOpportunityView } from './opportunity.view.js';

interface TotalsRow {
  stage_id: string;
  currency: string;
  count: number;
  amount: string;
  weighted: string;
}

/**
 * What a kanban needs in one call: each active stage of the pipeline in order with its count,
 * value and weighted value (value × probability) per currency, and the first page of cards.
 * The next cards of a column: GET /opportunities?pipelineId&stageId&cursor=<column's nextCursor>.
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
    const { limit, ...filters } = query;
    const totalsQuery = this.queries
      .filtered(user, filters)
      .select('o.stage_id', 'stage_id')
      .addSelect('o.currency', 'currency')
      .addSelect('count(*)::int', 'count')
      .addSelect('sum(o.amount)::text', 'amount')
      .addSelect('round(sum(o.amount * o.probability / 100.0), 2)::text', 'weighted')
      .groupBy('o.stage_id')
      .addGroupBy('o.currency');
    const totals = await totalsQuery.getRawMany<TotalsRow>();
    const columns = [];
    for (const stage of stages) {
      const rows = totals.filter((row) => row.stage_id === stage.id);
      if (stage.archivedAt && rows.length === 0) continue;
      const cards = await timeKeysetPage(
        this.queries
          .filtered(user, { ...filters, stageId: stage.id })
          .orderBy('o.created_at', 'DESC')
          .addOrderBy('o.id', 'DESC'),
        limit,
        'o.created_at',
        (o) => o,
      );
      const labels = await this.labels.labelsOf(em, cards.items, language);
      columns.push({
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
      });
    }
    return { pipelineId: pipeline.id, columns };
  }
}
