import { ACTIVITY_REMINDER_TEMPLATE_ID } from '../opportunities/activity-reminder.template.js';
import { QUOTE_EXPIRED_TEMPLATE_ID } from '../quotes/quote-expired.template.js';
import { OPPORTUNITY_NOTE_REMINDER_TEMPLATE_ID } from '../reminders/opportunity-note-reminder.template.js';
import { NEW_CONTACT_AGENT_TEMPLATE_ID } from '../templates/new-contact-agent.template.js';
import { NOTE_REMINDER_TEMPLATE_ID } from '../templates/note-reminder.template.js';
import { TICKET_ASSIGNED_AGENT_TEMPLATE_ID } from '../templates/ticket-assigned-agent.template.js';
import { TICKET_LEGAL_ALERT_TEMPLATE_ID } from '../templates/ticket-legal-alert.template.js';
import { TICKET_REQUESTER_REPLY_AGENT_TEMPLATE_ID } from '../templates/ticket-requester-reply-agent.template.js';
import { TICKET_SLA_ALERT_TEMPLATE_ID } from '../templates/ticket-sla-alert.template.js';

/**
 * The templates that notify users (staff), each of which a user may route to e-mail and/or the
 * in-app feed. Defaults are those of the seeds: everything on. Mail to requesters and contacts
 * (acuse de recibo, quotes) is not a user's preference and is not listed.
 */
export const USER_NOTIFICATION_TEMPLATES: readonly { id: string; label: { es: string; en: string } }[] = [
  { id: NEW_CONTACT_AGENT_TEMPLATE_ID, label: { es: 'Me asignaron un contacto', en: 'A contact was assigned to me' } },
  { id: NOTE_REMINDER_TEMPLATE_ID, label: { es: 'Recordatorio de una nota', en: 'Note reminder' } },
  { id: TICKET_ASSIGNED_AGENT_TEMPLATE_ID, label: { es: 'Me asignaron una PQR', en: 'A ticket was assigned to me' } },
  { id: TICKET_LEGAL_ALERT_TEMPLATE_ID, label: { es: 'Plazo legal de una PQR por vencer o vencido', en: 'Ticket legal deadline near or passed' } },
  { id: TICKET_SLA_ALERT_TEMPLATE_ID, label: { es: 'SLA de una PQR en riesgo o incumplido', en: 'Ticket SLA at risk or breached' } },
  { id: TICKET_REQUESTER_REPLY_AGENT_TEMPLATE_ID, label: { es: 'El solicitante respondió una PQR', en: 'The requester replied on a ticket' } },
  { id: 'new-opportunity-agent', label: { es: 'Nueva oportunidad de mi contacto', en: 'New opportunity for my contact' } },
  { id: 'new-opportunity-assignee', label: { es: 'Me asignaron una oportunidad', en: 'An opportunity was assigned to me' } },
  { id: 'new-opportunity-file', label: { es: 'Nuevo archivo en mi oportunidad', en: 'New file on my opportunity' } },
  { id: 'new-opportunity-note', label: { es: 'Nueva nota en mi oportunidad', en: 'New note on my opportunity' } },
  { id: 'opportunity-stalled', label: { es: 'Oportunidad estancada', en: 'Stalled opportunity' } },
  { id: ACTIVITY_REMINDER_TEMPLATE_ID, label: { es: 'Recordatorio de una actividad', en: 'Activity reminder' } },
  { id: OPPORTUNITY_NOTE_REMINDER_TEMPLATE_ID, label: { es: 'Recordatorio de una nota de oportunidad', en: 'Opportunity note reminder' } },
  { id: QUOTE_EXPIRED_TEMPLATE_ID, label: { es: 'Venció una cotización mía', en: 'One of my quotes expired' } },
];

export const USER_NOTIFICATION_TEMPLATE_IDS: readonly string[] = USER_NOTIFICATION_TEMPLATES.map((template) => template.id);

/** Where a notification of one template goes for one user. */
export interface DeliveryChannels {
  email: boolean;
  inApp: boolean;
}

/** The seeds' default: every template by e-mail and in the app. */
export const DEFAULT_CHANNELS: DeliveryChannels = { email: true, inApp: true };
