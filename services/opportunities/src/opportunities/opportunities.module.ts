import { Module } from '@nestjs/common';
import { LostReasonsModule } from '../lost-reasons/lost-reasons.module.js';
import { PipelinesModule } from '../pipelines/pipelines.module.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { OpportunitiesQueryService } from './opportunities-query.service.js';
import { OpportunitiesController } from './opportunities.controller.js';
import { OpportunitiesService } from './opportunities.service.js';
import { OpportunityAccessModule } from './opportunity-access.module.js';
import { OpportunityFunnelService } from './opportunity-funnel.service.js';
import { OpportunityLabelsService } from './opportunity-labels.service.js';
import { OpportunityRules } from './opportunity-rules.service.js';
import { OpportunityBoardService } from './opportunity-board.service.js';
import { OpportunityForecastService } from './opportunity-forecast.service.js';

@Module({
  imports: [OpportunityAccessModule, PipelinesModule, LostReasonsModule, ProjectionsModule],
  controllers: [OpportunitiesController],
  providers: [OpportunitiesService, OpportunityFunnelService, OpportunitiesQueryService, OpportunityLabelsService, OpportunityRules, OpportunityBoardService, OpportunityForecastService],
  exports: [OpportunitiesService, OpportunitiesQueryService, OpportunityLabelsService, OpportunityFunnelService],
})
export class OpportunitiesModule {}
