import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { canWrite, hasRole, type AuthUser } from '@crm/auth';
import { ProblemException, Problems, type FieldError } from '@crm/common';
import { CONTACTS_CONTACT_MERGED, CONTACTS_CONTACT_UPDATED, type ContactMergedData, type ContactUpdatedData, type FieldChange } from '@crm/contracts';
import { assertVersion, expectedVersion } from '@crm/database';
import { OutboxService } from '@crm/messaging';
import { ContactAccess } from '../contacts/contact-access.js';
import type { Contact } from '../contacts/contact.entity.js';
import { toContactView, type ContactView } from '../contacts/contact.view.js';
import type { ContactChangeKind } from '../timeline/contact-change.entity.js';
import { TimelineService } from '../timeline/timeline.service.js';
import type { MergeContactsDto } from './dto/merge-contacts.dto.js';
import { MERGEABLE_FIELDS, planMerge, type MergeableField } from './merge-plan.js';
import { MergeRelatedRows, type MovedCounts } from './merge-related-rows.js';

export interface MergeResult {
  dryRun: boolean;
  /** The primary after the merge (for a dry run: as it would be, same version). */
  survivor: ContactView;
  mergedIds: string[];
  moved: MovedCounts;
  changes: FieldChange[];
  /** Field → the contact whose value the survivor took. */
  takenFrom: Record<string, string>;
}

/**
 * Merges duplicates into a primary contact in one transaction: fills the primary's empty fields
 * (or takes the chosen values), unites e-mails, phones, tags and interests, moves notes,
 * documents, timeline, ERP activity and account movements, repoints a merged organisation's
 * people, marks each duplicate merged into the primary, records it in the primary's timeline,
 * bumps its version and publishes contacts.contact.merged through the outbox.
 */
@Injectable()
export class MergeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ContactAccess,
    private readonly related: MergeRelatedRows,
    private readonly timeline: TimelineService,
    private readonly outbox: OutboxService,
  ) {}

  async merge(user: AuthUser, dto: MergeContactsDto, ifMatch: string | undefined): Promise<MergeResult> {
    if (!canWrite(user)) throw Problems.forbidden();
    const ids = [dto.primaryId, ...dto.duplicateIds];
    if (dto.duplicateIds.includes(dto.primaryId)) throw Problems.invalid([{ field: 'duplicateIds', message: 'El contacto principal no puede estar entre los duplicados.' }]);
    const choices = this.choices(dto.fields ?? {}, ids);
    const dryRun = dto.dryRun === true;
    const version = dryRun ? (dto.version ?? this.ifMatchVersion(ifMatch)) : expectedVersion(dto.version, ifMatch);

    const run = async (em: EntityManager): Promise<MergeResult> => {
      const contacts = await this.load(user, em, ids, !dryRun);
      const primary = contacts.get(dto.primaryId) as Contact;
      const duplicates = dto.duplicateIds.map((id) => contacts.get(id) as Contact);
      this.assertAllowed(user, [primary, ...duplicates]);
      // Merging would copy a duplicate's data into a wiped contact, or a wiped one's blanks around.
      if ([primary, ...duplicates].some((contact) => contact.anonymizedAt)) {
        throw Problems.conflict('No se puede fusionar un contacto anonimizado: sus datos personales fueron eliminados y no deben volver.');
      }
      if (version !== undefined) assertVersion(primary, version);

      const plan = planMerge(primary, duplicates, choices);
      const moved = await this.related.count(em, user.tenantId, primary.id, dto.duplicateIds);
      if (dryRun) return { dryRun, survivor: toContactView(plan.result), mergedIds: dto.duplicateIds, moved, changes: plan.changes, takenFrom: plan.takenFrom };

      await this.related.move(em, user.tenantId, primary.id, dto.duplicateIds, user.id);
      await em.query(
        `UPDATE contacts.contact SET merged_into_id = $2, merged_at = now(), merged_by = $3, version = version + 1, updated_at = now(), updated_by = $3
         WHERE tenant_id = $1 AND id = ANY($4::uuid[])`,
        [user.tenantId, primary.id, user.id, dto.duplicateIds],
      );
      plan.result.updatedBy = user.id;
      if (plan.changes.length > 0) await em.save(plan.result);
      // The primary changed even when no field did (its history and related rows grew).
      else await em.query('UPDATE contacts.contact SET version = version + 1, updated_at = now(), updated_by = $2 WHERE id = $1', [primary.id, user.id]);
      const survivor = await this.access.findVisible(user, primary.id, em);

      await this.timeline.record(em, {
        tenantId: user.tenantId,
        contactId: primary.id,
        // 'merged' has its title in timeline-titles; the kind union is the timeline feature's.
        kind: 'merged' as ContactChangeKind,
        actorId: user.id,
        changes: plan.changes,
        details: { mergedIds: dto.duplicateIds, mergedNames: duplicates.map((d) => d.displayName), moved, takenFrom: plan.takenFrom },
      });
      const at = survivor.updatedAt.toISOString();
      if (plan.changes.length > 0) {
        const updated: ContactUpdatedData = { contactId: primary.id, changes: plan.changes, updatedBy: user.id, updatedAt: at, version: survivor.version };
        await this.outbox.publish(em, { type: CONTACTS_CONTACT_UPDATED, subject: primary.id, tenantId: user.tenantId, data: updated });
      }
      const merged: ContactMergedData = { survivorId: primary.id, mergedIds: dto.duplicateIds, mergedBy: user.id, mergedAt: at, version: survivor.version };
      await this.outbox.publish(em, { type: CONTACTS_CONTACT_MERGED, subject: primary.id, tenantId: user.tenantId, data: merged });
      return { dryRun, survivor: toContactView(survivor), mergedIds: dto.duplicateIds, moved, changes: plan.changes, takenFrom: plan.takenFrom };
    };
    return this.dataSource.transaction(run);
  }

  /** All of them, visible and not merged, locked in id order (no deadlock between two merges). */
  private async load(user: AuthUser, em: EntityManager, ids: string[], lock: boolean): Promise<Map<string, Contact>> {
    const query = this.access.visibleQuery(user, em).andWhere('c.id IN (:...ids)', { ids }).orderBy('c.id');
    if (lock) query.setLock('pessimistic_write');
    const contacts = new Map((await query.getMany()).map((contact) => [contact.id, contact]));
    const missing = ids.filter((id) => !contacts.has(id));
    if (missing.length > 0) {
      throw new ProblemException(404, 'Uno o más contactos no existen, ya fueron fusionados o no son visibles para usted.', { missingIds: missing });
    }
    const kinds = new Set([...contacts.values()].map((contact) => contact.kind));
    if (kinds.size > 1) throw Problems.invalid([{ field: 'duplicateIds', message: 'Solo se fusionan contactos del mismo tipo (personas con personas, organizaciones con organizaciones).' }]);
    return contacts;
  }

  /** Admins, managers and integrations merge what they see; sales only contacts they own. */
  private assertAllowed(user: AuthUser, contacts: Contact[]): void {
    if (user.kind === 'api-key' || hasRole(user, 'admin', 'manager')) return;
    if (contacts.every((contact) => contact.ownerId === user.id)) return;
    throw Problems.forbidden('Solo puede fusionar contactos que tiene asignados; pida a un gerente que lo haga.');
  }

  private choices(fields: Record<string, string>, ids: string[]): Partial<Record<MergeableField, string>> {
    const errors: FieldError[] = [];
    for (const [field, contactId] of Object.entries(fields)) {
      if (!(MERGEABLE_FIELDS as readonly string[]).includes(field))
        errors.push({ field: `fields.${field}`, message: `No se puede elegir "${field}"; campos: ${MERGEABLE_FIELDS.join(', ')}.` });
      else if (typeof contactId !== 'string' || !ids.includes(contactId)) errors.push({ field: `fields.${field}`, message: 'Debe ser el id del principal o de uno de los duplicados.' });
    }
    if (errors.length > 0) throw Problems.invalid(errors);
    return fields as Partial<Record<MergeableField, string>>;
  }

  /** A dry run may send the version it saw; without one it is not checked. */
  private ifMatchVersion(ifMatch: string | undefined): number | undefined {
    return ifMatch === undefined ? undefined : expectedVersion(undefined, ifMatch);
  }
}
