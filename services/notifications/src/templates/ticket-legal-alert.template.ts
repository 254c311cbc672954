import { defineTemplate, templateLocale, type TemplateLocale } from './email-template.js';
import { formatDueDay, pqrClassLabel } from './ticket-labels.js';
import { assigneeNote, composeStaffAlertMail, type TicketStaffAlertBase } from './ticket-staff-alert-mail.js';

/** The legal clock (Ley 1755) is about to expire or expired (tickets.ticket.legal_due_soon|legal_overdue). */
export interface TicketLegalAlertVars extends TicketStaffAlertBase {
  kind: 'due_soon' | 'overdue';
  pqrClass: string;
  legalDueAt: string;
  businessDaysLeft: number;
  timeZone: string;
}

export const TICKET_LEGAL_ALERT_TEMPLATE_ID = 'ticket-legal-alert';

function subject(locale: TemplateLocale, vars: TicketLegalAlertVars): string {
  const en = locale === 'en';
  if (vars.kind === 'overdue') return en ? `Overdue (legal term): ${vars.radicado} — ${vars.subject}` : `PQR vencida (término legal): ${vars.radicado} — ${vars.subject}`;
  if (vars.businessDaysLeft <= 0) return en ? `Due today: ${vars.radicado} — ${vars.subject}` : `PQR vence hoy: ${vars.radicado} — ${vars.subject}`;
  const days = vars.businessDaysLeft === 1 ? (en ? '1 business day' : '1 día hábil') : en ? `${vars.businessDaysLeft} business days` : `${vars.businessDaysLeft} días hábiles`;
  return en ? `Due in ${days}: ${vars.radicado} — ${vars.subject}` : `PQR vence en ${days}: ${vars.radicado} — ${vars.subject}`;
}

function lead(locale: TemplateLocale, vars: TicketLegalAlertVars): string {
  const en = locale === 'en';
  const due = formatDueDay(locale, vars.legalDueAt, vars.timeZone);
  const owner = assigneeNote(locale, vars);
  if (vars.kind === 'overdue') {
    return en
      ? `The ticket ${vars.radicado}${owner} passed its legal due date (${due}) without an answer. Answer it now: the delay is a breach of Ley 1755 de 2015.`
      : `La PQR ${vars.radicado}${owner} superó su fecha legal de respuesta (${due}) sin respuesta. Respóndala cuanto antes: la demora incumple la Ley 1755 de 2015.`;
  }
  return en ? `The ticket ${vars.radicado}${owner} must be answered by ${due}.` : `La PQR ${vars.radicado}${owner} debe responderse a más tardar el ${due}.`;
}

function render(locale: TemplateLocale, vars: TicketLegalAlertVars) {
  const fact = [locale === 'en' ? 'Type' : 'Clase', pqrClassLabel(locale, vars.pqrClass)] as const;
  return composeStaffAlertMail(locale, vars, { subject: subject(locale, vars), lead: lead(locale, vars), fact });
}

export const ticketLegalAlertTemplate = defineTemplate<TicketLegalAlertVars>(TICKET_LEGAL_ALERT_TEMPLATE_ID, {
  es: (vars) => render('es', vars),
  en: (vars) => render('en', vars),
});

export function ticketLegalAlertSummary(locale: string | null | undefined, vars: TicketLegalAlertVars): string {
  return lead(templateLocale(locale), vars);
}
