import { defineTemplate, templateLocale, type TemplateLocale } from './email-template.js';
import { button, composeTicketMail, facts, paragraph } from './ticket-mail-layout.js';
import { formatMoment, priorityLabel, slaTargetLabel } from './ticket-labels.js';

/** 75 % of an SLA target elapsed, or all of it (tickets.ticket.sla_warning|sla_breached). */
export interface TicketSlaAlertVars {
  recipientName: string;
  kind: 'warning' | 'breached';
  asManager: boolean;
  radicado: string;
  subject: string;
  priority: string;
  target: string;
  dueAt: string;
  assigneeName: string | null;
  ticketUrl: string;
  timeZone: string;
}

export const TICKET_SLA_ALERT_TEMPLATE_ID = 'ticket-sla-alert';

function lead(locale: TemplateLocale, vars: TicketSlaAlertVars): string {
  const en = locale === 'en';
  const target = slaTargetLabel(locale, vars.target);
  const due = formatMoment(locale, vars.dueAt, vars.timeZone);
  const owner = vars.asManager ? (vars.assigneeName ? (en ? ` (assigned to ${vars.assigneeName})` : ` (asignada a ${vars.assigneeName})`) : en ? ' (not assigned)' : ' (sin asignar)') : '';
  if (vars.kind === 'breached') {
    return en ? `The ${target} SLA of ticket ${vars.radicado}${owner} was breached: it was due ${due}.` : `Se incumplió el SLA de ${target} de la PQR ${vars.radicado}${owner}: vencía el ${due}.`;
  }
  return en ? `The ${target} SLA of ticket ${vars.radicado}${owner} is at risk: it is due ${due}.` : `El SLA de ${target} de la PQR ${vars.radicado}${owner} está en riesgo: vence el ${due}.`;
}

function render(locale: TemplateLocale, vars: TicketSlaAlertVars) {
  const en = locale === 'en';
  const target = slaTargetLabel(locale, vars.target);
  const title =
    vars.kind === 'breached' ? (en ? `SLA breached (${target})` : `SLA incumplido (${target})`) : en ? `SLA at risk (${target})` : `SLA en riesgo (${target})`;
  return composeTicketMail(locale, {
    subject: `${title}: ${vars.radicado} — ${vars.subject}`,
    greetingName: vars.recipientName,
    radicado: vars.radicado,
    signature: en ? 'Your CRM' : 'Su CRM',
    parts: [
      paragraph(lead(locale, vars)),
      facts([
        [en ? 'Subject' : 'Asunto', vars.subject],
        [en ? 'Priority' : 'Prioridad', priorityLabel(locale, vars.priority)],
      ]),
      button(locale, en ? 'Open ticket' : 'Abrir PQR', vars.ticketUrl),
    ],
  });
}

export const ticketSlaAlertTemplate = defineTemplate<TicketSlaAlertVars>(TICKET_SLA_ALERT_TEMPLATE_ID, {
  es: (vars) => render('es', vars),
  en: (vars) => render('en', vars),
});

export function ticketSlaAlertSummary(locale: string | null | undefined, vars: TicketSlaAlertVars): string {
  return lead(templateLocale(locale), vars);
}
