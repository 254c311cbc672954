import {
  NOTE_EXCERPT_MAX_LENGTH,
  type NoteAddedData,
  type NoteDeletedData,
  type NoteReminderAudience,
  type NoteReminderDueData,
  type NoteUpdatedData,
  type NoteVisibility,
} from '@crm/contracts';
import type { ContactNote } from './contact-note.entity.js';

/**
 * The only way note text gets into an event: a one-line excerpt, and only for a shared note.
 * A private note's text never leaves the notes table (ARCHITECTURE §5).
 */
export function noteExcerpt(visibility: NoteVisibility, body: string): string | undefined {
  if (visibility !== 'shared') return undefined;
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > NOTE_EXCERPT_MAX_LENGTH ? `${flat.slice(0, NOTE_EXCERPT_MAX_LENGTH - 1)}…` : flat;
}

function withExcerpt<T extends object>(data: T, visibility: NoteVisibility, body: string): T & { excerpt?: string } {
  const excerpt = noteExcerpt(visibility, body);
  return excerpt === undefined ? data : { ...data, excerpt };
}

export function noteAddedData(note: ContactNote): NoteAddedData {
  return withExcerpt<NoteAddedData>(
    {
      noteId: note.id,
      contactId: note.contactId,
      authorId: note.authorId,
      visibility: note.visibility,
      interestId: note.interestId,
      remindAt: note.remindAt?.toISOString() ?? null,
      remindAudience: note.remindAudience,
      createdAt: note.createdAt.toISOString(),
      version: note.version,
    },
    note.visibility,
    note.body,
  );
}

export function noteUpdatedData(note: ContactNote, changedFields: string[]): NoteUpdatedData {
  return withExcerpt<NoteUpdatedData>(
    {
      noteId: note.id,
      contactId: note.contactId,
      authorId: note.authorId,
      visibility: note.visibility,
      changedFields,
      interestId: note.interestId,
      remindAt: note.remindAt?.toISOString() ?? null,
      remindAudience: note.remindAudience,
      updatedBy: note.updatedBy,
      updatedAt: note.updatedAt.toISOString(),
      version: note.version,
    },
    note.visibility,
    note.body,
  );
}

export function noteDeletedData(note: ContactNote, deletedBy: string, deletedAt: Date): NoteDeletedData {
  return { noteId: note.id, contactId: note.contactId, authorId: note.authorId, visibility: note.visibility, deletedBy, deletedAt: deletedAt.toISOString() };
}

/** A due reminder as the scheduler reads it (note joined with its contact). */
export interface DueReminderRow {
  id: string;
  tenant_id: string;
  contact_id: string;
  author_id: string;
  visibility: NoteVisibility;
  body: string;
  remind_at: Date;
  remind_audience: NoteReminderAudience;
  display_name: string;
  team_id: string | null;
  owner_id: string | null;
  created_by: string;
  shared_with_team: boolean;
}

/**
 * A private note always reminds its author only; a team reminder on a contact that has no team
 * (any more) falls back to the author rather than to nobody.
 */
export function reminderGoesToTeam(row: DueReminderRow): boolean {
  return row.visibility === 'shared' && row.remind_audience === 'team' && row.team_id !== null;
}

/** The reminder event; `recipientIds` from reminderRecipients: never someone who cannot see the contact. */
export function noteReminderDueData(row: DueReminderRow, recipientIds: string[]): NoteReminderDueData {
  const toTeam = reminderGoesToTeam(row);
  return withExcerpt<NoteReminderDueData>(
    {
      noteId: row.id,
      contactId: row.contact_id,
      contactName: row.display_name,
      authorId: row.author_id,
      audience: toTeam ? 'team' : 'author',
      teamId: toTeam ? row.team_id : null,
      remindAt: new Date(row.remind_at).toISOString(),
      visibility: row.visibility,
      recipientIds,
    },
    row.visibility,
    row.body,
  );
}
