import type { Ticket } from './ticket.entity.js';

/** The clock figures a ticket shows (from tickets-time's TicketClocksService.views). */
export interface TicketClockFigures {
  legalDueAt: string | null;
  legalBusinessDaysLeft: number | null;
  legalState: string | null;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  slaState: string | null;
}

export interface TicketView extends TicketClockFigures {
  id: string;
  radicado: string;
  pqrClass: string;
  categoryId: string | null;
  priority: string;
  status: string;
  channel: string;
  subject: string;
  description: string;
  contactId: string | null;
  requester: {
    name: string | null;
    documentType: string | null;
    documentNumber: string | null;
    email: string | null;
    phone: string | null;
    language: 'es' | 'en';
  };
  ownerId: string | null;
  assigneeId: string | null;
  teamId: string | null;
  tags: string[];
  receivedAt: string;
  firstRespondedAt: string | null;
  closedAt: string | null;
  resolution: string | null;
  /** Set when this PQR was merged into another (then closed and read-only): the ticket that stays, where its conversation now lives. */
  mergedIntoId: string | null;
  /** The radicado of that ticket. */
  mergedIntoRadicado: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const NO_CLOCK: TicketClockFigures = {
  legalDueAt: null,
  legalBusinessDaysLeft: null,
  legalState: null,
  firstResponseDueAt: null,
  resolutionDueAt: null,
  slaState: null,
};

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function toTicketView(ticket: Ticket, clock: TicketClockFigures = NO_CLOCK, mergedIntoRadicado: string | null = null): TicketView {
  return {
    id: ticket.id,
    radicado: ticket.radicado,
    pqrClass: ticket.pqrClass,
    categoryId: ticket.categoryId,
    priority: ticket.priority,
    status: ticket.status,
    channel: ticket.channel,
    subject: ticket.subject,
    description: ticket.description,
    contactId: ticket.contactId,
    requester: {
      name: ticket.requesterName,
      documentType: ticket.requesterDocumentType,
      documentNumber: ticket.requesterDocumentNumber,
      email: ticket.requesterEmail,
      phone: ticket.requesterPhone,
      language: ticket.requesterLanguage,
    },
    ownerId: ticket.ownerId,
    assigneeId: ticket.assigneeId,
    teamId: ticket.teamId,
    tags: ticket.tags,
    receivedAt: ticket.receivedAt.toISOString(),
    firstRespondedAt: iso(ticket.firstRespondedAt),
    closedAt: iso(ticket.closedAt),
    resolution: ticket.resolution,
    mergedIntoId: ticket.mergedIntoId,
    mergedIntoRadicado: ticket.mergedIntoId ? mergedIntoRadicado : null,
    ...clock,
    createdAt: ticket.createdAt.toISOString(),
    updatedAt: ticket.updatedAt.toISOString(),
    version: ticket.version,
  };
}
