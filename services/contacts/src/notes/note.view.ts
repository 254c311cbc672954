import type { ContactNote } from './contact-note.entity.js';

/** The public shape of a note: only these fields leave the service. */
export function toNoteView(note: ContactNote) {
  return {
    id: note.id,
    contactId: note.contactId,
    authorId: note.authorId,
    body: note.body,
    visibility: note.visibility,
    interestId: note.interestId,
    remindAt: note.remindAt?.toISOString() ?? null,
    remindAudience: note.remindAudience,
    reminderSentAt: note.reminderSentAt?.toISOString() ?? null,
    createdAt: note.createdAt.toISOString(),
    updatedAt: note.updatedAt.toISOString(),
    updatedBy: note.updatedBy,
    version: note.version,
  };
}

export type NoteView = ReturnType<typeof toNoteView>;
