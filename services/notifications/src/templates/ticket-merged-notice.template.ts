import { defineTemplate, type TemplateLocale } from './email-template.js';
import { button, composeTicketMail, facts, paragraph } from './ticket-mail-layout.js';
import { formatDueDay } from './ticket-labels.js';

/** Two PQRs of the same requester were merged (tickets.ticket.merged): the radicado that stays. */
export interface TicketMergedNoticeVars {
  requesterName: string;
  /** The radicado that stays (the primary). */
  radicado: string;
  duplicateRadicado: string;
  subject: string;
  legalDueAt: string | null;
  trackingUrl: string | null;
  timeZone: string;
}

export const TICKET_MERGED_NOTICE_TEMPLATE_ID = 'ticket-merged-notice';

function render(locale: TemplateLocale, vars: TicketMergedNoticeVars) {
  const en = locale === 'en';
  const due = vars.legalDueAt ? formatDueDay(locale, vars.legalDueAt, vars.timeZone) : null;
  return composeTicketMail(locale, {
    subject: en ? `Your requests ${vars.duplicateRadicado} and ${vars.radicado} were merged` : `Su PQR ${vars.duplicateRadicado} se unificó con la PQR ${vars.radicado}`,
    greetingName: vars.requesterName,
    radicado: vars.radicado,
    signature: en ? 'Customer care team' : 'Equipo de atención al cliente',
    parts: [
      paragraph(
        en
          ? `Your request ${vars.duplicateRadicado} is about the same matter as your request ${vars.radicado}, so we merged them: we will answer both together under number ${vars.radicado}. Nothing you sent is lost; the messages and files of ${vars.duplicateRadicado} are now part of ${vars.radicado}.`
          : `Su solicitud ${vars.duplicateRadicado} trata el mismo asunto que su solicitud ${vars.radicado}, por lo que las unificamos: les daremos respuesta conjunta con el radicado ${vars.radicado}. No se pierde nada de lo que envió: los mensajes y archivos de ${vars.duplicateRadicado} ahora hacen parte de ${vars.radicado}.`,
      ),
      facts([
        [en ? 'Number that stays' : 'Radicado que se conserva', vars.radicado],
        [en ? 'Merged request' : 'Radicado unificado', vars.duplicateRadicado],
        [en ? 'Subject' : 'Asunto', vars.subject],
        ...(due ? [[en ? 'Answer at the latest' : 'Respuesta a más tardar', due] as const] : []),
      ]),
      paragraph(en ? `Please quote ${vars.radicado} from now on.` : `Por favor cite el radicado ${vars.radicado} de ahora en adelante.`),
      vars.trackingUrl ? button(locale, en ? 'Track your request' : 'Consultar su solicitud', vars.trackingUrl) : null,
    ],
  });
}

export const ticketMergedNoticeTemplate = defineTemplate<TicketMergedNoticeVars>(TICKET_MERGED_NOTICE_TEMPLATE_ID, {
  es: (vars) => render('es', vars),
  en: (vars) => render('en', vars),
});
