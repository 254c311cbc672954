import { Module } from '@nestjs/common';
import { CalendarsModule } from '../calendars/calendars.module.js';
import { LegalTermsModule } from '../legal-terms/legal-terms.module.js';
import { SlaPoliciesModule } from '../sla-policies/sla-policies.module.js';
import { ClockStore } from './clock-store.js';
import { CLOCKS_CONFIG, loadClocksConfig } from './clocks-config.js';
import { ClockSource, clockSourceFromEnv } from './clock-source.js';
import { TicketClocksService } from './ticket-clocks.service.js';
import { LegalClockActions } from './legal-clock-actions.service.js';
import { TicketHistoryService } from '../tickets/ticket-history.service.js';

/** The clocks of tickets; tickets-core imports this module to call TicketClocksService. */
@Module({
  imports: [CalendarsModule, LegalTermsModule, SlaPoliciesModule],
  providers: [
    ClockStore,
    TicketClocksService,
    LegalClockActions,
    TicketHistoryService,
    { provide: CLOCKS_CONFIG, useFactory: () => loadClocksConfig() },
    { provide: ClockSource, useFactory: () => clockSourceFromEnv() },
  ],
  exports: [ClockSource, CLOCKS_CONFIG, TicketClocksService, LegalClockActions, ClockStore, CalendarsModule, LegalTermsModule, SlaPoliciesModule],
})
export class ClocksModule {}
