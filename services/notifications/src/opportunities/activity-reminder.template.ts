import type { ActivityType } from '@crm/contracts';
import { defineTemplate, htmlDocument, templateLocale, type TemplateLocale } from '../templates/email-template.js';
import { html, singleLine } from '../templates/escape-html.js';
import { formatReminderDate } from '../templates/note-reminder.template.js';

/** Sent to the assignee when a pending activity's reminder time arrives (opportunities.activity.due). */
export interface ActivityReminderVars {
  recipientName: string;
  type: ActivityType;
  subject: string;
  /** ISO 8601 due time. */
  dueAt: string;
  /** IANA zone the time is shown in (MAIL_TIME_ZONE). */
  timeZone: string;
  opportunityTitle: string | null;
  contactName: string | null;
  /** The opportunity (or, without one, the contact) in the web app. */
  url: string;
}

export const ACTIVITY_REMINDER_TEMPLATE_ID = 'activity-reminder';

const TYPE_LABELS: Record<TemplateLocale, Record<ActivityType, string>> = {
  es: { task: 'una tarea', call: 'una llamada', meeting: 'una reunión', visit: 'una visita', email: 'un correo' },
  en: { task: 'task', call: 'call', meeting: 'meeting', visit: 'visit', email: 'e-mail' },
};
const BUTTON_STYLE = 'display:inline-block;padding:10px 18px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold';

function lead(locale: TemplateLocale, v: ActivityReminderVars): string {
  const when = formatReminderDate(locale, v.dueAt, v.timeZone);
  const type = TYPE_LABELS[locale][v.type] ?? v.type;
  if (locale === 'en') {
    const about = [v.opportunityTitle && ` on the opportunity "${v.opportunityTitle}"`, v.contactName && ` with ${v.contactName}`].filter(Boolean).join('');
    return `You have a pending ${type}, "${v.subject}"${about}, due ${when}.`;
  }
  const about = [v.opportunityTitle && ` de la oportunidad «${v.opportunityTitle}»`, v.contactName && ` con ${v.contactName}`].filter(Boolean).join('');
  return `Tiene ${type} pendiente, «${v.subject}»${about}, que vence el ${when}.`;
}

function render(locale: TemplateLocale, v: ActivityReminderVars) {
  const en = locale === 'en';
  const hello = en ? `Hi ${v.recipientName},` : `Hola, ${v.recipientName}:`;
  const text = lead(locale, v);
  const button = en ? 'View in the CRM' : 'Ver en el CRM';
  return {
    subject: singleLine(`${en ? 'Activity reminder' : 'Recordatorio de actividad'}: ${v.subject}`),
    text: [hello, '', text, '', v.url, '', en ? '— Your CRM' : '— Su CRM'].join('\n'),
    html: htmlDocument(locale, [html`<p>${hello}</p>`, html`<p>${text}</p>`, html`<p><a href="${v.url}" style="${BUTTON_STYLE}">${button}</a></p>`].join('\n')),
  };
}

export const activityReminderTemplate = defineTemplate<ActivityReminderVars>(ACTIVITY_REMINDER_TEMPLATE_ID, {
  es: (vars) => render('es', vars),
  en: (vars) => render('en', vars),
});

/** One sentence for the in-app feed, in the recipient's language. */
export function activityReminderSummary(locale: string | null | undefined, vars: ActivityReminderVars): string {
  return lead(templateLocale(locale), vars);
}
