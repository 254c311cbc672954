import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgentPicker } from '../assignment/agent-picker.service.js';
import { AssignmentRule } from '../assignment/assignment-rule.entity.js';
import { TicketCategoriesModule } from '../categories/ticket-categories.module.js';
import { RequestersModule } from '../requesters/requesters.module.js';
import { RadicadoService } from './radicado.service.js';
import { ClocksModule } from '../clocks/clocks.module.js';
import { TicketClocksService } from '../clocks/ticket-clocks.service.js';
import { TicketClocks } from './ticket-clocks.port.js';
import { TicketAccessService } from './ticket-access.service.js';
import { TicketEventsPublisher } from './ticket-events.publisher.js';
import { TicketHistoryService } from './ticket-history.service.js';
import { TicketViews } from './ticket-views.service.js';
import { Ticket } from './ticket.entity.js';
import { TicketsController } from './tickets.controller.js';
import { TicketsService } from './tickets.service.js';
import { TicketChangesService } from './ticket-changes.service.js';
import { TicketsQueryService } from './tickets-query.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Ticket, AssignmentRule]), TicketCategoriesModule, RequestersModule, ClocksModule],
  controllers: [TicketsController],
  providers: [
    TicketAccessService,
    TicketsService,
    RadicadoService,
    TicketEventsPublisher,
    TicketHistoryService,
    TicketViews,
    AgentPicker,
    TicketChangesService,
    TicketsQueryService,
    { provide: TicketClocks, useExisting: TicketClocksService },
  ],
  exports: [TicketClocks, TicketsQueryService, TicketAccessService, TicketsService, TicketEventsPublisher, TicketHistoryService, TicketViews, AgentPicker],
})
export class TicketsModule {}
