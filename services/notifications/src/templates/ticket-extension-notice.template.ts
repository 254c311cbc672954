import { defineTemplate, type TemplateLocale } from './email-template.js';
import { button, composeTicketMail, facts, paragraph, quote } from './ticket-mail-layout.js';
import { formatDueDay } from './ticket-labels.js';

/**
 * Art. 14 parágrafo, Ley 1755 de 2015: before the due date the petitioner must be told why the
 * answer is late and the new date (tickets.ticket.extended). A legal obligation, not a courtesy.
 */
export interface TicketExtensionNoticeVars {
  requesterName: string;
  radicado: string;
  subject: string;
  reason: string;
  previousDueAt: string;
  newDueAt: string;
  trackingUrl: string | null;
  timeZone: string;
}

export const TICKET_EXTENSION_NOTICE_TEMPLATE_ID = 'ticket-extension-notice';

function render(locale: TemplateLocale, vars: TicketExtensionNoticeVars) {
  const en = locale === 'en';
  const previous = formatDueDay(locale, vars.previousDueAt, vars.timeZone);
  const next = formatDueDay(locale, vars.newDueAt, vars.timeZone);
  return composeTicketMail(locale, {
    subject: en ? `New answer date for your request ${vars.radicado}` : `Prórroga del plazo de respuesta de su PQR ${vars.radicado}`,
    greetingName: vars.requesterName,
    radicado: vars.radicado,
    signature: en ? 'Customer care team' : 'Equipo de atención al cliente',
    parts: [
      paragraph(
        en
          ? `We cannot answer your request "${vars.subject}" within the legal term. As article 14 (parágrafo) of Ley 1755 de 2015 requires, we inform you of the reason and of the new date.`
          : `No podremos responder su solicitud "${vars.subject}" dentro del término legal. Como lo exige el parágrafo del artículo 14 de la Ley 1755 de 2015, le informamos el motivo y la nueva fecha.`,
      ),
      paragraph(en ? 'Reason:' : 'Motivo:'),
      quote(vars.reason),
      facts([
        [en ? 'Previous due date' : 'Fecha de vencimiento anterior', previous],
        [en ? 'New answer date (at the latest)' : 'Nueva fecha de respuesta (a más tardar)', next],
      ]),
      vars.trackingUrl ? button(locale, en ? 'Track your request' : 'Consultar su solicitud', vars.trackingUrl) : null,
    ],
  });
}

export const ticketExtensionNoticeTemplate = defineTemplate<TicketExtensionNoticeVars>(TICKET_EXTENSION_NOTICE_TEMPLATE_ID, {
  es: (vars) => render('es', vars),
  en: (vars) => render('en', vars),
});
