import { Module } from '@nestjs/common';
import { TicketCategoriesModule } from '../categories/ticket-categories.module.js';
import { RequestersModule } from '../requesters/requesters.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { TicketsExportController } from './tickets-export.controller.js';
import { TicketsExportService } from './tickets-export.service.js';

@Module({
  imports: [TicketsModule, TicketCategoriesModule, RequestersModule],
  controllers: [TicketsExportController],
  providers: [TicketsExportService],
})
export class ExportsModule {}
