import { dateTime, integer, nullableUuid, object, text, uuid, type JsonSchema } from '../../json-schema.js';
import { NOTE_VISIBILITIES, type NoteVisibility } from '../contacts/notes.events.js';

export const OPPORTUNITIES_NOTE_ADDED = 'opportunities.note.added';
export const OPPORTUNITIES_NOTE_UPDATED = 'opportunities.note.updated';
export const OPPORTUNITIES_NOTE_DELETED = 'opportunities.note.deleted';
export const OPPORTUNITIES_DOCUMENT_UPLOADED = 'opportunities.document.uploaded';
export const OPPORTUNITIES_DOCUMENT_DELETED = 'opportunities.document.deleted';
export const OPPORTUNITIES_NOTE_REMINDER_DUE = 'opportunities.note.reminder_due';

/** The people on the opportunity a note or file concerns: notifications tells them (never the actor). */
export interface OpportunityPeople {
  opportunityId: string;
  contactId: string;
  title: string;
  createdBy: string;
  agentId: string | null;
  assigneeId: string | null;
}

const peopleProperties: Record<string, JsonSchema> = {
  opportunityId: uuid,
  contactId: uuid,
  title: text,
  createdBy: uuid,
  agentId: nullableUuid,
  assigneeId: nullableUuid,
};

/**
 * Like contacts' notes: a private note is its author's only, so its events carry no text
 * (`excerpt` only for shared notes) and nobody else is told about it.
 */
export interface OpportunityNoteAddedData extends OpportunityPeople {
  noteId: string;
  authorId: string;
  visibility: NoteVisibility;
  excerpt?: string;
  remindAt: string | null;
  createdAt: string;
  version: number;
}

export interface OpportunityNoteUpdatedData extends OpportunityPeople {
  noteId: string;
  authorId: string;
  visibility: NoteVisibility;
  excerpt?: string;
  changedFields: string[];
  updatedBy: string;
  updatedAt: string;
  version: number;
}

export interface OpportunityNoteDeletedData extends OpportunityPeople {
  noteId: string;
  authorId: string;
  visibility: NoteVisibility;
  deletedBy: string;
  deletedAt: string;
}

export interface OpportunityDocumentUploadedData extends OpportunityPeople {
  documentId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  uploadedBy: string;
  uploadedAt: string;
}

export interface OpportunityDocumentDeletedData extends OpportunityPeople {
  documentId: string;
  deletedBy: string;
  deletedAt: string;
}

/**
 * `opportunities.note.reminder_due`: a note's reminder date (fecha de aviso) arrived. The
 * reminder goes to the note's author (`recipientIds`); a private note's event carries no text
 * and notifications reminds its author only, whatever the event names.
 */
export interface OpportunityNoteReminderDueData extends OpportunityPeople {
  noteId: string;
  authorId: string;
  visibility: NoteVisibility;
  /** Shared notes only. */
  excerpt?: string;
  remindAt: string;
  recipientIds: string[];
}

const visibility: JsonSchema = { type: 'string', enum: NOTE_VISIBILITIES };
const excerpt: JsonSchema = { type: 'string', description: 'Shared notes only: the first characters of the text.' };
const nullableDateTime: JsonSchema = { type: ['string', 'null'], format: 'date-time' };

export const opportunityNoteAddedSchema = object(
  { ...peopleProperties, noteId: uuid, authorId: uuid, visibility, excerpt, remindAt: nullableDateTime, createdAt: dateTime, version: integer },
  [...Object.keys(peopleProperties), 'noteId', 'authorId', 'visibility', 'remindAt', 'createdAt', 'version'],
);

export const opportunityNoteUpdatedSchema = object(
  { ...peopleProperties, noteId: uuid, authorId: uuid, visibility, excerpt, changedFields: { type: 'array', items: text }, updatedBy: uuid, updatedAt: dateTime, version: integer },
  [...Object.keys(peopleProperties), 'noteId', 'authorId', 'visibility', 'changedFields', 'updatedBy', 'updatedAt', 'version'],
);

export const opportunityNoteDeletedSchema = object({ ...peopleProperties, noteId: uuid, authorId: uuid, visibility, deletedBy: uuid, deletedAt: dateTime });

export const opportunityDocumentUploadedSchema = object({
  ...peopleProperties,
  documentId: uuid,
  fileName: text,
  contentType: text,
  sizeBytes: integer,
  uploadedBy: uuid,
  uploadedAt: dateTime,
});

export const opportunityDocumentDeletedSchema = object({ ...peopleProperties, documentId: uuid, deletedBy: uuid, deletedAt: dateTime });

export const opportunityNoteReminderDueSchema = object(
  { ...peopleProperties, noteId: uuid, authorId: uuid, visibility, excerpt, remindAt: dateTime, recipientIds: { type: 'array', items: uuid } },
  [...Object.keys(peopleProperties), 'noteId', 'authorId', 'visibility', 'remindAt', 'recipientIds'],
);
