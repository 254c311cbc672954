import type { EntityManager } from 'typeorm';
import type { CreationWrites } from './creation-writes.js';
import type { LegalState, PqrClass, SlaState, TicketPriority, TicketStatus } from '@crm/contracts';

/** What the clocks need to know of a ticket (tickets-time's ClockTicket). */
export interface ClockTicket {
  id: string;
  tenantId: string;
  pqrClass: PqrClass;
  priority: TicketPriority;
  categoryId: string | null;
  receivedAt: Date;
  status: TicketStatus;
}

/** A ticket's legal and SLA figures (tickets-time's ClockView). */
export interface ClockFigures {
  legalDueAt: Date | string | null;
  legalBusinessDaysLeft: number | null;
  legalState: LegalState | null;
  firstResponseDueAt: Date | string | null;
  resolutionDueAt: Date | string | null;
  slaState: SlaState | null;
  timeZone?: string;
}

export interface ClockFilters {
  dueBefore?: Date;
  overdue?: boolean;
  slaState?: SlaState;
}

/**
 * The legal and SLA clocks as the ticket core calls them (the interface agreed with tickets-time,
 * see TICKETS-DESIGN.md): every method joins the caller's transaction through `em`. Bound to
 * tickets-time's TicketClocksService in TicketsModule.
 */
export abstract class TicketClocks {
  /** Answers the new clocks' figures; with `writes`, the rows are written by the creation's radicado statement instead of now. */
  abstract start(em: EntityManager, ticket: ClockTicket, writes?: CreationWrites): Promise<ClockFigures>;
  abstract onChanged(em: EntityManager, before: ClockTicket, after: ClockTicket, at: Date): Promise<unknown>;
  abstract onFirstResponse(em: EntityManager, ticketId: string, tenantId: string, at: Date): Promise<unknown>;
  abstract views(em: EntityManager, tenantId: string, ticketIds: string[]): Promise<Map<string, ClockFigures>>;
  /** A predicate on the ticket alias for list filters (named TypeORM parameters). */
  abstract clockFilterSql(alias: string, filters: ClockFilters): { sql: string; params: Record<string, unknown> } | null;
}

export function clockTicketOf(ticket: ClockTicket): ClockTicket {
  return {
    id: ticket.id,
    tenantId: ticket.tenantId,
    pqrClass: ticket.pqrClass,
    priority: ticket.priority,
    categoryId: ticket.categoryId,
    receivedAt: ticket.receivedAt,
    status: ticket.status,
  };
}
