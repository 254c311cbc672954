import { Module } from '@nestjs/common';
import { RequestersModule } from '../requesters/requesters.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { TicketAssignmentController } from './ticket-assignment.controller.js';
import { TicketAssignmentService } from './ticket-assignment.service.js';

@Module({
  imports: [TicketsModule, RequestersModule],
  controllers: [TicketAssignmentController],
  providers: [TicketAssignmentService],
})
export class AssignmentModule {}
