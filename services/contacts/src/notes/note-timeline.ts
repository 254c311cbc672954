import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TimelineService } from '../timeline/timeline.service.js';
import type { ContactNote } from './contact-note.entity.js';

/**
 * The "Nota agregada" entry of the contact's timeline. It carries the note's id, never its
 * text, and `details.private` so the timeline shows a private note's entry to its author only.
 * The flag follows the note's visibility, and the entry goes when the note is deleted.
 */
@Injectable()
export class NoteTimeline {
  constructor(private readonly timeline: TimelineService) {}

  async added(em: EntityManager, note: ContactNote): Promise<void> {
    await this.timeline.record(em, {
      tenantId: note.tenantId,
      contactId: note.contactId,
      kind: 'note_added',
      actorId: note.authorId,
      details: { noteId: note.id, visibility: note.visibility, private: note.visibility === 'private' },
    });
  }

  async visibilityChanged(em: EntityManager, note: ContactNote): Promise<void> {
    await em.query(
      `UPDATE contacts.contact_change
          SET details = details || jsonb_build_object('visibility', $4::text, 'private', $4::text = 'private')
        WHERE tenant_id = $1 AND contact_id = $2 AND kind = 'note_added' AND details->>'noteId' = $3`,
      [note.tenantId, note.contactId, note.id, note.visibility],
    );
  }

  async removed(em: EntityManager, note: ContactNote): Promise<void> {
    await em.query(`DELETE FROM contacts.contact_change WHERE tenant_id = $1 AND contact_id = $2 AND kind = 'note_added' AND details->>'noteId' = $3`, [
      note.tenantId,
      note.contactId,
      note.id,
    ]);
  }
}
