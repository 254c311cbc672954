import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { canWrite, type AuthUser } from '@crm/auth';
import { Problems, type PageQueryDto } from '@crm/common';
import {
  NOTE_EXCERPT_MAX_LENGTH,
  OPPORTUNITIES_NOTE_ADDED,
  OPPORTUNITIES_NOTE_DELETED,
  OPPORTUNITIES_NOTE_UPDATED,
  type OpportunityNoteAddedData,
  type OpportunityNoteDeletedData,
  type OpportunityNoteUpdatedData,
  type OpportunityPeople,
} from '@crm/contracts';
import { assertVersion } from '@crm/database';
import { OutboxService } from '@crm/messaging';
import { OpportunityAccessService } from '../opportunities/opportunity-access.service.js';
import type { Opportunity } from '../opportunities/opportunity.entity.js';
import { newestFirstPage } from '../shared/newest-first-page.js';
import type { CreateOpportunityNoteDto } from './dto/create-note.dto.js';
import type { UpdateOpportunityNoteDto } from './dto/update-note.dto.js';

interface NoteRow {
  id: string;
  author_id: string;
  visibility: 'private' | 'shared';
  body: string;
  remind_at: Date | null;
  reminder_sent_at: Date | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

function toNoteView(row: NoteRow, opportunityId: string) {
  return {
    id: row.id,
    opportunityId,
    authorId: row.author_id,
    visibility: row.visibility,
    body: row.body,
    remindAt: row.remind_at?.toISOString() ?? null,
    reminderSentAt: row.reminder_sent_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

export function peopleOf(o: Opportunity): OpportunityPeople {
  return { opportunityId: o.id, contactId: o.contactId, title: o.title, createdBy: o.createdBy, agentId: o.agentId, assigneeId: o.assigneeId };
}

/** A reminder date this far in the past is still accepted (clock skew, slow clients), as for contacts' notes. */
const REMIND_AT_PAST_TOLERANCE_MS = 60_000;

function assertReminderNotPast(remindAt: Date | null, now = Date.now()): void {
  if (remindAt && remindAt.getTime() < now - REMIND_AT_PAST_TOLERANCE_MS) throw Problems.invalid([{ field: 'remindAt', message: 'La fecha de aviso no puede estar en el pasado.' }]);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Notes on an opportunity, with contacts' rules: a private note exists for its author only —
 * lists, reads, events (no excerpt) and notifications (nobody is told) — and any note counts as
 * activity (clears the stale flag).
 */
@Injectable()
export class OpportunityNotesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OpportunityAccessService,
    private readonly outbox: OutboxService,
  ) {}

  async create(user: AuthUser, opportunityId: string, dto: CreateOpportunityNoteDto) {
    if (!canWrite(user)) throw Problems.forbidden();
    return this.dataSource.transaction(async (em) => {
      const o = await this.access.findVisible(user, opportunityId, em);
      const visibility = dto.visibility ?? 'shared';
      assertReminderNotPast(dto.remindAt ? new Date(dto.remindAt) : null);
      const [row] = (await em.query(
        'INSERT INTO opportunities.opportunity_note (tenant_id, opportunity_id, author_id, visibility, body, remind_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *',
        [user.tenantId, o.id, user.id, visibility, dto.body, dto.remindAt ?? null],
      )) as NoteRow[];
      await this.access.touchActivity(em, user.tenantId, o.id);
      const data: OpportunityNoteAddedData = {
        ...peopleOf(o),
        noteId: row!.id,
        authorId: user.id,
        visibility,
        ...(visibility === 'shared' ? { excerpt: dto.body.replace(/\s+/g, ' ').trim().slice(0, NOTE_EXCERPT_MAX_LENGTH) } : {}),
        remindAt: row!.remind_at?.toISOString() ?? null,
        createdAt: row!.created_at.toISOString(),
        version: row!.version,
      };
      await this.outbox.publish(em, { type: OPPORTUNITIES_NOTE_ADDED, subject: o.id, tenantId: user.tenantId, data });
      return toNoteView(row!, o.id);
    });
  }

  /** Shared notes and the caller's private ones, newest first, a keyset page at a time. */
  async list(user: AuthUser, opportunityId: string, page: PageQueryDto) {
    const o = await this.access.findVisible(user, opportunityId);
    return newestFirstPage<NoteRow, ReturnType<typeof toNoteView>>(
      this.dataSource.manager,
      {
        table: 'opportunities.opportunity_note',
        where: "tenant_id = $1 AND opportunity_id = $2 AND (visibility = 'shared' OR author_id = $3)",
        params: [user.tenantId, o.id, user.id],
        limit: page.limit,
        cursor: page.cursor,
      },
      (row) => toNoteView(row, o.id),
    );
  }

  /** Only the author edits; a private note of someone else is a 404, a shared one a 403. */
  async update(user: AuthUser, opportunityId: string, noteId: string, dto: Omit<UpdateOpportunityNoteDto, 'version'>, version: number) {
    if (!canWrite(user)) throw Problems.forbidden();
    return this.dataSource.transaction(async (em) => {
      const o = await this.access.findVisible(user, opportunityId, em);
      const rows = UUID.test(noteId)
        ? ((await em.query(`SELECT * FROM opportunities.opportunity_note WHERE tenant_id = $1 AND opportunity_id = $2 AND id = $3 AND (visibility = 'shared' OR author_id = $4) FOR UPDATE`, [
            user.tenantId,
            o.id,
            noteId,
            user.id,
          ])) as NoteRow[])
        : [];
      const note = rows[0];
      if (!note) throw Problems.notFound('La nota no existe o no es visible para usted.');
      if (note.author_id !== user.id) throw Problems.forbidden('Solo su autor puede editar la nota.');
      assertVersion(note, version);
      if (dto.body === null || dto.visibility === null) throw Problems.invalid([{ field: dto.body === null ? 'body' : 'visibility', message: 'El campo no puede quedar vacío.' }]);
      const next = {
        body: dto.body ?? note.body,
        visibility: dto.visibility ?? note.visibility,
        remindAt: dto.remindAt === undefined ? note.remind_at : dto.remindAt ? new Date(dto.remindAt) : null,
      };
      const changedFields = [
        next.body !== note.body ? 'body' : null,
        next.visibility !== note.visibility ? 'visibility' : null,
        (next.remindAt?.getTime() ?? null) !== (note.remind_at?.getTime() ?? null) ? 'remindAt' : null,
      ].filter((field): field is string => field !== null);
      if (changedFields.length === 0) return toNoteView(note, o.id);
      if (changedFields.includes('remindAt')) assertReminderNotPast(next.remindAt);
      // A new reminder date is owed a reminder again (reminder_sent_at cleared).
      const [updated] = (await em.query(
        `UPDATE opportunities.opportunity_note SET body = $2, visibility = $3, remind_at = $4, version = version + 1, updated_at = now(),
                reminder_sent_at = CASE WHEN remind_at IS DISTINCT FROM $4::timestamptz THEN NULL ELSE reminder_sent_at END
          WHERE id = $1 RETURNING *`,
        [note.id, next.body, next.visibility, next.remindAt],
      )) as [NoteRow[], number];
      const row = updated[0]!;
      await this.access.touchActivity(em, user.tenantId, o.id);
      const data: OpportunityNoteUpdatedData = {
        ...peopleOf(o),
        noteId: row.id,
        authorId: row.author_id,
        visibility: row.visibility,
        ...(row.visibility === 'shared' ? { excerpt: row.body.replace(/\s+/g, ' ').trim().slice(0, NOTE_EXCERPT_MAX_LENGTH) } : {}),
        changedFields,
        updatedBy: user.id,
        updatedAt: row.updated_at.toISOString(),
        version: row.version,
      };
      await this.outbox.publish(em, { type: OPPORTUNITIES_NOTE_UPDATED, subject: o.id, tenantId: user.tenantId, data });
      return toNoteView(row, o.id);
    });
  }

  /** The author, or (for shared notes) an admin, may delete it; a private note of someone else does not exist. */
  async remove(user: AuthUser, opportunityId: string, noteId: string): Promise<void> {
    if (!canWrite(user)) throw Problems.forbidden();
    await this.dataSource.transaction(async (em) => {
      const o = await this.access.findVisible(user, opportunityId, em);
      const rows = UUID.test(noteId)
        ? ((await em.query(`SELECT * FROM opportunities.opportunity_note WHERE tenant_id = $1 AND opportunity_id = $2 AND id = $3 AND (visibility = 'shared' OR author_id = $4)`, [
            user.tenantId,
            o.id,
            noteId,
            user.id,
          ])) as NoteRow[])
        : [];
      const note = rows[0];
      if (!note) throw Problems.notFound('La nota no existe o no es visible para usted.');
      if (note.author_id !== user.id && !user.roles.includes('admin')) throw Problems.forbidden('Solo su autor o un administrador puede eliminar la nota.');
      await em.query('DELETE FROM opportunities.opportunity_note WHERE id = $1', [note.id]);
      const data: OpportunityNoteDeletedData = {
        ...peopleOf(o),
        noteId: note.id,
        authorId: note.author_id,
        visibility: note.visibility,
        deletedBy: user.id,
        deletedAt: new Date().toISOString(),
      };
      await this.outbox.publish(em, { type: OPPORTUNITIES_NOTE_DELETED, subject: o.id, tenantId: user.tenantId, data });
    });
  }
}
