import { Injectable, Inject } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TicketEventBase, TicketRequester } from '@crm/contracts';
import { buildCloudEvent, MESSAGING_OPTIONS, OutboxService, type ResolvedMessagingOptions } from '@crm/messaging';
import { trackingTokenOf, trackingUrlOf, type TicketsConfig } from '../config/tickets-config.js';
import { TICKETS_CONFIG } from '../config/tickets-env.js';
import { TicketClocks, type ClockFigures } from './ticket-clocks.port.js';
import { ticketEventBase, ticketRequester } from './ticket-event-base.js';
import type { Ticket } from './ticket.entity.js';

/**
 * Writes tickets.ticket.* events (contracts in libs/contracts/src/events/tickets) to the outbox
 * in the caller's transaction, with the clocks' current legal due date. Never an internal note.
 */
@Injectable()
export class TicketEventsPublisher {
  constructor(
    @Inject(TICKETS_CONFIG) private readonly config: TicketsConfig,
    private readonly outbox: OutboxService,
    private readonly clocks: TicketClocks,
    @Inject(MESSAGING_OPTIONS) private readonly messaging: ResolvedMessagingOptions,
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
  trackingUrl(ticket: Ticket, token?: string): string | null {
    if (!ticket.requesterEmail) return null;
    return trackingUrlOf(this.config, ticket.radicado, token ?? trackingTokenOf(this.config, ticket.tenantId, ticket.id));
  }

  /** The active managers of the ticket's team (none without a team), for events that must reach them. */
  async teamManagers(em: EntityManager, ticket: Pick<Ticket, 'tenantId' | 'teamId'>): Promise<string[]> {
    if (!ticket.teamId) return [];
    const rows: { user_id: string }[] = await em.query(
      "SELECT user_id FROM tickets.user_ref WHERE tenant_id = $1 AND active AND 'manager' = ANY(roles) AND team_ids @> ARRAY[$2::uuid] ORDER BY user_id",
      [ticket.tenantId, ticket.teamId],
    );
    return rows.map((row) => row.user_id);
  }

  /**
   * The outbox rows of a new ticket's events, not written: the creation's radicado statement
   * writes them (see RadicadoService), as OutboxService would (same envelope).
   */
  prepareAll(ticket: Ticket, events: readonly { type: string; data: TicketEventBase }[]): { id: string; type: string; subject: string; envelope: string }[] {
    return events.map((event) => {
      const envelope = buildCloudEvent(this.messaging.service, { type: event.type, subject: ticket.id, tenantId: ticket.tenantId, data: event.data });
      return { id: envelope.id, type: envelope.type, subject: envelope.subject, envelope: JSON.stringify(envelope) };
    });
  }

  /** Several events of the ticket in one statement; answers their ids. */
  async publishAll(em: EntityManager, ticket: Ticket, events: readonly { type: string; data: TicketEventBase }[]): Promise<string[]> {
    const envelopes = await this.outbox.publishAll(
      em,
      events.map((event) => ({ type: event.type, subject: ticket.id, tenantId: ticket.tenantId, data: event.data })),
    );
    return envelopes.map((envelope) => envelope.id);
  }

  /** Writes the event to the outbox; answers its id (the creation swaps the radicado into it last). */
  async publish<T extends TicketEventBase>(em: EntityManager, ticket: Ticket, type: string, data: T): Promise<string> {
    return (await this.outbox.publish(em, { type, subject: ticket.id, tenantId: ticket.tenantId, data })).id;
  }
}
