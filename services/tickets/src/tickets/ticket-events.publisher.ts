import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxService } from '@crm/messaging';
import { ticketsConfig, trackingTokenOf, trackingUrlOf } from '../config/tickets-config.js';
import type { Ticket } from './ticket.entity.js';

/** The fields every tickets.ticket.* event carries (the contract is owned by tickets-notify). */
export interface TicketEventBase {
  ticketId: string;
  radicado: string;
  contactId: string | null;
  pqrClass: string;
  categoryId: string | null;
  priority: string;
  status: string;
  channel: string;
  assigneeId: string | null;
  teamId: string | null;
  legalDueAt: string | null;
}

export interface RequesterAddress {
  name: string;
  email: string | null;
  language: 'es' | 'en';
}

/**
 * Writes tickets.ticket.* events to the outbox in the caller's transaction. Payloads carry what
 * notifications and the ERP need and never an internal note.
 */
@Injectable()
export class TicketEventsPublisher {
  private readonly config = ticketsConfig();

  constructor(private readonly outbox: OutboxService) {}

  base(ticket: Ticket, legalDueAt: Date | string | null): TicketEventBase {
    return {
      ticketId: ticket.id,
      radicado: ticket.radicado,
      contactId: ticket.contactId,
      pqrClass: ticket.pqrClass,
      categoryId: ticket.categoryId,
      priority: ticket.priority,
      status: ticket.status,
      channel: ticket.channel,
      assigneeId: ticket.assigneeId,
      teamId: ticket.teamId,
      legalDueAt: legalDueAt instanceof Date ? legalDueAt.toISOString() : legalDueAt,
    };
  }

  requester(ticket: Ticket): RequesterAddress {
    return { name: ticket.requesterName ?? '', email: ticket.requesterEmail, language: ticket.requesterLanguage };
  }

  trackingUrl(ticket: Ticket): string | null {
    return trackingUrlOf(this.config, ticket.radicado, trackingTokenOf(this.config, ticket.tenantId, ticket.id));
  }

  async publish<T extends object>(em: EntityManager, ticket: Ticket, type: string, data: T): Promise<void> {
    await this.outbox.publish(em, { type, subject: ticket.id, tenantId: ticket.tenantId, data });
  }
}
