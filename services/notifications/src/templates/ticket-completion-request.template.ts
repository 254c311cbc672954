import { defineTemplate, type TemplateLocale } from './email-template.js';
import { button, composeTicketMail, paragraph, quote } from './ticket-mail-layout.js';

/**
 * Art. 17, Ley 1755 de 2015: the request is incomplete; the petitioner is asked to complete it and
 * the legal term stops until they answer (tickets.ticket.suspended).
 */
export interface TicketCompletionRequestVars {
  requesterName: string;
  radicado: string;
  subject: string;
  /** What is missing, as staff wrote it. */
  reason: string;
  trackingUrl: string | null;
}

export const TICKET_COMPLETION_REQUEST_TEMPLATE_ID = 'ticket-completion-request';

function render(locale: TemplateLocale, vars: TicketCompletionRequestVars) {
  const en = locale === 'en';
  return composeTicketMail(locale, {
    subject: en ? `We need more information about your request ${vars.radicado}` : `Necesitamos información para su PQR ${vars.radicado}`,
    greetingName: vars.requesterName,
    radicado: vars.radicado,
    signature: en ? 'Customer care team' : 'Equipo de atención al cliente',
    parts: [
      paragraph(en ? `To answer your request "${vars.subject}" we need you to complete it:` : `Para responder su solicitud "${vars.subject}" necesitamos que la complete:`),
      quote(vars.reason),
      paragraph(
        en
          ? 'As article 17 of Ley 1755 de 2015 provides, the term to answer is suspended until you reply; you have one month to do so.'
          : 'Como lo prevé el artículo 17 de la Ley 1755 de 2015, el término para responder queda suspendido hasta que usted conteste; tiene un mes para hacerlo.',
      ),
      vars.trackingUrl
        ? button(locale, en ? 'Reply on the tracking page' : 'Responder en la página de seguimiento', vars.trackingUrl)
        : paragraph(en ? `Reply quoting the number ${vars.radicado}.` : `Responda citando el radicado ${vars.radicado}.`),
    ],
  });
}

export const ticketCompletionRequestTemplate = defineTemplate<TicketCompletionRequestVars>(TICKET_COMPLETION_REQUEST_TEMPLATE_ID, {
  es: (vars) => render('es', vars),
  en: (vars) => render('en', vars),
});
