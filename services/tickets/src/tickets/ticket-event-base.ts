import type { TicketEventBase, TicketRequester } from '@crm/contracts';

/** The ticket fields every tickets.ticket.* event carries (a Ticket entity, or a row the clock scheduler joined). */
export type TicketEventFields = Omit<TicketEventBase, 'ticketId' | 'legalDueAt' | 'timeZone'> & {
  id: string;
  requesterName: string | null;
  requesterEmail: string | null;
  requesterLanguage: 'es' | 'en';
};

/** The payload part every tickets event shares; the zone only when the clocks know it. */
export function ticketEventBase(ticket: TicketEventFields, legalDueAt: Date | string | null | undefined, timeZone?: string | null): TicketEventBase {
  return {
    ticketId: ticket.id,
    radicado: ticket.radicado,
    contactId: ticket.contactId,
    pqrClass: ticket.pqrClass,
    categoryId: ticket.categoryId,
    priority: ticket.priority,
    status: ticket.status,
    channel: ticket.channel,
    subject: ticket.subject,
    assigneeId: ticket.assigneeId,
    teamId: ticket.teamId,
    legalDueAt: legalDueAt instanceof Date ? legalDueAt.toISOString() : (legalDueAt ?? null),
    ...(timeZone ? { timeZone } : {}),
  };
}

/** Name, e-mail and language of the requester (the contact details are added where an event needs them). */
export function ticketRequester(ticket: TicketEventFields): TicketRequester {
  return { name: ticket.requesterName ?? '', email: ticket.requesterEmail, language: ticket.requesterLanguage };
}
