import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RequestersModule } from '../requesters/requesters.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { CannedRenderService } from './canned-render.service.js';
import { CannedResponse } from './canned-response.entity.js';
import { CannedResponsesController } from './canned-responses.controller.js';
import { CannedResponsesService } from './canned-responses.service.js';
import { TicketCannedResponsesController } from './ticket-canned-responses.controller.js';

/** Canned responses (issue #9): personal, team and tenant-wide, filled for a ticket on use. */
@Module({
  imports: [TypeOrmModule.forFeature([CannedResponse]), TicketsModule, RequestersModule],
  controllers: [CannedResponsesController, TicketCannedResponsesController],
  providers: [CannedResponsesService, CannedRenderService],
})
export class CannedResponsesModule {}
