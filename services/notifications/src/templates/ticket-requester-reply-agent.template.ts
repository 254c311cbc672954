import { defineTemplate, templateLocale, type TemplateLocale } from './email-template.js';
import { button, composeTicketMail, facts, paragraph, quote } from './ticket-mail-layout.js';
import { assigneeNote, type TicketStaffAlertBase } from './ticket-staff-alert-mail.js';

/** The requester answered on the public tracking page (tickets.ticket.replied, authorKind requester): to the assignee, or the team's managers. */
export interface TicketRequesterReplyAgentVars extends TicketStaffAlertBase {
  requesterName: string | null;
  /** The reply as the requester wrote it (plain text; the layout escapes it). */
  body: string;
}

export const TICKET_REQUESTER_REPLY_AGENT_TEMPLATE_ID = 'ticket-requester-reply-agent';

/** Long replies are cut in the e-mail; the whole text is on the ticket. */
const EXCERPT_CHARS = 500;

function excerpt(body: string): string {
  const text = body.trim();
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS).trimEnd()}…` : text;
}

function lead(locale: TemplateLocale, vars: TicketRequesterReplyAgentVars): string {
  const owner = assigneeNote(locale, vars);
  if (locale === 'en') return `${vars.requesterName ?? 'The requester'} replied to the ticket ${vars.radicado}${owner}.`;
  return `${vars.requesterName ?? 'El peticionario'} respondió en la PQR ${vars.radicado}${owner}.`;
}

function render(locale: TemplateLocale, vars: TicketRequesterReplyAgentVars) {
  const en = locale === 'en';
  return composeTicketMail(locale, {
    subject: en ? `New reply from the requester: ${vars.radicado} — ${vars.subject}` : `Nueva respuesta del peticionario: ${vars.radicado} — ${vars.subject}`,
    greetingName: vars.recipientName,
    radicado: vars.radicado,
    signature: en ? 'Your CRM' : 'Su CRM',
    parts: [paragraph(lead(locale, vars)), facts([[en ? 'Subject' : 'Asunto', vars.subject]]), quote(excerpt(vars.body)), button(locale, en ? 'Open ticket' : 'Abrir PQR', vars.ticketUrl)],
  });
}

export const ticketRequesterReplyAgentTemplate = defineTemplate<TicketRequesterReplyAgentVars>(TICKET_REQUESTER_REPLY_AGENT_TEMPLATE_ID, {
  es: (vars) => render('es', vars),
  en: (vars) => render('en', vars),
});

/** One sentence for the in-app feed, in the recipient's language. */
export function ticketRequesterReplyAgentSummary(locale: string | null | undefined, vars: TicketRequesterReplyAgentVars): string {
  return lead(templateLocale(locale), vars);
}
