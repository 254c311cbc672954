import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RequestersModule } from '../requesters/requesters.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { ConversationEventsPublisher } from './conversation-events.publisher.js';
import { ReadReceiptsService } from './read-receipts.service.js';
import { TicketAttachment } from './ticket-attachment.entity.js';
import { TicketAttachmentsService } from './ticket-attachments.service.js';
import { TicketMessage } from './ticket-message.entity.js';
import { TicketMessagesController } from './ticket-messages.controller.js';
import { TicketMessagesService } from './ticket-messages.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([TicketMessage, TicketAttachment]), TicketsModule, RequestersModule],
  controllers: [TicketMessagesController],
  providers: [TicketMessagesService, TicketAttachmentsService, ConversationEventsPublisher, ReadReceiptsService],
  exports: [TicketMessagesService, TicketAttachmentsService, ConversationEventsPublisher, ReadReceiptsService],
})
export class MessagesModule {}
