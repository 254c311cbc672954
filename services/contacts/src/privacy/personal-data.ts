/**
 * Contact fields that identify a person, wiped by anonymisation, and scrubbed from history
 * (`contact_change.changes` old → new values). What stays: kind, lifecycle, source, company,
 * industry, category, priority, interest level, country, owner, team, dates, counts.
 */
export const PERSONAL_FIELDS = [
  'firstName',
  'lastName',
  'companyName',
  'displayName',
  'email',
  'emails',
  'phone',
  'phones',
  'linkedinUrl',
  'website',
  'street',
  'city',
  'region',
  'postalCode',
  'taxId',
  'position',
  'tags',
] as const;

/** Keys of timeline `details` that may carry personal data (document names, form answers, merged duplicates' names…). */
export const PERSONAL_DETAIL_KEYS = ['fileName', 'displayName', 'email', 'phone', 'name', 'firstName', 'lastName', 'fields', 'message', 'body', 'mergedNames'] as const;

export const ANONYMIZED_NAME = 'Contacto anonimizado';

/** Replaces a note body (which must not be empty) once its contact is anonymised. */
export const ANONYMIZED_NOTE_BODY = '[Contenido eliminado por anonimización]';
