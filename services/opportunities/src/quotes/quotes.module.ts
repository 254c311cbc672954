import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OpportunityAccessModule } from '../opportunities/opportunity-access.module.js';
import { OpportunityQuotesController } from './opportunity-quotes.controller.js';
import { OpportunitiesModule } from '../opportunities/opportunities.module.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { QuoteSettingsModule } from '../quote-settings/quote-settings.module.js';
import { QuoteActionsService } from './quote-actions.service.js';
import { QuoteDocumentService } from './quote-document.service.js';
import { QuoteExpiryScheduler } from './quote-expiry.scheduler.js';
import { Quote } from './quote.entity.js';
import { QuotesController } from './quotes.controller.js';
import { QuotesService } from './quotes.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Quote]), OpportunityAccessModule, OpportunitiesModule, ProjectionsModule, QuoteSettingsModule],
  controllers: [OpportunityQuotesController, QuotesController],
  providers: [QuotesService, QuoteActionsService, QuoteDocumentService, QuoteExpiryScheduler],
  exports: [QuotesService],
})
export class QuotesModule {}
