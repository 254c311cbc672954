import { defineTemplate, htmlDocument, templateLocale, type TemplateLocale } from './email-template.js';
import { html, singleLine } from './escape-html.js';

/** Sent when a note's reminder date (fecha de aviso) arrives (contacts.note.reminder_due). */
export interface NoteReminderVars {
  recipientName: string;
  contactName: string;
  /** Absolute link to the contact in the web app. */
  contactUrl: string;
  /** ISO 8601 instant of the reminder. */
  remindAt: string;
  /** IANA zone the date is shown in (MAIL_TIME_ZONE). */
  timeZone: string;
  /** Shared notes only; a private note's text never reaches notifications. */
  excerpt: string | null;
  /** Who wrote the note, when the recipient is someone else (team reminders). */
  authorName: string | null;
  /** The recipient is reminded as a member of the contact's team, not as the author. */
  asTeamMember: boolean;
}

export const NOTE_REMINDER_TEMPLATE_ID = 'note-reminder';

const BUTTON_STYLE = 'display:inline-block;padding:10px 18px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold';
const QUOTE_STYLE = 'margin:12px 0;padding:8px 12px;border-left:4px solid #cbd5e1;color:#374151';
const FOOTNOTE_STYLE = 'color:#6b7280;font-size:12px';

/** "20 de marzo de 2026, 9:00 a. m. (America/Bogota)" / "March 20, 2026 at 9:00 AM (America/Bogota)". */
export function formatReminderDate(locale: TemplateLocale, iso: string, timeZone: string): string {
  const formatted = new Intl.DateTimeFormat(locale === 'en' ? 'en-US' : 'es-CO', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(iso));
  // Intl uses narrow no-break spaces in times; plain spaces read the same and survive every mail client.
  return `${formatted.replace(/[\u202f\u00a0]/g, ' ')} (${timeZone})`;
}

function lead(locale: TemplateLocale, vars: NoteReminderVars, when: string): { text: string; html: string } {
  if (locale === 'en') {
    if (vars.asTeamMember) {
      const who = vars.authorName ?? 'A colleague';
      return {
        text: `${who} set a reminder for your team about ${vars.contactName} for ${when}.`,
        html: html`<strong>${who}</strong> set a reminder for your team about <strong>${vars.contactName}</strong> for ${when}.`,
      };
    }
    return { text: `You have a reminder about ${vars.contactName}, set for ${when}.`, html: html`You have a reminder about <strong>${vars.contactName}</strong>, set for ${when}.` };
  }
  if (vars.asTeamMember) {
    const who = vars.authorName ?? 'Un compañero';
    return {
      text: `${who} programó un recordatorio para su equipo sobre ${vars.contactName} para el ${when}.`,
      html: html`<strong>${who}</strong> programó un recordatorio para su equipo sobre <strong>${vars.contactName}</strong> para el ${when}.`,
    };
  }
  return {
    text: `Tiene un recordatorio sobre ${vars.contactName} programado para el ${when}.`,
    html: html`Tiene un recordatorio sobre <strong>${vars.contactName}</strong> programado para el ${when}.`,
  };
}

function render(locale: TemplateLocale, vars: NoteReminderVars) {
  const en = locale === 'en';
  const when = formatReminderDate(locale, vars.remindAt, vars.timeZone);
  const opening = lead(locale, vars, when);
  const noteLabel = en ? 'The note:' : 'La nota:';
  const privateHint = en ? 'The note is private: open the contact in the CRM to read it.' : 'La nota es privada: abra el contacto en el CRM para leerla.';
  const noteText = vars.excerpt === null ? [privateHint] : [noteLabel, `“${vars.excerpt}”`];
  const noteHtml =
    vars.excerpt === null
      ? html`<p>${privateHint}</p>`
      : html`<p>${noteLabel}</p>
          <blockquote style="${QUOTE_STYLE}">${vars.excerpt}</blockquote>`;
  return {
    subject: singleLine(`${en ? 'Reminder' : 'Recordatorio'}: ${vars.contactName}`),
    text: [
      en ? `Hi ${vars.recipientName},` : `Hola, ${vars.recipientName}:`,
      '',
      opening.text,
      '',
      ...noteText,
      '',
      en ? 'View the contact:' : 'Ver el contacto:',
      vars.contactUrl,
      '',
      en ? '— Your CRM' : '— Su CRM',
    ].join('\n'),
    html: htmlDocument(
      locale,
      [
        en ? html`<p>Hi ${vars.recipientName},</p>` : html`<p>Hola, ${vars.recipientName}:</p>`,
        `<p>${opening.html}</p>`,
        noteHtml,
        html`<p><a href="${vars.contactUrl}" style="${BUTTON_STYLE}">${en ? 'View contact' : 'Ver contacto'}</a></p>`,
        en
          ? html`<p style="${FOOTNOTE_STYLE}">If the button does not work, copy this link into your browser: ${vars.contactUrl}</p>`
          : html`<p style="${FOOTNOTE_STYLE}">Si el botón no funciona, copie este enlace en su navegador: ${vars.contactUrl}</p>`,
      ].join('\n'),
    ),
  };
}

export const noteReminderTemplate = defineTemplate<NoteReminderVars>(NOTE_REMINDER_TEMPLATE_ID, {
  es: (vars) => render('es', vars),
  en: (vars) => render('en', vars),
});

/** One sentence for the in-app feed, in the recipient's language. */
export function noteReminderSummary(locale: string | null | undefined, vars: NoteReminderVars): string {
  const chosen = templateLocale(locale);
  return lead(chosen, vars, formatReminderDate(chosen, vars.remindAt, vars.timeZone)).text;
}
