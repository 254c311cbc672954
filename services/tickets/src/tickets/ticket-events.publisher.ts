import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TicketEventBase, TicketRequester } from '@crm/contracts';
import { OutboxService } from '@crm/messaging';
import { ticketsConfig, trackingTokenOf, trackingUrlOf } from '../config/tickets-config.js';
import { TicketClocks, type ClockFigures } from './ticket-clocks.port.js';
import { ticketEventBase, ticketRequester } from './ticket-event-base.js';
import type { Ticket } from './ticket.entity.js';

/**
 * Writes tickets.ticket.* events (contracts in libs/contracts/src/events/tickets) to the outbox
 * in the caller's transaction, with the clocks' current legal due date. Never an internal note.
 */
@Injectable()
export class TicketEventsPublisher {
  private readonly config = ticketsConfig();

  constructor(
    private readonly outbox: OutboxService,
    private readonly clocks: TicketClocks,
  ) {}

  /** The clock figures as of now in the transaction (after the clocks were told of the change). */
  async clockOf(em: EntityManager, ticket: Ticket): Promise<ClockFigures | undefined> {
    return (await this.clocks.views(em, ticket.tenantId, [ticket.id])).get(ticket.id);
  }

  base(ticket: Ticket, clock: ClockFigures | undefined): TicketEventBase {
    return ticketEventBase(ticket, clock?.legalDueAt, clock?.timeZone);
  }

  requester(ticket: Ticket, detailed = false): TicketRequester {
    const requester = ticketRequester(ticket);
    if (detailed) Object.assign(requester, { phone: ticket.requesterPhone, documentType: ticket.requesterDocumentType, documentNumber: ticket.requesterDocumentNumber });
    return requester;
  }

  /** The public tracking page with the token; null when there is no page configured or no e-mail to send it to. */
  trackingUrl(ticket: Ticket): string | null {
    if (!ticket.requesterEmail) return null;
    return trackingUrlOf(this.config, ticket.radicado, trackingTokenOf(this.config, ticket.tenantId, ticket.id));
  }

  /** Writes the event to the outbox; answers its id (the creation swaps the radicado into it last). */
  async publish<T extends TicketEventBase>(em: EntityManager, ticket: Ticket, type: string, data: T): Promise<string> {
    return (await this.outbox.publish(em, { type, subject: ticket.id, tenantId: ticket.tenantId, data })).id;
  }
}
