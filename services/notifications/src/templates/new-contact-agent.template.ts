import { defineTemplate, htmlDocument, templateLocale } from './email-template.js';
import { html, singleLine } from './escape-html.js';

/** Sent to a user when a contact is assigned to them (contacts.contact.assigned). */
export interface NewContactAgentVars {
  recipientName: string;
  contactName: string;
  /** Absolute link to the contact in the web app. */
  contactUrl: string;
  /** Who assigned it; null when we do not know that user (yet). */
  assignedByName: string | null;
  /** The recipient assigned the contact to themself. */
  selfAssigned: boolean;
}

export const NEW_CONTACT_AGENT_TEMPLATE_ID = 'new-contact-agent';

const BUTTON_STYLE = 'display:inline-block;padding:10px 18px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold';
const FOOTNOTE_STYLE = 'color:#6b7280;font-size:12px';

function spanishLead(vars: NewContactAgentVars): { text: string; html: string } {
  if (vars.selfAssigned) {
    return { text: `Usted se asignó un nuevo contacto: ${vars.contactName}.`, html: html`Usted se asignó un nuevo contacto: <strong>${vars.contactName}</strong>.` };
  }
  if (vars.assignedByName) {
    return {
      text: `${vars.assignedByName} le asignó un nuevo contacto: ${vars.contactName}.`,
      html: html`<strong>${vars.assignedByName}</strong> le asignó un nuevo contacto: <strong>${vars.contactName}</strong>.`,
    };
  }
  return { text: `Se le asignó un nuevo contacto: ${vars.contactName}.`, html: html`Se le asignó un nuevo contacto: <strong>${vars.contactName}</strong>.` };
}

function englishLead(vars: NewContactAgentVars): { text: string; html: string } {
  if (vars.selfAssigned) {
    return { text: `You assigned yourself a new contact: ${vars.contactName}.`, html: html`You assigned yourself a new contact: <strong>${vars.contactName}</strong>.` };
  }
  if (vars.assignedByName) {
    return {
      text: `${vars.assignedByName} assigned you a new contact: ${vars.contactName}.`,
      html: html`<strong>${vars.assignedByName}</strong> assigned you a new contact: <strong>${vars.contactName}</strong>.`,
    };
  }
  return { text: `A new contact was assigned to you: ${vars.contactName}.`, html: html`A new contact was assigned to you: <strong>${vars.contactName}</strong>.` };
}

export const newContactAgentTemplate = defineTemplate<NewContactAgentVars>(NEW_CONTACT_AGENT_TEMPLATE_ID, {
  es: (vars) => {
    const lead = spanishLead(vars);
    return {
      subject: singleLine(`Nuevo contacto asignado: ${vars.contactName}`),
      text: [
        `Hola, ${vars.recipientName}:`,
        '',
        lead.text,
        'Puede revisar sus datos y dar el primer paso aquí:',
        vars.contactUrl,
        '',
        '¡Mucho éxito con este nuevo contacto!',
        '',
        '— Su CRM',
      ].join('\n'),
      html: htmlDocument(
        'es',
        [
          html`<p>Hola, ${vars.recipientName}:</p>`,
          `<p>${lead.html}</p>`,
          '<p>Puede revisar sus datos y dar el primer paso aquí:</p>',
          html`<p><a href="${vars.contactUrl}" style="${BUTTON_STYLE}">Ver contacto</a></p>`,
          '<p>¡Mucho éxito con este nuevo contacto!</p>',
          html`<p style="${FOOTNOTE_STYLE}">Si el botón no funciona, copie este enlace en su navegador: ${vars.contactUrl}</p>`,
        ].join('\n'),
      ),
    };
  },
  en: (vars) => {
    const lead = englishLead(vars);
    return {
      subject: singleLine(`New contact assigned: ${vars.contactName}`),
      text: [
        `Hi ${vars.recipientName},`,
        '',
        lead.text,
        'You can review their details and take the first step here:',
        vars.contactUrl,
        '',
        'Good luck with your new contact!',
        '',
        '— Your CRM',
      ].join('\n'),
      html: htmlDocument(
        'en',
        [
          html`<p>Hi ${vars.recipientName},</p>`,
          `<p>${lead.html}</p>`,
          '<p>You can review their details and take the first step here:</p>',
          html`<p><a href="${vars.contactUrl}" style="${BUTTON_STYLE}">View contact</a></p>`,
          '<p>Good luck with your new contact!</p>',
          html`<p style="${FOOTNOTE_STYLE}">If the button does not work, copy this link into your browser: ${vars.contactUrl}</p>`,
        ].join('\n'),
      ),
    };
  },
});

/** One sentence for the in-app feed, in the recipient's language. */
export function newContactAgentSummary(locale: string | null | undefined, vars: NewContactAgentVars): string {
  return templateLocale(locale) === 'en' ? englishLead(vars).text : spanishLead(vars).text;
}

/** `${APP_BASE_URL}/contacts/<id>`, whatever trailing slash the base URL has. */
export function contactUrl(appBaseUrl: string, contactId: string): string {
  return `${appBaseUrl.replace(/\/+$/, '')}/contacts/${encodeURIComponent(contactId)}`;
}
