import { defineTemplate, templateLocale, type TemplateLocale } from './email-template.js';
import { formatMoment, priorityLabel, slaTargetLabel } from './ticket-labels.js';
import { assigneeNote, composeStaffAlertMail, type TicketStaffAlertBase } from './ticket-staff-alert-mail.js';

/** 75 % of an SLA target elapsed, or all of it (tickets.ticket.sla_warning|sla_breached). */
export interface TicketSlaAlertVars extends TicketStaffAlertBase {
  kind: 'warning' | 'breached';
  priority: string;
  target: string;
  dueAt: string;
  timeZone: string;
}

export const TICKET_SLA_ALERT_TEMPLATE_ID = 'ticket-sla-alert';

function lead(locale: TemplateLocale, vars: TicketSlaAlertVars): string {
  const en = locale === 'en';
  const target = slaTargetLabel(locale, vars.target);
  const due = formatMoment(locale, vars.dueAt, vars.timeZone);
  const owner = assigneeNote(locale, vars);
  if (vars.kind === 'breached') {
    return en
      ? `The ${target} SLA of ticket ${vars.radicado}${owner} was breached: it was due ${due}.`
      : `Se incumplió el SLA de ${target} de la PQR ${vars.radicado}${owner}: vencía el ${due}.`;
  }
  return en
    ? `The ${target} SLA of ticket ${vars.radicado}${owner} is at risk: it is due ${due}.`
    : `El SLA de ${target} de la PQR ${vars.radicado}${owner} está en riesgo: vence el ${due}.`;
}

function render(locale: TemplateLocale, vars: TicketSlaAlertVars) {
  const en = locale === 'en';
  const target = slaTargetLabel(locale, vars.target);
  const title = vars.kind === 'breached' ? (en ? `SLA breached (${target})` : `SLA incumplido (${target})`) : en ? `SLA at risk (${target})` : `SLA en riesgo (${target})`;
  const fact = [en ? 'Priority' : 'Prioridad', priorityLabel(locale, vars.priority)] as const;
  return composeStaffAlertMail(locale, vars, { subject: `${title}: ${vars.radicado} — ${vars.subject}`, lead: lead(locale, vars), fact });
}

export const ticketSlaAlertTemplate = defineTemplate<TicketSlaAlertVars>(TICKET_SLA_ALERT_TEMPLATE_ID, {
  es: (vars) => render('es', vars),
  en: (vars) => render('en', vars),
});

export function ticketSlaAlertSummary(locale: string | null | undefined, vars: TicketSlaAlertVars): string {
  return lead(templateLocale(locale), vars);
}
