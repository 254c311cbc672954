import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { canWrite, type AuthUser } from '@crm/auth';
import { Problems } from '@crm/common';
import { CONTACTS_CONTACT_CREATED, CONTACTS_CONTACT_UPDATED, type ContactCreatedData, type ContactUpdatedData, type FieldChange } from '@crm/contracts';
import { assertVersion } from '@crm/database';
import { OutboxService } from '@crm/messaging';
import { TimelineService } from '../timeline/timeline.service.js';
import { ContactAccess } from './contact-access.js';
import { Contact } from './contact.entity.js';
import { displayNameOf, toContactView, type ContactView } from './contact.view.js';
import type { CreateContactDto } from './dto/create-contact.dto.js';
import type { UpdateContactDto } from './dto/update-contact.dto.js';

const EDITABLE_FIELDS = ['lifecycle', 'firstName', 'lastName', 'companyName', 'email', 'phone', 'position', 'taxId', 'city', 'country', 'tags', 'teamId', 'sharedWithTeam'] as const;

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
  ) {}

  async create(user: AuthUser, dto: CreateContactDto, idempotencyKey?: string): Promise<{ contact: ContactView; replayed: boolean }> {
    if (!canWrite(user)) throw Problems.forbidden();
    return this.dataSource.transaction(async (em) => {
      if (idempotencyKey) {
        const previous = await this.previousResult(em, user, idempotencyKey);
        if (previous) return { contact: toContactView(previous), replayed: true };
      }
      await this.assertNoDuplicateEmail(em, user.tenantId, dto.email);
      const contact = em.create(Contact, {
        tenantId: user.tenantId,
        kind: dto.kind,
        lifecycle: dto.lifecycle ?? 'contact',
        firstName: dto.firstName ?? null,
        lastName: dto.lastName ?? null,
        companyName: dto.companyName ?? null,
        email: dto.email?.toLowerCase() ?? null,
        phone: dto.phone ?? null,
        position: dto.position ?? null,
        taxId: dto.taxId ?? null,
        city: dto.city ?? null,
        country: dto.country ?? null,
        tags: dto.tags ?? [],
        ownerId: null,
        teamId: dto.teamId ?? user.teamIds[0] ?? null,
        sharedWithTeam: dto.sharedWithTeam ?? true,
        createdBy: user.id,
        updatedBy: user.id,
      });
      contact.displayName = displayNameOf(contact);
      await em.save(contact);
      if (idempotencyKey) {
        await em.query('INSERT INTO contacts.idempotency_key (tenant_id, key, resource_id) VALUES ($1, $2, $3)', [user.tenantId, idempotencyKey, contact.id]);
      }
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
        createdBy: user.id,
        createdAt: contact.createdAt.toISOString(),
        version: contact.version,
      };
      await this.outbox.publish(em, { type: CONTACTS_CONTACT_CREATED, subject: contact.id, tenantId: user.tenantId, data });
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
      const changes: FieldChange[] = [];
      for (const field of EDITABLE_FIELDS) {
        if (dto[field] === undefined) continue;
        const next = field === 'email' && typeof dto.email === 'string' ? dto.email.toLowerCase() : dto[field];
        if (sameValue(contact[field], next)) continue;
        changes.push({ field, from: contact[field] ?? null, to: next ?? null });
        Object.assign(contact, { [field]: next });
      }
      if (changes.length === 0) return toContactView(contact);
      if (changes.some((change) => change.field === 'email')) await this.assertNoDuplicateEmail(em, user.tenantId, contact.email ?? undefined, contact.id);
      const displayName = displayNameOf(contact);
      if (displayName !== contact.displayName) {
        changes.push({ field: 'displayName', from: contact.displayName, to: displayName });
        contact.displayName = displayName;
      }
      contact.updatedBy = user.id;
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

  private async previousResult(em: EntityManager, user: AuthUser, key: string): Promise<Contact | null> {
    // Serialises concurrent requests with the same key within the tenant.
    await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${user.tenantId}:${key}`]);
    const rows: { resource_id: string }[] = await em.query('SELECT resource_id FROM contacts.idempotency_key WHERE tenant_id = $1 AND key = $2', [user.tenantId, key]);
    if (rows.length === 0) return null;
    return em.findOneBy(Contact, { id: rows[0].resource_id, tenantId: user.tenantId });
  }

  private async assertNoDuplicateEmail(em: EntityManager, tenantId: string, email: string | undefined, exceptId?: string): Promise<void> {
    if (!email) return;
    const query = em.createQueryBuilder(Contact, 'c').select('c.id').where('c.tenant_id = :tenantId', { tenantId }).andWhere('lower(c.email) = lower(:email)', { email });
    if (exceptId) query.andWhere('c.id <> :exceptId', { exceptId });
    const existing = await query.getOne();
    if (existing) throw Problems.conflict('Ya existe un contacto con ese correo electrónico.', existing.id);
  }
}
