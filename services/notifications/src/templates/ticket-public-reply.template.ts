import { defineTemplate, type TemplateLocale } from './email-template.js';
import { button, composeTicketMail, paragraph, quote } from './ticket-mail-layout.js';

/** A public reply from staff, e-mailed to the requester (tickets.ticket.replied). */
export interface TicketPublicReplyVars {
  requesterName: string;
  radicado: string;
  subject: string;
  /** The reply as the agent wrote it (plain text; escaped in the HTML part). */
  body: string;
  /** Only the first name of the agent is ever shown to the requester. */
  authorFirstName: string | null;
  trackingUrl: string | null;
}

export const TICKET_PUBLIC_REPLY_TEMPLATE_ID = 'ticket-public-reply';

function render(locale: TemplateLocale, vars: TicketPublicReplyVars) {
  const en = locale === 'en';
  const who = vars.authorFirstName ?? (en ? 'Our team' : 'Nuestro equipo');
  return composeTicketMail(locale, {
    subject: en ? `Reply to your request ${vars.radicado}: ${vars.subject}` : `Respuesta a su PQR ${vars.radicado}: ${vars.subject}`,
    greetingName: vars.requesterName,
    radicado: vars.radicado,
    signature: en ? 'Customer care team' : 'Equipo de atención al cliente',
    parts: [
      paragraph(en ? `${who} replied to your request "${vars.subject}":` : `${who} respondió a su solicitud "${vars.subject}":`),
      quote(vars.body),
      vars.trackingUrl
        ? button(locale, en ? 'See your request or reply' : 'Ver su solicitud o responder', vars.trackingUrl)
        : paragraph(en ? `To reply, quote the number ${vars.radicado}.` : `Para responder, cite el radicado ${vars.radicado}.`),
    ],
  });
}

export const ticketPublicReplyTemplate = defineTemplate<TicketPublicReplyVars>(TICKET_PUBLIC_REPLY_TEMPLATE_ID, {
  es: (vars) => render('es', vars),
  en: (vars) => render('en', vars),
});
