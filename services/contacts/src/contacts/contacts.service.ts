import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { canWrite, type AuthUser } from '@crm/auth';
import { Problems } from '@crm/common';
import { CONTACTS_CONTACT_CREATED, CONTACTS_CONTACT_UPDATED, type ContactCreatedData, type ContactUpdatedData, type FieldChange } from '@crm/contracts';
import { assertVersion, idempotencyScopeOf } from '@crm/database';
import { OutboxService } from '@crm/messaging';
import { RoundRobinAssigner } from '../assignment/round-robin-assigner.service.js';
import { CatalogLookup } from '../catalogs/catalog-lookup.service.js';
import { assertPrimaryContact } from '../companies/primary-contact.rule.js';
import { TeamPolicy } from '../teams/team-policy.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { ContactAssignmentService } from './contact-assignment.service.js';
import { normaliseChannels, primaryOf } from './contact-channels.js';
import { ContactAccess } from './contact-access.js';
import { CONTACT_IDEMPOTENCY } from './contact-idempotency.js';
import { Contact } from './contact.entity.js';
import { displayNameOf, toContactView, type ContactView } from './contact.view.js';
import type { CreateContactDto } from './dto/create-contact.dto.js';
import type { UpdateContactDto } from './dto/update-contact.dto.js';

/** Lifecycle changes only through POST /contacts/{id}/convert (history, ERP event). */
const EDITABLE_FIELDS = [
  'firstName',
  'lastName',
  'companyName',
  'email',
  'emails',
  'phone',
  'phones',
  'position',
  'taxId',
  'linkedinUrl',
  'website',
  'street',
  'city',
  'region',
  'postalCode',
  'country',
  'industry',
  'category',
  'interestLevel',
  'priority',
  'sourceId',
  'companyId',
  'primaryContactId',
  'tags',
  'teamId',
  'sharedWithTeam',
] as const;
/** Fields that cannot be cleared with null (lists are emptied with [] instead). */
const REQUIRED_FIELDS = new Set(['lifecycle', 'emails', 'phones', 'priority', 'tags', 'interestIds', 'sharedWithTeam']);

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

@Injectable()
export class ContactsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ContactAccess,
    private readonly outbox: OutboxService,
    private readonly timeline: TimelineService,
    private readonly catalogs: CatalogLookup,
    private readonly roundRobin: RoundRobinAssigner,
    private readonly assignment: ContactAssignmentService,
    private readonly teams: TeamPolicy,
  ) {}

  /**
   * `idempotency`: the caller's Idempotency-Key and the fingerprint of their request. A repeat
   * of the same request by the same caller returns the first contact (if they can still see
   * it, else 404); the same key with another request is a 422.
   */
  async create(user: AuthUser, dto: CreateContactDto, idempotency?: { key: string; fingerprint: string }): Promise<{ contact: ContactView; replayed: boolean }> {
    if (!canWrite(user)) throw Problems.forbidden();
    return this.dataSource.transaction(async (em) => {
      const scope = idempotencyScopeOf(user);
      if (idempotency) {
        const previousId = await CONTACT_IDEMPOTENCY.claim(em, scope, idempotency.key, idempotency.fingerprint);
        if (previousId) return { contact: toContactView(await this.access.findVisible(user, previousId, em)), replayed: true };
      }
      const emails = normaliseChannels(dto.emails, dto.email, [], 'email');
      const phones = normaliseChannels(dto.phones, dto.phone, [], 'phone');
      await this.teams.assertUsable(em, user, dto.teamId);
      await this.assertNoDuplicateEmail(em, user, primaryOf(emails) ?? undefined);
      if (dto.companyId) await this.assertCompany(em, user, dto.companyId);
      if (dto.sourceId) await this.catalogs.assertSelectableSource(em, user.tenantId, dto.sourceId);
      const interestIds = dto.interestIds ?? [];
      await this.catalogs.assertSelectableInterests(em, user.tenantId, interestIds);
      const lifecycle = dto.lifecycle ?? 'contact';
      const teamId = dto.teamId ?? user.teamIds[0] ?? null;
      // A new prospect of a team that asked for round-robin goes to whoever's turn it is.
      const roundRobinOwner = lifecycle === 'prospect' && teamId ? await this.roundRobin.nextOwner(em, user.tenantId, teamId) : null;
      const now = new Date();
      const contact = em.create(Contact, {
        tenantId: user.tenantId,
        kind: dto.kind ?? 'person',
        lifecycle,
        // Created as customer or supplier: a relationship that already exists (no ERP event).
        customerSince: lifecycle === 'customer' ? now : null,
        supplierSince: lifecycle === 'supplier' ? now : null,
        firstName: dto.firstName ?? null,
        lastName: dto.lastName ?? null,
        companyName: dto.companyName ?? null,
        email: primaryOf(emails),
        phone: primaryOf(phones),
        emails,
        phones,
        position: dto.position ?? null,
        taxId: dto.taxId ?? null,
        linkedinUrl: dto.linkedinUrl ?? null,
        website: dto.website ?? null,
        street: dto.street ?? null,
        city: dto.city ?? null,
        region: dto.region ?? null,
        postalCode: dto.postalCode ?? null,
        country: dto.country ?? null,
        industry: dto.industry ?? null,
        category: dto.category ?? null,
        interestLevel: dto.interestLevel ?? null,
        priority: dto.priority ?? 'normal',
        sourceId: dto.sourceId ?? null,
        companyId: dto.companyId ?? null,
        tags: dto.tags ?? [],
        ownerId: roundRobinOwner?.userId ?? null,
        teamId,
        sharedWithTeam: dto.sharedWithTeam ?? true,
        createdBy: user.id,
        updatedBy: user.id,
      });
      contact.displayName = displayNameOf(contact);
      await em.save(contact);
      // A new contact has no interests to remove: only links to add.
      if (interestIds.length > 0) await this.catalogs.replaceInterests(em, user.tenantId, contact.id, interestIds);
      contact.interestIds = [...interestIds].sort();
      if (idempotency) await CONTACT_IDEMPOTENCY.remember(em, scope, idempotency.key, idempotency.fingerprint, contact.id);
      await this.timeline.record(em, { tenantId: user.tenantId, contactId: contact.id, kind: 'created', actorId: user.id });
      const data: ContactCreatedData = {
        contactId: contact.id,
        kind: contact.kind,
        lifecycle: contact.lifecycle,
        displayName: contact.displayName,
        email: contact.email,
        phone: contact.phone,
        ownerId: contact.ownerId,
        teamId: contact.teamId,
        sourceId: contact.sourceId,
        companyId: contact.companyId,
        taxId: contact.taxId,
        createdBy: user.id,
        createdAt: contact.createdAt.toISOString(),
        version: contact.version,
      };
      await this.outbox.publish(em, { type: CONTACTS_CONTACT_CREATED, subject: contact.id, tenantId: user.tenantId, data });
      if (roundRobinOwner) {
        const changes: FieldChange[] = [{ field: 'ownerId', from: null, to: roundRobinOwner.userId }];
        await this.timeline.record(em, {
          tenantId: user.tenantId,
          contactId: contact.id,
          kind: 'assigned',
          actorId: user.id,
          changes,
          details: { ownerName: roundRobinOwner.name, via: 'round_robin' },
        });
        await this.assignment.publishAssigned(em, contact, null, user.id);
      }
      return { contact: toContactView(contact), replayed: false };
    });
  }

  async get(user: AuthUser, id: string): Promise<ContactView> {
    return toContactView(await this.access.findVisible(user, id));
  }

  async update(user: AuthUser, id: string, dto: UpdateContactDto, version: number): Promise<ContactView> {
    if (!canWrite(user)) throw Problems.forbidden();
    return this.dataSource.transaction(async (em) => {
      const contact = await this.access.findVisible(user, id, em, true);
      assertVersion(contact, version);
      const cleared = [...EDITABLE_FIELDS, 'lifecycle', 'interestIds'].filter((field) => dto[field as keyof UpdateContactDto] === null && REQUIRED_FIELDS.has(field));
      if (cleared.length > 0) throw Problems.invalid(cleared.map((field) => ({ field, message: `El campo "${field}" no puede quedar vacío.` })));
      const patch: Record<string, unknown> = { ...dto };
      if (dto.emails !== undefined || dto.email !== undefined) {
        patch.emails = normaliseChannels(dto.emails ?? (dto.email === null ? [] : undefined), dto.email ?? undefined, contact.emails, 'email');
        patch.email = primaryOf(patch.emails as Contact['emails']);
      }
      if (dto.phones !== undefined || dto.phone !== undefined) {
        patch.phones = normaliseChannels(dto.phones ?? (dto.phone === null ? [] : undefined), dto.phone ?? undefined, contact.phones, 'phone');
        patch.phone = primaryOf(patch.phones as Contact['phones']);
      }
      if (dto.lifecycle !== undefined && dto.lifecycle !== contact.lifecycle) {
        throw Problems.invalid([{ field: 'lifecycle', message: 'La etapa se cambia con POST /contacts/{id}/convert, que guarda el historial y avisa al ERP.' }]);
      }
      if (dto.teamId !== undefined && dto.teamId !== contact.teamId) await this.teams.assertUsable(em, user, dto.teamId);
      if (dto.sharedWithTeam !== undefined && dto.sharedWithTeam !== contact.sharedWithTeam) this.teams.assertMayChangeSharing(user, contact);
      if (dto.companyId && dto.companyId !== contact.companyId) await this.assertCompany(em, user, dto.companyId, contact.id);
      if (dto.sourceId && dto.sourceId !== contact.sourceId) await this.catalogs.assertSelectableSource(em, user.tenantId, dto.sourceId);
      if (dto.primaryContactId && dto.primaryContactId !== contact.primaryContactId) await assertPrimaryContact(em, contact, dto.primaryContactId);
      const changes: FieldChange[] = [];
      if (dto.interestIds) changes.push(...(await this.updateInterests(em, user.tenantId, contact, dto.interestIds)));
      for (const field of EDITABLE_FIELDS) {
        if (patch[field] === undefined) continue;
        const next = patch[field];
        if (sameValue(contact[field], next)) continue;
        changes.push({ field, from: contact[field] ?? null, to: next ?? null });
        Object.assign(contact, { [field]: next });
      }
      if (changes.length === 0) return toContactView(contact);
      if (changes.some((change) => change.field === 'email')) await this.assertNoDuplicateEmail(em, user, contact.email ?? undefined, contact.id);
      const displayName = displayNameOf(contact);
      if (displayName !== contact.displayName) {
        changes.push({ field: 'displayName', from: contact.displayName, to: displayName });
        contact.displayName = displayName;
      }
      contact.updatedBy = user.id;
      // Interests live in a join table: touching updated_at makes the row (and its version) change too.
      contact.updatedAt = new Date();
      await em.save(contact);
      await this.timeline.record(em, { tenantId: user.tenantId, contactId: contact.id, kind: 'updated', actorId: user.id, changes });
      const data: ContactUpdatedData = { contactId: contact.id, changes, updatedBy: user.id, updatedAt: contact.updatedAt.toISOString(), version: contact.version };
      await this.outbox.publish(em, { type: CONTACTS_CONTACT_UPDATED, subject: contact.id, tenantId: user.tenantId, data });
      return toContactView(contact);
    });
  }

  async timelineOf(user: AuthUser, id: string) {
    const contact = await this.access.findVisible(user, id);
    return { items: await this.timeline.list(this.dataSource.manager, user.tenantId, contact.id) };
  }

  /** Newly chosen interests must be active; ones the contact already has stay even if deactivated since. */
  private async updateInterests(em: EntityManager, tenantId: string, contact: Contact, next: readonly string[]): Promise<FieldChange[]> {
    const current = [...(contact.interestIds ?? [])].sort();
    const wanted = [...new Set(next)].sort();
    if (sameValue(current, wanted)) return [];
    await this.catalogs.assertSelectableInterests(
      em,
      tenantId,
      wanted.filter((id) => !current.includes(id)),
    );
    await this.catalogs.replaceInterests(em, tenantId, contact.id, wanted);
    contact.interestIds = wanted;
    return [{ field: 'interestIds', from: current, to: wanted }];
  }

  /** A person's company must be an organisation of the same tenant that the caller can see. */
  private async assertCompany(em: EntityManager, user: AuthUser, companyId: string, selfId?: string): Promise<void> {
    const company = await this.access.visibleQuery(user, em).andWhere('c.id = :companyId', { companyId }).getOne();
    if (!company || company.kind !== 'organization' || company.id === selfId) {
      throw Problems.invalid([{ field: 'companyId', message: 'La empresa no existe, no es una organización o no es visible para usted.' }]);
    }
  }

  /**
   * 409 when a live contact of the tenant has that e-mail. The problem names the existing
   * contact (`existingId`) only when the caller can see it, so the conflict leaks no ids.
   */
  private async assertNoDuplicateEmail(em: EntityManager, user: AuthUser, email: string | undefined, exceptId?: string): Promise<void> {
    if (!email) return;
    const query = em
      .createQueryBuilder(Contact, 'c')
      .select('c.id')
      .where('c.tenant_id = :tenantId', { tenantId: user.tenantId })
      .andWhere('lower(c.email) = lower(:email)', { email })
      .andWhere('c.merged_into_id IS NULL');
    if (exceptId) query.andWhere('c.id <> :exceptId', { exceptId });
    const existing = await query.getOne();
    if (!existing) return;
    const visible = await this.access.visibleQuery(user, em).select('c.id').andWhere('c.id = :existingId', { existingId: existing.id }).getOne();
    if (visible) throw Problems.conflict('Ya existe un contacto con ese correo electrónico.', existing.id);
    throw Problems.conflict('Ya existe un contacto con ese correo electrónico (no es visible para usted; pida a su gerente o a un administrador que lo revise).');
  }
}
