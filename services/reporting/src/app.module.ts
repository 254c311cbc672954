import { Module } from '@nestjs/common';
import { AuthModule } from '@crm/auth';
import { CommonModule } from '@crm/common';
import { DatabaseModule } from '@crm/database';
import { MessagingModule } from '@crm/messaging';
import { ReportingConfigModule } from './config/reporting-config.module.js';
import { REPORTING_MIGRATIONS } from './migrations/index.js';
import { ProjectionsModule } from './projections/projections.module.js';
import { RebuildModule } from './rebuild/rebuild.module.js';
import { ReportsModule } from './reports/reports.module.js';

@Module({
  imports: [
    CommonModule.forService('reporting'),
    AuthModule.forRoot(),
    DatabaseModule.forService({ schema: 'reporting', entities: [], migrations: REPORTING_MIGRATIONS }),
    // Batched consumption (InboxBatcher): enough unacked deliveries in flight to fill a few batches.
    MessagingModule.forService({ service: 'reporting', prefetch: 1500 }),
    ReportingConfigModule,
    ProjectionsModule,
    ReportsModule,
    RebuildModule,
  ],
})
export class AppModule {}
