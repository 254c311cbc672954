import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { DEFAULT_TIME_ZONE } from '../business-time/index.js';
import { renderMessageHtml } from '../messages/message-markdown.js';
import { RequestersService } from '../requesters/requesters.service.js';
import { TicketAccessService } from '../tickets/ticket-access.service.js';
import { TicketEventsPublisher } from '../tickets/ticket-events.publisher.js';
import { fillPlaceholders, formatDueDate } from './canned-placeholders.js';
import { CannedResponsesService } from './canned-responses.service.js';

export interface RenderedCannedResponse {
  cannedResponseId: string;
  ticketId: string;
  title: string;
  /** The text with the placeholders filled, ready to edit and send as a message body. */
  text: string;
  /** Its safe HTML preview (the same rendering the message will get). */
  html: string;
  emptyPlaceholders: string[];
  unknownPlaceholders: string[];
}

/**
 * Fills a canned response for a ticket: requester name, radicado, subject, the legal due date
 * (long date in Spanish, Colombia — English for an English-speaking requester — in the zone of
 * the ticket's business calendar) and the agent's name. Both must be visible to the caller.
 */
@Injectable()
export class CannedRenderService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly canned: CannedResponsesService,
    private readonly access: TicketAccessService,
    private readonly events: TicketEventsPublisher,
    private readonly requesters: RequestersService,
  ) {}

  async render(user: AuthUser, ticketId: string, cannedId: string): Promise<RenderedCannedResponse> {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const ticket = await this.access.findVisible(user, ticketId, em);
      const canned = await this.canned.findVisible(user, cannedId, em);
      const clock = await this.events.clockOf(em, ticket);
      const agent = user.kind === 'user' ? await this.requesters.user(em, user.tenantId, user.id) : null;
      const filled = fillPlaceholders(canned.body, {
        requesterName: ticket.requesterName,
        radicado: ticket.radicado,
        subject: ticket.subject,
        dueDate: formatDueDate(clock?.legalDueAt, clock?.timeZone ?? DEFAULT_TIME_ZONE, ticket.requesterLanguage),
        agentName: agent?.name ?? user.name ?? null,
      });
      return { cannedResponseId: canned.id, ticketId: ticket.id, title: canned.title, ...filled, html: renderMessageHtml(filled.text) };
    });
  }
}
