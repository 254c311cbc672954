import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { canWrite, type AuthUser } from '@crm/auth';
import { Problems } from '@crm/common';
import { CONTACTS_CONTACT_ASSIGNED, type ContactAssignedData, type FieldChange } from '@crm/contracts';
import { assertVersion } from '@crm/database';
import { OutboxService } from '@crm/messaging';
import { assignmentDenial } from '../assignment/assignment-policy.js';
import { TeamPolicy } from '../teams/team-policy.js';
import { ContactChange } from '../timeline/contact-change.entity.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { UserRef } from '../users/user-ref.entity.js';
import { ContactAccess } from './contact-access.js';
import type { Contact } from './contact.entity.js';
import { toContactView, type ContactView } from './contact.view.js';
import type { AssignContactDto } from './dto/assign-contact.dto.js';

/** How an assignment came about, kept in the timeline entry. */
export type AssignmentVia = 'manual' | 'bulk' | 'round_robin';

/** Gives a contact to a sales agent; notifications e-mails them ("new-contact-agent"). */
@Injectable()
export class ContactAssignmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ContactAccess,
    private readonly outbox: OutboxService,
    private readonly timeline: TimelineService,
    private readonly teams: TeamPolicy,
  ) {}

  async assign(user: AuthUser, id: string, dto: AssignContactDto, version: number): Promise<ContactView> {
    if (!canWrite(user)) throw Problems.forbidden();
    return this.dataSource.transaction(async (em) => {
      const contact = await this.access.findVisible(user, id, em, true);
      const denial = assignmentDenial(user, contact);
      if (denial) throw Problems.forbidden(denial);
      assertVersion(contact, version);
      await this.teams.assertUsable(em, user, dto.teamId);
      const owner = await this.activeOwner(em, user.tenantId, dto.ownerId);
      await this.apply(em, user, contact, owner, { teamId: dto.teamId, via: 'manual' });
      return toContactView(contact);
    });
  }

  /** The user to assign to: an active user of the caller's tenant, else a 400 naming ownerId. */
  async activeOwner(em: EntityManager, tenantId: string, ownerId: string): Promise<UserRef> {
    const owner = await em.findOneBy(UserRef, { userId: ownerId, tenantId });
    if (!owner || !owner.active) {
      throw Problems.invalid([{ field: 'ownerId', message: 'El usuario no existe o está inactivo en su organización.' }]);
    }
    return owner;
  }

  /**
   * Assigns a contact already loaded (and locked) in `em`'s transaction: saves it, records the
   * timeline entry and writes one `contacts.contact.assigned`. False when nothing changed.
   */
  async apply(em: EntityManager, user: AuthUser, contact: Contact, owner: UserRef, options: { teamId?: string; via: AssignmentVia; batchId?: string }): Promise<boolean> {
    const teamId = options.teamId ?? contact.teamId ?? owner.teamIds[0] ?? null;
    if (contact.ownerId === owner.userId && contact.teamId === teamId) return false;

    const previousOwnerId = contact.ownerId;
    const changes: FieldChange[] = [{ field: 'ownerId', from: previousOwnerId, to: owner.userId }];
    if (teamId !== contact.teamId) changes.push({ field: 'teamId', from: contact.teamId, to: teamId });
    contact.ownerId = owner.userId;
    contact.teamId = teamId;
    contact.updatedBy = user.id;
    await em.save(contact);
    const details: Record<string, unknown> = { ownerName: owner.name };
    if (options.via !== 'manual') details.via = options.via;
    if (options.batchId) details.batchId = options.batchId;
    await this.timeline.record(em, { tenantId: user.tenantId, contactId: contact.id, kind: 'assigned', actorId: user.id, changes, details });
    await this.publishAssigned(em, contact, previousOwnerId, user.id);
    return true;
  }

  /**
   * The bulk form of `apply`, set-based: one UPDATE for every contact that changes, one insert
   * of their timeline entries and one of their events (still one event per contact). Contacts
   * must be loaded and locked in `em`'s transaction. Returns the ids that changed.
   */
  async applyMany(em: EntityManager, user: AuthUser, contacts: readonly Contact[], owner: UserRef, options: { teamId?: string; via: AssignmentVia; batchId?: string }): Promise<Set<string>> {
    const moves = contacts
      .map((contact) => ({ contact, teamId: options.teamId ?? contact.teamId ?? owner.teamIds[0] ?? null }))
      .filter(({ contact, teamId }) => contact.ownerId !== owner.userId || contact.teamId !== teamId);
    if (moves.length === 0) return new Set();
    // TypeORM answers a raw UPDATE … RETURNING with [rows, rowCount].
    const [rows]: [{ id: string; version: number; updated_at: Date }[], number] = await em.query(
      `UPDATE contacts.contact c SET owner_id = $1, team_id = m.team_id, updated_by = $2, version = c.version + 1, updated_at = now()
         FROM unnest($3::uuid[], $4::uuid[]) AS m(id, team_id)
        WHERE c.id = m.id AND c.tenant_id = $5
        RETURNING c.id, c.version, c.updated_at`,
      [owner.userId, user.id, moves.map((move) => move.contact.id), moves.map((move) => move.teamId), user.tenantId],
    );
    const saved = new Map(rows.map((row) => [row.id, row]));
    const entries: ContactChange[] = [];
    const events = [];
    for (const { contact, teamId } of moves) {
      const row = saved.get(contact.id)!;
      const previousOwnerId = contact.ownerId;
      const changes: FieldChange[] = [{ field: 'ownerId', from: previousOwnerId, to: owner.userId }];
      if (teamId !== contact.teamId) changes.push({ field: 'teamId', from: contact.teamId, to: teamId });
      Object.assign(contact, { ownerId: owner.userId, teamId, updatedBy: user.id, version: row.version, updatedAt: row.updated_at });
      entries.push(
        em.create(ContactChange, {
          tenantId: user.tenantId,
          contactId: contact.id,
          kind: 'assigned',
          actorId: user.id,
          changes,
          details: { ownerName: owner.name, via: options.via, ...(options.batchId ? { batchId: options.batchId } : {}) },
        }),
      );
      events.push({ type: CONTACTS_CONTACT_ASSIGNED, subject: contact.id, tenantId: contact.tenantId, data: this.assignedData(contact, previousOwnerId, user.id) });
    }
    await em.save(ContactChange, entries);
    await this.outbox.publishAll(em, events);
    return new Set(saved.keys());
  }

  /** One event per assigned contact: notifications e-mails the new owner for each. */
  async publishAssigned(em: EntityManager, contact: Contact, previousOwnerId: string | null, assignedBy: string): Promise<void> {
    await this.outbox.publish(em, { type: CONTACTS_CONTACT_ASSIGNED, subject: contact.id, tenantId: contact.tenantId, data: this.assignedData(contact, previousOwnerId, assignedBy) });
  }

  private assignedData(contact: Contact, previousOwnerId: string | null, assignedBy: string): ContactAssignedData {
    return {
      contactId: contact.id,
      displayName: contact.displayName,
      ownerId: contact.ownerId!,
      previousOwnerId,
      teamId: contact.teamId,
      assignedBy,
      assignedAt: contact.updatedAt.toISOString(),
      version: contact.version,
    };
  }
}
