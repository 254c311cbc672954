import { Module } from '@nestjs/common';
import { AuthModule } from '@crm/auth';
import { CommonModule } from '@crm/common';
import { DatabaseModule } from '@crm/database';
import { MessagingModule } from '@crm/messaging';
import { ReportingConfigModule } from './config/reporting-config.module.js';
import { ContactCounter } from './contact-stats/contact-counter.entity.js';
import { ContactDaily } from './contact-stats/contact-daily.entity.js';
import { ContactFact } from './contact-stats/contact-fact.entity.js';
import { ContactStatsModule } from './contact-stats/contact-stats.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { REPORTING_MIGRATIONS } from './migrations/index.js';

@Module({
  imports: [
    CommonModule.forService('reporting'),
    AuthModule.forRoot(),
    DatabaseModule.forService({ schema: 'reporting', entities: [ContactFact, ContactCounter, ContactDaily], migrations: REPORTING_MIGRATIONS }),
    // Reporting only reads events; the relay stays on for the reports it may publish later (cheap when idle).
    MessagingModule.forService({ service: 'reporting' }),
    ReportingConfigModule,
    ContactStatsModule,
    DashboardModule,
  ],
})
export class AppModule {}
