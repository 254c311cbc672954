import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Problems } from '@crm/common';
import { TICKETS_TICKET_SATISFACTION_RECORDED, type TicketSatisfactionRecordedData } from '@crm/contracts';
import { TicketEventsPublisher } from '../tickets/ticket-events.publisher.js';
import { TicketHistoryService } from '../tickets/ticket-history.service.js';
import type { Ticket } from '../tickets/ticket.entity.js';

export interface SatisfactionView {
  rating: number;
  comment: string | null;
  recordedAt: string;
}

/** What staff see: the answer with the ticket's legal and SLA outcome when it was given. */
export interface StaffSatisfactionView extends SatisfactionView {
  legalOutcome: string | null;
  slaOutcome: string | null;
}

/**
 * CSAT: one rating (1-5) and comment per closed ticket, stored with the ticket's legal and SLA
 * outcome at that moment so reports can relate satisfaction to timeliness.
 */
@Injectable()
export class SatisfactionService {
  constructor(
    private readonly events: TicketEventsPublisher,
    private readonly history: TicketHistoryService,
  ) {}

  async find(em: EntityManager, ticket: Ticket): Promise<SatisfactionView | null> {
    const [row] = await em.query<{ rating: number; comment: string | null; recorded_at: Date }[]>(
      'SELECT rating, comment, recorded_at FROM tickets.ticket_satisfaction WHERE ticket_id = $1 AND tenant_id = $2',
      [ticket.id, ticket.tenantId],
    );
    return row ? { rating: row.rating, comment: row.comment, recordedAt: new Date(row.recorded_at).toISOString() } : null;
  }

  async findForStaff(em: EntityManager, ticket: Ticket): Promise<StaffSatisfactionView | null> {
    const [row] = await em.query<{ rating: number; comment: string | null; recorded_at: Date; legal_outcome: string | null; sla_outcome: string | null }[]>(
      'SELECT rating, comment, recorded_at, legal_outcome, sla_outcome FROM tickets.ticket_satisfaction WHERE ticket_id = $1 AND tenant_id = $2',
      [ticket.id, ticket.tenantId],
    );
    return row ? { rating: row.rating, comment: row.comment, recordedAt: new Date(row.recorded_at).toISOString(), legalOutcome: row.legal_outcome, slaOutcome: row.sla_outcome } : null;
  }

  /** The caller holds the ticket's row lock; a second answer (even a concurrent one) is a 409. */
  async record(em: EntityManager, ticket: Ticket, rating: number, comment: string | undefined): Promise<SatisfactionView> {
    if (ticket.status !== 'cerrado') throw Problems.conflict('Podrá calificar la atención cuando la PQR esté cerrada.');
    const clock = await this.events.clockOf(em, ticket);
    const text = comment?.trim() || null;
    const [row] = await em.query<{ recorded_at: Date }[]>(
      `INSERT INTO tickets.ticket_satisfaction (ticket_id, tenant_id, rating, comment, legal_outcome, sla_outcome)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (ticket_id) DO NOTHING RETURNING recorded_at`,
      [ticket.id, ticket.tenantId, rating, text, clock?.legalState ?? null, clock?.slaState ?? null],
    );
    if (!row) throw Problems.conflict('Esta PQR ya fue calificada; gracias por su respuesta.');
    const recordedAt = new Date(row.recorded_at).toISOString();
    await this.history.record(em, { tenantId: ticket.tenantId, ticketId: ticket.id, kind: 'satisfaction_recorded', actorId: null, details: { rating } });
    const data: TicketSatisfactionRecordedData = {
      ...this.events.base(ticket, clock),
      rating: rating as TicketSatisfactionRecordedData['rating'],
      comment: text,
      legalOutcome: clock?.legalState ?? null,
      slaOutcome: clock?.slaState ?? null,
      recordedAt,
    };
    await this.events.publish(em, ticket, TICKETS_TICKET_SATISFACTION_RECORDED, data);
    return { rating, comment: text, recordedAt };
  }
}
