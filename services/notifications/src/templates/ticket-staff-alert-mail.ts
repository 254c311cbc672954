import type { RenderedEmail, TemplateLocale } from './email-template.js';
import { button, composeTicketMail, facts, paragraph } from './ticket-mail-layout.js';

/** What the legal and SLA alerts to staff have in common. */
export interface TicketStaffAlertBase {
  recipientName: string;
  /** The recipient is told as a manager of the team (escalation), not as the assignee. */
  asManager: boolean;
  radicado: string;
  subject: string;
  assigneeName: string | null;
  ticketUrl: string;
}

/** " (asignada a Ana)" / " (sin asignar)" for a manager; nothing for the assignee, who knows. */
export function assigneeNote(locale: TemplateLocale, vars: TicketStaffAlertBase): string {
  if (!vars.asManager) return '';
  const en = locale === 'en';
  if (vars.assigneeName) return en ? ` (assigned to ${vars.assigneeName})` : ` (asignada a ${vars.assigneeName})`;
  return en ? ' (not assigned)' : ' (sin asignar)';
}

/** The alert mail: the lead sentence, the ticket's subject and one more fact, and a button to the ticket. */
export function composeStaffAlertMail(locale: TemplateLocale, vars: TicketStaffAlertBase, mail: { subject: string; lead: string; fact: readonly [string, string] }): RenderedEmail {
  const en = locale === 'en';
  return composeTicketMail(locale, {
    subject: mail.subject,
    greetingName: vars.recipientName,
    radicado: vars.radicado,
    signature: en ? 'Your CRM' : 'Su CRM',
    parts: [paragraph(mail.lead), facts([[en ? 'Subject' : 'Asunto', vars.subject], mail.fact]), button(locale, en ? 'Open ticket' : 'Abrir PQR', vars.ticketUrl)],
  });
}
