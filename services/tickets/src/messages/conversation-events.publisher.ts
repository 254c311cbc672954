import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TICKETS_CONVERSATION_READ, TICKETS_NOTE_ADDED, TICKETS_TICKET_REPLIED, type TicketConversationReadData, type TicketNoteAddedData, type TicketRepliedData } from '@crm/contracts';
import { OutboxService } from '@crm/messaging';
import { TicketEventsPublisher } from '../tickets/ticket-events.publisher.js';
import type { Ticket } from '../tickets/ticket.entity.js';
import { renderStoredMessageHtml } from './message-markdown.js';
import type { TicketAttachment } from './ticket-attachment.entity.js';
import type { TicketMessage } from './ticket-message.entity.js';

export const firstNameOf = (name: string | null | undefined): string | null => name?.trim().split(/\s+/)[0] || null;

/**
 * The conversation's events, written to the outbox in the caller's transaction: a public reply
 * (with its safe HTML and its files), an internal note (never its body: clients fetch it by REST
 * where visibility is checked) and read receipts.
 */
@Injectable()
export class ConversationEventsPublisher {
  constructor(
    private readonly outbox: OutboxService,
    private readonly events: TicketEventsPublisher,
  ) {}

  async messagePosted(em: EntityManager, ticket: Ticket, message: TicketMessage, files: readonly TicketAttachment[]): Promise<void> {
    if (message.kind === 'internal') {
      const note: TicketNoteAddedData = {
        tenantId: ticket.tenantId,
        ticketId: ticket.id,
        messageId: message.id,
        authorId: message.authorId,
        createdAt: message.createdAt.toISOString(),
        contactId: ticket.contactId,
      };
      await this.outbox.publish(em, { type: TICKETS_NOTE_ADDED, subject: ticket.id, tenantId: ticket.tenantId, data: note });
      return;
    }
    const clock = await this.events.clockOf(em, ticket);
    const data: TicketRepliedData = {
      ...this.events.base(ticket, clock),
      messageId: message.id,
      body: message.body,
      bodyHtml: renderStoredMessageHtml(message.id, message.body),
      attachments: files.map((file) => ({ id: file.id, fileName: file.fileName, contentType: file.contentType, size: file.sizeBytes })),
      authorKind: message.authorKind,
      authorId: message.authorId,
      authorFirstName: message.authorKind === 'staff' ? firstNameOf(message.authorName) : null,
      repliedAt: message.createdAt.toISOString(),
      requester: this.events.requester(ticket),
      // The requester wrote on an unassigned ticket: notifications tells the team's managers.
      ...(message.authorKind === 'requester' && !ticket.assigneeId ? { managerIds: await this.events.teamManagers(em, ticket) } : {}),
    };
    await this.events.publish(em, ticket, TICKETS_TICKET_REPLIED, data);
  }

  async read(em: EntityManager, ticket: Ticket, receipt: Omit<TicketConversationReadData, 'tenantId' | 'ticketId' | 'radicado'>): Promise<void> {
    const data: TicketConversationReadData = { tenantId: ticket.tenantId, ticketId: ticket.id, radicado: ticket.radicado, ...receipt };
    await this.outbox.publish(em, { type: TICKETS_CONVERSATION_READ, subject: ticket.id, tenantId: ticket.tenantId, data });
  }
}
