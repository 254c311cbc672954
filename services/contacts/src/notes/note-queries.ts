import { Injectable } from '@nestjs/common';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { decodeKeysetCursor, Problems, type Page } from '@crm/common';
import { timeKeysetPage } from '@crm/database';
import { ContactNote } from './contact-note.entity.js';
import type { ListNotesQueryDto } from './dto/list-notes.query.dto.js';
import { toNoteView, type NoteView } from './note.view.js';

/**
 * Every read of notes goes through here, so the private-note rule lives in one place: a
 * private note is visible to its author only — not to admins, managers or the contact's owner.
 * (The contact itself must already have been found visible by ContactAccess.)
 */
@Injectable()
export class NoteQueries {
  visibleQuery(em: EntityManager, user: AuthUser, contactId: string, alias = 'n'): SelectQueryBuilder<ContactNote> {
    return em
      .createQueryBuilder(ContactNote, alias)
      .where(`${alias}.tenant_id = :tenantId AND ${alias}.contact_id = :contactId`, { tenantId: user.tenantId, contactId })
      .andWhere(`(${alias}.visibility = 'shared' OR ${alias}.author_id = :callerId)`, { callerId: user.id });
  }

  async findVisible(em: EntityManager, user: AuthUser, contactId: string, noteId: string, lock = false): Promise<ContactNote> {
    const query = this.visibleQuery(em, user, contactId).andWhere('n.id = :noteId', { noteId });
    if (lock) query.setLock('pessimistic_write');
    const note = await query.getOne();
    if (!note) throw Problems.notFound('La nota no existe o no es visible para usted.');
    return note;
  }

  /** Newest first, keyset pages on (created_at, id). */
  async page(em: EntityManager, user: AuthUser, contactId: string, query: ListNotesQueryDto): Promise<Page<NoteView>> {
    const builder = this.visibleQuery(em, user, contactId);
    if (query.visibility) builder.andWhere('n.visibility = :visibility', { visibility: query.visibility });
    const cursor = decodeKeysetCursor(query.cursor, ['time', 'uuid']);
    if (cursor) {
      const [at, id] = cursor;
      builder.andWhere('(n.created_at, n.id) < (CAST(:cursorAt AS timestamptz), CAST(:cursorId AS uuid))', { cursorAt: at, cursorId: id });
    }
    return timeKeysetPage(builder.orderBy('n.created_at', 'DESC').addOrderBy('n.id', 'DESC'), query.limit, 'n.created_at', toNoteView);
  }
}
