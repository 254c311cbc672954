import { dateTime, integer, nullableUuid, object, text, uuid, type JsonSchema } from '../../json-schema.js';

export const CONTACTS_NOTE_ADDED = 'contacts.note.added';
export const CONTACTS_NOTE_UPDATED = 'contacts.note.updated';
export const CONTACTS_NOTE_DELETED = 'contacts.note.deleted';
export const CONTACTS_NOTE_REMINDER_DUE = 'contacts.note.reminder_due';

export const NOTE_VISIBILITIES = ['private', 'shared'] as const;
export type NoteVisibility = (typeof NOTE_VISIBILITIES)[number];
export const NOTE_REMINDER_AUDIENCES = ['author', 'team'] as const;
export type NoteReminderAudience = (typeof NOTE_REMINDER_AUDIENCES)[number];

/** Longest excerpt of a shared note an event carries (private notes never carry one). */
export const NOTE_EXCERPT_MAX_LENGTH = 200;

/**
 * Note events never carry the text of a private note (ARCHITECTURE §5: private notes are
 * visible to their author only, events included). `excerpt` is present only for shared notes.
 */
export interface NoteAddedData {
  noteId: string;
  contactId: string;
  authorId: string;
  visibility: NoteVisibility;
  /** Shared notes only: the first characters of the text, on one line. */
  excerpt?: string;
  interestId: string | null;
  remindAt: string | null;
  remindAudience: NoteReminderAudience | null;
  createdAt: string;
  version: number;
}

export interface NoteUpdatedData {
  noteId: string;
  contactId: string;
  authorId: string;
  visibility: NoteVisibility;
  /** Shared notes only. */
  excerpt?: string;
  /** Names of the fields that changed (`body`, `visibility`, `interestId`, `remindAt`, `remindAudience`); never their values. */
  changedFields: string[];
  interestId: string | null;
  remindAt: string | null;
  remindAudience: NoteReminderAudience | null;
  updatedBy: string;
  updatedAt: string;
  version: number;
}

export interface NoteDeletedData {
  noteId: string;
  contactId: string;
  authorId: string;
  visibility: NoteVisibility;
  deletedBy: string;
  deletedAt: string;
}

/**
 * A note's reminder date (fecha de aviso) arrived. notifications reminds `recipientIds`: the
 * author, or for `audience` `team` (shared notes only) the active members of `teamId` and the
 * author, in both cases only people who can see the contact (contacts applies the REST
 * visibility rule when it publishes).
 */
export interface NoteReminderDueData {
  noteId: string;
  contactId: string;
  contactName: string;
  authorId: string;
  audience: NoteReminderAudience;
  /** The contact's team when `audience` is `team`; null otherwise. */
  teamId: string | null;
  remindAt: string;
  visibility: NoteVisibility;
  /** Shared notes only. */
  excerpt?: string;
  /** Who to remind: users who can see the contact. Absent in events published before it existed (then: the author only). */
  recipientIds?: string[];
}

const visibility: JsonSchema = { type: 'string', enum: NOTE_VISIBILITIES };
const audience: JsonSchema = { type: 'string', enum: NOTE_REMINDER_AUDIENCES };
const nullableAudience: JsonSchema = { type: ['string', 'null'], enum: [...NOTE_REMINDER_AUDIENCES, null] };
const nullableDateTime: JsonSchema = { type: ['string', 'null'], format: 'date-time' };
const excerpt: JsonSchema = { type: 'string', description: `Shared notes only (at most ${NOTE_EXCERPT_MAX_LENGTH} characters); absent for private notes.` };

export const noteAddedSchema = object(
  {
    noteId: uuid,
    contactId: uuid,
    authorId: uuid,
    visibility,
    excerpt,
    interestId: nullableUuid,
    remindAt: nullableDateTime,
    remindAudience: nullableAudience,
    createdAt: dateTime,
    version: integer,
  },
  ['noteId', 'contactId', 'authorId', 'visibility', 'interestId', 'remindAt', 'remindAudience', 'createdAt', 'version'],
);

export const noteUpdatedSchema = object(
  {
    noteId: uuid,
    contactId: uuid,
    authorId: uuid,
    visibility,
    excerpt,
    changedFields: { type: 'array', items: text },
    interestId: nullableUuid,
    remindAt: nullableDateTime,
    remindAudience: nullableAudience,
    updatedBy: uuid,
    updatedAt: dateTime,
    version: integer,
  },
  ['noteId', 'contactId', 'authorId', 'visibility', 'changedFields', 'interestId', 'remindAt', 'remindAudience', 'updatedBy', 'updatedAt', 'version'],
);

export const noteDeletedSchema = object({ noteId: uuid, contactId: uuid, authorId: uuid, visibility, deletedBy: uuid, deletedAt: dateTime });

export const noteReminderDueSchema = object(
  {
    noteId: uuid,
    contactId: uuid,
    contactName: text,
    authorId: uuid,
    audience,
    teamId: nullableUuid,
    remindAt: dateTime,
    visibility,
    excerpt,
    recipientIds: { type: 'array', items: uuid, description: 'Users who can see the contact and are reminded (author, and for a team reminder the team members who may see it).' },
  },
  ['noteId', 'contactId', 'contactName', 'authorId', 'audience', 'teamId', 'remindAt', 'visibility'],
);
