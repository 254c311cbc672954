import { dateTime, integer, object, uuid, type JsonSchema } from '../json-schema.js';

/** Personal data (Ley 1581 de 2012 / GDPR): consent for marketing and anonymisation. */
export const CONTACTS_CONTACT_CONSENT_CHANGED = 'contacts.contact.consent_changed';
export const CONTACTS_CONTACT_ANONYMIZED = 'contacts.contact.anonymized';

/** Channels through which a consent (autorización) can be captured. */
export const CONSENT_CHANNELS = ['email', 'phone', 'web-form', 'in-person', 'whatsapp', 'paper', 'other'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

export interface ContactConsentChangedData {
  contactId: string;
  granted: boolean;
  channel: ConsentChannel;
  /** When the person gave (or withdrew) it; may be earlier than the event. */
  at: string;
  changedBy: string;
  version: number;
  /** true: stated through an anonymous public form (nobody checked who sent it). Absent otherwise. */
  unverified?: boolean;
}

/**
 * The contact's personal data was wiped, irreversibly. Every service holding a copy (names,
 * e-mails, phones, texts mentioning them) must anonymise it; ids and aggregates stay.
 * Carries no personal data itself.
 */
export interface ContactAnonymizedData {
  contactId: string;
  anonymizedAt: string;
  anonymizedBy: string;
}

export const contactConsentChangedSchema: JsonSchema = object(
  {
    contactId: uuid,
    granted: { type: 'boolean' },
    channel: { type: 'string', enum: CONSENT_CHANNELS },
    at: dateTime,
    changedBy: uuid,
    version: integer,
    unverified: { type: 'boolean', description: 'true when stated through an anonymous public form (unverified public input).' },
  },
  ['contactId', 'granted', 'channel', 'at', 'changedBy', 'version'],
);

export const contactAnonymizedSchema: JsonSchema = object({
  contactId: uuid,
  anonymizedAt: dateTime,
  anonymizedBy: uuid,
});
