import { defineTemplate, type TemplateLocale } from './email-template.js';
import { button, composeTicketMail, facts, footnote, paragraph } from './ticket-mail-layout.js';
import { formatDueDay, formatMoment, pqrClassLabel } from './ticket-labels.js';

/** Acuse de recibo: sent to the requester when a PQR is filed (tickets.ticket.created). */
export interface TicketAcknowledgementVars {
  requesterName: string;
  radicado: string;
  pqrClass: string;
  subject: string;
  receivedAt: string;
  /** Null when the clock did not give one (nothing is promised then). */
  legalDueAt: string | null;
  /** The public tracking page with the token; null when there is none. */
  trackingUrl: string | null;
  timeZone: string;
}

export const TICKET_ACKNOWLEDGEMENT_TEMPLATE_ID = 'ticket-acknowledgement';

function render(locale: TemplateLocale, vars: TicketAcknowledgementVars) {
  const en = locale === 'en';
  const kind = pqrClassLabel(locale, vars.pqrClass);
  const received = formatMoment(locale, vars.receivedAt, vars.timeZone);
  const due = vars.legalDueAt ? formatDueDay(locale, vars.legalDueAt, vars.timeZone) : null;
  return composeTicketMail(locale, {
    subject: en ? `We received your request ${vars.radicado}` : `Acuse de recibo de su PQR ${vars.radicado}`,
    greetingName: vars.requesterName,
    radicado: vars.radicado,
    signature: en ? 'Customer care team' : 'Equipo de atención al cliente',
    parts: [
      paragraph(
        en
          ? `We received your ${kind} on ${received} and filed it under number ${vars.radicado}. Please quote this number in any communication about it.`
          : `Recibimos su ${kind} el ${received} y quedó radicada con el número ${vars.radicado}. Cite este número en cualquier comunicación sobre ella.`,
      ),
      facts([[en ? 'Subject' : 'Asunto', vars.subject]]),
      due
        ? paragraph(
            en ? `Under Colombian law (Ley 1755 de 2015) we will answer by ${due} at the latest.` : `De acuerdo con la Ley 1755 de 2015, le daremos respuesta a más tardar el ${due}.`,
          )
        : null,
      vars.trackingUrl ? button(locale, en ? 'Track your request' : 'Consultar su solicitud', vars.trackingUrl) : null,
      vars.trackingUrl
        ? footnote(
            en
              ? 'This link is personal: anyone who has it can see your request and reply to it. Do not share it.'
              : 'Este enlace es personal: quien lo tenga puede ver su solicitud y responderla. No lo comparta.',
          )
        : null,
    ],
  });
}

export const ticketAcknowledgementTemplate = defineTemplate<TicketAcknowledgementVars>(TICKET_ACKNOWLEDGEMENT_TEMPLATE_ID, {
  es: (vars) => render('es', vars),
  en: (vars) => render('en', vars),
});
