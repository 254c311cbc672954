import { defineTemplate, templateLocale, type TemplateLocale } from './email-template.js';
import { button, composeTicketMail, facts, paragraph } from './ticket-mail-layout.js';
import { formatDueDay, pqrClassLabel, priorityLabel } from './ticket-labels.js';

/** Sent to an agent when a ticket is assigned to them (tickets.ticket.assigned). */
export interface TicketAssignedAgentVars {
  recipientName: string;
  radicado: string;
  subject: string;
  pqrClass: string;
  priority: string;
  legalDueAt: string | null;
  /** Who assigned it; null for the automatic assignment or an unknown user. */
  assignedByName: string | null;
  ticketUrl: string;
  timeZone: string;
}

export const TICKET_ASSIGNED_AGENT_TEMPLATE_ID = 'ticket-assigned-agent';

function lead(locale: TemplateLocale, vars: TicketAssignedAgentVars): string {
  if (locale === 'en') {
    return vars.assignedByName ? `${vars.assignedByName} assigned you the ticket ${vars.radicado}: ${vars.subject}.` : `The ticket ${vars.radicado} was assigned to you: ${vars.subject}.`;
  }
  return vars.assignedByName ? `${vars.assignedByName} le asignó la PQR ${vars.radicado}: ${vars.subject}.` : `Se le asignó la PQR ${vars.radicado}: ${vars.subject}.`;
}

function render(locale: TemplateLocale, vars: TicketAssignedAgentVars) {
  const en = locale === 'en';
  const rows: [string, string][] = [
    [en ? 'Type' : 'Clase', pqrClassLabel(locale, vars.pqrClass)],
    [en ? 'Priority' : 'Prioridad', priorityLabel(locale, vars.priority)],
  ];
  if (vars.legalDueAt) rows.push([en ? 'Legal due date' : 'Vencimiento legal', formatDueDay(locale, vars.legalDueAt, vars.timeZone)]);
  return composeTicketMail(locale, {
    subject: en ? `Ticket assigned: ${vars.radicado} — ${vars.subject}` : `PQR asignada: ${vars.radicado} — ${vars.subject}`,
    greetingName: vars.recipientName,
    radicado: vars.radicado,
    signature: en ? 'Your CRM' : 'Su CRM',
    parts: [paragraph(lead(locale, vars)), facts(rows), button(locale, en ? 'Open ticket' : 'Abrir PQR', vars.ticketUrl)],
  });
}

export const ticketAssignedAgentTemplate = defineTemplate<TicketAssignedAgentVars>(TICKET_ASSIGNED_AGENT_TEMPLATE_ID, {
  es: (vars) => render('es', vars),
  en: (vars) => render('en', vars),
});

/** One sentence for the in-app feed, in the recipient's language. */
export function ticketAssignedAgentSummary(locale: string | null | undefined, vars: TicketAssignedAgentVars): string {
  return lead(templateLocale(locale), vars);
}
