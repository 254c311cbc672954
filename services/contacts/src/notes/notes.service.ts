import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { canWrite, type AuthUser } from '@crm/auth';
import { Problems, type Page } from '@crm/common';
import { CONTACTS_NOTE_ADDED, CONTACTS_NOTE_DELETED, CONTACTS_NOTE_UPDATED } from '@crm/contracts';
import { assertVersion } from '@crm/database';
import { OutboxService } from '@crm/messaging';
import { CatalogLookup } from '../catalogs/catalog-lookup.service.js';
import { ContactAccess } from '../contacts/contact-access.js';
import type { Contact } from '../contacts/contact.entity.js';
import { ContactNote } from './contact-note.entity.js';
import type { CreateNoteDto } from './dto/create-note.dto.js';
import type { ListNotesQueryDto } from './dto/list-notes.query.dto.js';
import type { UpdateNoteDto } from './dto/update-note.dto.js';
import { noteAddedData, noteDeletedData, noteUpdatedData } from './note-events.js';
import { planReminder } from './note-reminder-plan.js';
import { NoteQueries } from './note-queries.js';
import { NoteTimeline } from './note-timeline.js';
import { toNoteView, type NoteView } from './note.view.js';

/** `organization` when the request came through /companies/{id}/notes. */
export type NoteParentKind = 'contact' | 'organization';

const NOT_AUTHOR = 'Solo el autor de la nota puede modificarla o eliminarla.';

/**
 * Notes on a contact. Reads: the contact must be visible to the caller (else 404), and a
 * private note exists only for its author (anyone else gets 404, admins included). Writes: the
 * author only (403 for a shared note written by someone else), with optimistic locking, and
 * the event in the same transaction.
 */
@Injectable()
export class NotesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ContactAccess,
    private readonly outbox: OutboxService,
    private readonly interests: CatalogLookup,
    private readonly queries: NoteQueries,
    private readonly timeline: NoteTimeline,
  ) {}

  async list(user: AuthUser, parent: NoteParentKind, contactId: string, query: ListNotesQueryDto): Promise<Page<NoteView>> {
    const contact = await this.contactOf(user, parent, contactId);
    return this.queries.page(this.dataSource.manager, user, contact.id, query);
  }

  async get(user: AuthUser, parent: NoteParentKind, contactId: string, noteId: string): Promise<NoteView> {
    const contact = await this.contactOf(user, parent, contactId);
    return toNoteView(await this.queries.findVisible(this.dataSource.manager, user, contact.id, noteId));
  }

  async create(user: AuthUser, parent: NoteParentKind, contactId: string, dto: CreateNoteDto): Promise<NoteView> {
    if (!canWrite(user)) throw Problems.forbidden();
    return this.dataSource.transaction(async (em) => {
      const contact = await this.contactOf(user, parent, contactId, em);
      const { plan, errors } = planReminder(dto, null, { now: new Date(), contactTeamId: contact.teamId });
      if (errors.length > 0) throw Problems.invalid(errors);
      if (dto.interestId) await this.interests.assertUsableInterest(em, user.tenantId, dto.interestId);
      const note = em.create(ContactNote, {
        tenantId: user.tenantId,
        contactId: contact.id,
        authorId: user.id,
        body: dto.body,
        visibility: plan.visibility,
        interestId: dto.interestId ?? null,
        remindAt: plan.remindAt,
        remindAudience: plan.remindAudience,
        reminderSentAt: null,
        updatedBy: user.id,
      });
      await em.save(note);
      await this.timeline.added(em, note);
      await this.outbox.publish(em, { type: CONTACTS_NOTE_ADDED, subject: contact.id, tenantId: user.tenantId, data: noteAddedData(note) });
      return toNoteView(note);
    });
  }

  async update(user: AuthUser, parent: NoteParentKind, contactId: string, noteId: string, dto: Omit<UpdateNoteDto, 'version'>, version: number): Promise<NoteView> {
    if (!canWrite(user)) throw Problems.forbidden();
    return this.dataSource.transaction(async (em) => {
      const contact = await this.contactOf(user, parent, contactId, em);
      const note = await this.queries.findVisible(em, user, contact.id, noteId, true);
      if (note.authorId !== user.id) throw Problems.forbidden(NOT_AUTHOR);
      assertVersion(note, version);
      const { plan, errors } = planReminder(dto, note, { now: new Date(), contactTeamId: contact.teamId });
      if (errors.length > 0) throw Problems.invalid(errors);
      if (dto.interestId && dto.interestId !== note.interestId) await this.interests.assertUsableInterest(em, user.tenantId, dto.interestId);

      const next = {
        body: dto.body ?? note.body,
        visibility: plan.visibility,
        interestId: dto.interestId === undefined ? note.interestId : dto.interestId,
        remindAt: plan.remindAt,
        remindAudience: plan.remindAudience,
      };
      const changedFields = (Object.keys(next) as (keyof typeof next)[]).filter((field) => !sameValue(note[field], next[field]));
      if (changedFields.length === 0) return toNoteView(note);
      Object.assign(note, next);
      // A new date is a new reminder, even if the old one was already sent.
      if (plan.rescheduled) note.reminderSentAt = null;
      note.updatedBy = user.id;
      await em.save(note);
      if (changedFields.includes('visibility')) await this.timeline.visibilityChanged(em, note);
      await this.outbox.publish(em, { type: CONTACTS_NOTE_UPDATED, subject: contact.id, tenantId: user.tenantId, data: noteUpdatedData(note, changedFields) });
      return toNoteView(note);
    });
  }

  /** `version` is optional here: when given (If-Match), a stale one is a 412. */
  async remove(user: AuthUser, parent: NoteParentKind, contactId: string, noteId: string, version?: number): Promise<void> {
    if (!canWrite(user)) throw Problems.forbidden();
    await this.dataSource.transaction(async (em) => {
      const contact = await this.contactOf(user, parent, contactId, em);
      const note = await this.queries.findVisible(em, user, contact.id, noteId, true);
      if (note.authorId !== user.id) throw Problems.forbidden(NOT_AUTHOR);
      if (version !== undefined) assertVersion(note, version);
      await em.delete(ContactNote, { id: note.id, tenantId: user.tenantId });
      await this.timeline.removed(em, note);
      await this.outbox.publish(em, { type: CONTACTS_NOTE_DELETED, subject: contact.id, tenantId: user.tenantId, data: noteDeletedData(note, user.id, new Date()) });
    });
  }

  private async contactOf(user: AuthUser, parent: NoteParentKind, contactId: string, em?: EntityManager): Promise<Contact> {
    const contact = await this.access.findVisible(user, contactId, em);
    if (parent === 'organization' && contact.kind !== 'organization') throw Problems.notFound('La empresa no existe o no es visible para usted.');
    return contact;
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return (a instanceof Date ? a.getTime() : a) === (b instanceof Date ? b.getTime() : b);
  return a === b;
}
