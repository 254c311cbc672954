import type { EventDefinition } from '../../event-catalog.js';
import * as n from './notes.events.js';

/** Notes on contacts and companies. None of these carries the text of a private note. */
export const NOTE_EVENT_DEFINITIONS: readonly EventDefinition[] = [
  {
    type: n.CONTACTS_NOTE_ADDED,
    publisher: 'contacts',
    consumers: [],
    summary: 'Se agregó una nota a un contacto (el texto solo si es compartida, como extracto). / A note was added to a contact (an excerpt only for shared notes).',
    schema: n.noteAddedSchema,
    exchange: 'crm.events',
  },
  {
    type: n.CONTACTS_NOTE_UPDATED,
    publisher: 'contacts',
    consumers: [],
    summary: "Una nota cambió: qué campos, nunca el texto de una nota privada. / A note changed: which fields, never a private note's text.",
    schema: n.noteUpdatedSchema,
    exchange: 'crm.events',
  },
  {
    type: n.CONTACTS_NOTE_DELETED,
    publisher: 'contacts',
    consumers: [],
    summary: 'Su autor eliminó una nota. / A note was deleted by its author.',
    schema: n.noteDeletedSchema,
    exchange: 'crm.events',
  },
  {
    type: n.CONTACTS_NOTE_REMINDER_DUE,
    publisher: 'contacts',
    consumers: ['notifications'],
    summary: "Llegó la fecha de aviso de una nota: avisar al autor o al equipo del contacto. / A note's reminder date arrived: remind the author or the contact's team.",
    schema: n.noteReminderDueSchema,
    exchange: 'crm.events',
  },
];
