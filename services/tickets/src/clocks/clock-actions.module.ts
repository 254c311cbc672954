import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TicketsModule } from '../tickets/tickets.module.js';
import { ClockPasses } from './clock-passes.js';
import { ClockScheduler } from './clock-scheduler.js';
import { ClocksModule } from './clocks.module.js';
import { TicketLegalController } from './ticket-legal.controller.js';

/**
 * The parts of the clocks that need tickets-core (visibility of a ticket): the legal actions and
 * the scheduler. Separate from ClocksModule, which tickets-core imports, so neither imports the
 * other in a loop.
 */
@Module({
  imports: [ScheduleModule.forRoot(), TicketsModule, ClocksModule],
  controllers: [TicketLegalController],
  providers: [ClockPasses, ClockScheduler],
  exports: [ClockPasses],
})
export class ClockActionsModule {}
