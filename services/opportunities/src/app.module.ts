import { Module } from '@nestjs/common';
import { AuthModule } from '@crm/auth';
import { CommonModule } from '@crm/common';
import { DatabaseModule } from '@crm/database';
import { MessagingModule } from '@crm/messaging';
import { StorageModule } from '@crm/storage';
import { StaleModule } from './stale/stale.module.js';
import { OpportunityNotesModule } from './notes/notes.module.js';
import { OpportunityDocumentsModule } from './documents/documents.module.js';
import { OPPORTUNITIES_MIGRATIONS } from './migrations/index.js';
import { LostReason } from './lost-reasons/lost-reason.entity.js';
import { OpportunityAccessModule } from './opportunities/opportunity-access.module.js';
import { Opportunity } from './opportunities/opportunity.entity.js';
import { Pipeline } from './pipelines/pipeline.entity.js';
import { Stage } from './pipelines/stage.entity.js';
import { ProjectionsModule } from './projections/projections.module.js';
import { PipelinesModule } from './pipelines/pipelines.module.js';
import { LostReasonsModule } from './lost-reasons/lost-reasons.module.js';
import { OpportunitiesModule } from './opportunities/opportunities.module.js';
import { ActivitiesModule } from './activities/activities.module.js';
import { Activity } from './activities/activity.entity.js';
import { ErpOrdersModule } from './erp-orders/erp-orders.module.js';
import { Quote } from './quotes/quote.entity.js';
import { QuotesModule } from './quotes/quotes.module.js';
import { SchedulersConfigModule } from './config/schedulers-config.module.js';
import { RemindersModule } from './reminders/reminders.module.js';
import { QuoteSettingsModule } from './quote-settings/quote-settings.module.js';

@Module({
  imports: [
    CommonModule.forService('opportunities'),
    AuthModule.forRoot(),
    DatabaseModule.forService({ schema: 'opportunities', entities: [Opportunity, Pipeline, Stage, LostReason, Quote, Activity], migrations: OPPORTUNITIES_MIGRATIONS }),
    MessagingModule.forService({ service: 'opportunities' }),
    SchedulersConfigModule,
    ProjectionsModule,
    OpportunityAccessModule,
    PipelinesModule,
    LostReasonsModule,
    OpportunitiesModule,
    StorageModule.forRoot(),
    OpportunityNotesModule,
    OpportunityDocumentsModule,
    StaleModule,
    QuotesModule,
    ErpOrdersModule,
    ActivitiesModule,
    QuoteSettingsModule,
    RemindersModule,
  ],
})
export class AppModule {}
