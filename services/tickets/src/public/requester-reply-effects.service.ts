import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TICKETS_TICKET_STATUS_CHANGED, type TicketStatusChangedData } from '@crm/contracts';
import { TicketClocksService } from '../clocks/ticket-clocks.service.js';
import { TicketClocks, clockTicketOf } from '../tickets/ticket-clocks.port.js';
import { TicketEventsPublisher } from '../tickets/ticket-events.publisher.js';
import { TicketHistoryService } from '../tickets/ticket-history.service.js';
import type { Ticket } from '../tickets/ticket.entity.js';
import { returnedRows } from './returned-rows.js';

/**
 * What the requester's answer changes besides the message, in the same transaction: a suspended
 * legal term (art. 17) resumes, and a ticket "Pendiente" (waiting on the customer, SLA paused)
 * goes back to "En proceso" and its SLA runs again.
 */
@Injectable()
export class RequesterReplyEffects {
  constructor(
    private readonly clocks: TicketClocks,
    private readonly legalClock: TicketClocksService,
    private readonly history: TicketHistoryService,
    private readonly events: TicketEventsPublisher,
  ) {}

  async apply(em: EntityManager, ticket: Ticket, at: Date): Promise<void> {
    await this.legalClock.onPetitionerAnswer(em, ticket, at);
    if (ticket.status !== 'pendiente') return;
    const before = clockTicketOf(ticket);
    ticket.status = 'en_proceso';
    const [row] = returnedRows<{ version: number }>(
      await em.query("UPDATE tickets.ticket SET status = 'en_proceso', version = version + 1, updated_at = now() WHERE id = $1 AND tenant_id = $2 RETURNING version", [
        ticket.id,
        ticket.tenantId,
      ]),
    );
    ticket.version = row!.version;
    await this.clocks.onChanged(em, before, clockTicketOf(ticket), at);
    await this.history.record(em, {
      tenantId: ticket.tenantId,
      ticketId: ticket.id,
      kind: 'status_changed',
      actorId: null,
      details: { from: 'pendiente', to: 'en_proceso', via: 'requester_reply' },
    });
    const clock = await this.events.clockOf(em, ticket);
    const changed: TicketStatusChangedData = { ...this.events.base(ticket, clock), previousStatus: 'pendiente', changedBy: null, changedAt: at.toISOString() };
    await this.events.publish(em, ticket, TICKETS_TICKET_STATUS_CHANGED, changed);
  }
}
