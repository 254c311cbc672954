import { defineTemplate, type TemplateLocale } from './email-template.js';
import { button, composeTicketMail, paragraph, quote } from './ticket-mail-layout.js';

/** On close: the resolution and a link to rate the service, 1 to 5 (tickets.ticket.closed). */
export interface TicketSatisfactionRequestVars {
  requesterName: string;
  radicado: string;
  subject: string;
  resolution: string | null;
  /** The satisfaction page (the tracking page with the token); null when unknown: then no survey. */
  satisfactionUrl: string | null;
}

export const TICKET_SATISFACTION_REQUEST_TEMPLATE_ID = 'ticket-satisfaction-request';

function render(locale: TemplateLocale, vars: TicketSatisfactionRequestVars) {
  const en = locale === 'en';
  return composeTicketMail(locale, {
    subject: en ? `Your request ${vars.radicado} was closed: how did we do?` : `Su PQR ${vars.radicado} fue cerrada: ¿cómo le atendimos?`,
    greetingName: vars.requesterName,
    radicado: vars.radicado,
    signature: en ? 'Customer care team' : 'Equipo de atención al cliente',
    parts: [
      paragraph(en ? `We closed your request "${vars.subject}".` : `Cerramos su solicitud "${vars.subject}".`),
      vars.resolution ? paragraph(en ? 'Resolution:' : 'Resolución:') : null,
      vars.resolution ? quote(vars.resolution) : null,
      vars.satisfactionUrl
        ? paragraph(en ? 'Please tell us how satisfied you are, from 1 to 5. It takes less than a minute.' : 'Cuéntenos qué tan satisfecho quedó, de 1 a 5. Le tomará menos de un minuto.')
        : null,
      vars.satisfactionUrl ? button(locale, en ? 'Rate the service' : 'Calificar la atención', vars.satisfactionUrl) : null,
    ],
  });
}

export const ticketSatisfactionRequestTemplate = defineTemplate<TicketSatisfactionRequestVars>(TICKET_SATISFACTION_REQUEST_TEMPLATE_ID, {
  es: (vars) => render('es', vars),
  en: (vars) => render('en', vars),
});
