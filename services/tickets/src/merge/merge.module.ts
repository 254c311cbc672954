import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module.js';
import { TicketMergeController } from './ticket-merge.controller.js';
import { TicketMergeService } from './ticket-merge.service.js';

/** Merging a duplicate PQR into a primary one (issue #9 item 6). */
@Module({
  imports: [TicketsModule],
  controllers: [TicketMergeController],
  providers: [TicketMergeService],
})
export class MergeModule {}
