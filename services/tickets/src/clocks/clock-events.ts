import type { PqrClass, TicketChannel, TicketPriority, TicketStatus } from '@crm/contracts';
import type { TicketEventFields } from '../tickets/ticket-event-base.js';

/** The ticket fields the clock events carry (a Ticket entity, or a row the scheduler joined). */
export interface ClockEventTicket extends TicketEventFields {
  tenantId: string;
}

/** The ticket's columns as the scheduler selects them (alias `t`). */
export const CLOCK_TICKET_COLUMNS = `t.radicado, t.contact_id, t.pqr_class, t.category_id, t.priority, t.status, t.channel, t.subject, t.assignee_id, t.team_id,
  t.requester_name, t.requester_email, t.requester_language, t.merged_into_id`;

export interface ClockTicketColumns {
  radicado: string;
  contact_id: string | null;
  pqr_class: PqrClass;
  category_id: string | null;
  priority: TicketPriority;
  status: TicketStatus;
  channel: TicketChannel;
  subject: string;
  assignee_id: string | null;
  team_id: string | null;
  requester_name: string | null;
  requester_email: string | null;
  requester_language: 'es' | 'en';
  merged_into_id: string | null;
}

export function clockEventTicketOf(ticketId: string, tenantId: string, row: ClockTicketColumns): ClockEventTicket {
  return {
    id: ticketId,
    tenantId,
    radicado: row.radicado,
    contactId: row.contact_id,
    pqrClass: row.pqr_class,
    categoryId: row.category_id,
    priority: row.priority,
    status: row.status,
    channel: row.channel,
    subject: row.subject,
    assigneeId: row.assignee_id,
    teamId: row.team_id,
    requesterName: row.requester_name,
    requesterEmail: row.requester_email,
    requesterLanguage: row.requester_language === 'en' ? 'en' : 'es',
  };
}
