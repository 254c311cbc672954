import { defineTemplate, htmlDocument, templateLocale, type TemplateLocale } from '../templates/email-template.js';
import { html, singleLine } from '../templates/escape-html.js';
import { formatReminderDate } from '../templates/note-reminder.template.js';

/** Sent when an opportunity note's reminder date arrives (opportunities.note.reminder_due). */
export interface OpportunityNoteReminderVars {
  recipientName: string;
  title: string;
  url: string;
  remindAt: string;
  timeZone: string;
  /** Shared notes only; a private note's text never reaches notifications. */
  excerpt: string | null;
}

export const OPPORTUNITY_NOTE_REMINDER_TEMPLATE_ID = 'opportunity-note-reminder';

const BUTTON_STYLE = 'display:inline-block;padding:10px 18px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold';
const QUOTE_STYLE = 'margin:12px 0;padding:8px 12px;border-left:4px solid #cbd5e1;color:#374151';

function lead(locale: TemplateLocale, v: OpportunityNoteReminderVars): string {
  const when = formatReminderDate(locale, v.remindAt, v.timeZone);
  return locale === 'en'
    ? `You have a reminder on a note of the opportunity "${v.title}", set for ${when}.`
    : `Tiene un recordatorio de una nota de la oportunidad «${v.title}», programado para el ${when}.`;
}

function render(locale: TemplateLocale, v: OpportunityNoteReminderVars) {
  const en = locale === 'en';
  const hello = en ? `Hi ${v.recipientName},` : `Hola, ${v.recipientName}:`;
  const privateHint = en ? 'The note is private: open the opportunity in the CRM to read it.' : 'La nota es privada: abra la oportunidad en el CRM para leerla.';
  const noteLabel = en ? 'The note:' : 'La nota:';
  const noteText = v.excerpt === null ? [privateHint] : [noteLabel, `“${v.excerpt}”`];
  const noteHtml =
    v.excerpt === null
      ? html`<p>${privateHint}</p>`
      : html`<p>${noteLabel}</p>
          <blockquote style="${QUOTE_STYLE}">${v.excerpt}</blockquote>`;
  return {
    subject: singleLine(`${en ? 'Reminder' : 'Recordatorio'}: ${v.title}`),
    text: [hello, '', lead(locale, v), '', ...noteText, '', v.url, '', en ? '— Your CRM' : '— Su CRM'].join('\n'),
    html: htmlDocument(
      locale,
      [html`<p>${hello}</p>`, html`<p>${lead(locale, v)}</p>`, noteHtml, html`<p><a href="${v.url}" style="${BUTTON_STYLE}">${en ? 'View opportunity' : 'Ver oportunidad'}</a></p>`].join(
        '\n',
      ),
    ),
  };
}

export const opportunityNoteReminderTemplate = defineTemplate<OpportunityNoteReminderVars>(OPPORTUNITY_NOTE_REMINDER_TEMPLATE_ID, {
  es: (vars) => render('es', vars),
  en: (vars) => render('en', vars),
});

export function opportunityNoteReminderSummary(locale: string | null | undefined, vars: OpportunityNoteReminderVars): string {
  return lead(templateLocale(locale), vars);
}
