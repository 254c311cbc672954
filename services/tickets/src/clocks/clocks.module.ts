import { Module } from '@nestjs/common';
import { CalendarsModule } from '../calendars/calendars.module.js';
import { LegalTermsModule } from '../legal-terms/legal-terms.module.js';
import { SlaPoliciesModule } from '../sla-policies/sla-policies.module.js';
import { ClockStore } from './clock-store.js';
import { CLOCKS_CONFIG, loadClocksConfig } from './clocks-config.js';
import { TicketClocksService } from './ticket-clocks.service.js';

/** The clocks of tickets; tickets-core imports this module to call TicketClocksService. */
@Module({
  imports: [CalendarsModule, LegalTermsModule, SlaPoliciesModule],
  providers: [ClockStore, TicketClocksService, { provide: CLOCKS_CONFIG, useFactory: () => loadClocksConfig() }],
  exports: [TicketClocksService, CalendarsModule, LegalTermsModule, SlaPoliciesModule],
})
export class ClocksModule {}
