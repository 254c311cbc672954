import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { decodeKeysetCursor, Problems, toPage, type Page } from '@crm/common';
import { CONTACTS_INTEREST_CHANGED, type FieldChange, type InterestChangedData } from '@crm/contracts';
import { assertVersion } from '@crm/database';
import { OutboxService } from '@crm/messaging';
import { toInterestView, type InterestView } from './catalog.views.js';
import type { CreateInterestDto } from './dto/create-interest.dto.js';
import type { ListCatalogQueryDto } from './dto/list-catalog.query.dto.js';
import type { UpdateInterestDto } from './dto/update-interest.dto.js';
import { applyPatch } from './field-changes.js';
import { Interest } from './interest.entity.js';

const INTEREST_FIELDS = ['name', 'description', 'active'] as const;

/** Products and services a contact may be interested in: admins manage them, everyone picks them. */
@Injectable()
export class InterestsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  async list(user: AuthUser, query: ListCatalogQueryDto): Promise<Page<InterestView>> {
    const builder = this.dataSource.manager.createQueryBuilder(Interest, 'i').where('i.tenant_id = :tenantId', { tenantId: user.tenantId });
    if (query.active) builder.andWhere('i.active = :active', { active: query.active === 'true' });
    const cursor = decodeKeysetCursor(query.cursor, ['text', 'uuid']);
    if (cursor) builder.andWhere('(i.name, i.id) > (CAST(:name AS text), CAST(:id AS uuid))', { name: cursor[0], id: cursor[1] });
    const rows = await builder
      .orderBy('i.name', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .limit(query.limit + 1)
      .getMany();
    return toPage(rows, query.limit, (row) => [row.name, row.id], toInterestView);
  }

  async get(user: AuthUser, id: string): Promise<InterestView> {
    return toInterestView(await this.find(this.dataSource.manager, user.tenantId, id));
  }

  async create(user: AuthUser, dto: CreateInterestDto): Promise<InterestView> {
    return this.dataSource.transaction(async (em) => {
      await this.assertUniqueName(em, user.tenantId, dto.name);
      const interest = em.create(Interest, {
        tenantId: user.tenantId,
        name: dto.name.trim(),
        description: dto.description?.trim() || null,
        active: dto.active ?? true,
        createdBy: user.id,
        updatedBy: user.id,
      });
      await em.save(interest);
      await this.publish(em, interest, 'created', [], user.id);
      return toInterestView(interest);
    });
  }

  async update(user: AuthUser, id: string, dto: UpdateInterestDto, version: number): Promise<InterestView> {
    if (dto.name === null || dto.active === null) {
      const field = dto.name === null ? 'name' : 'active';
      throw Problems.invalid([{ field, message: `El campo "${field}" no puede quedar vacío.` }]);
    }
    return this.dataSource.transaction(async (em) => {
      const interest = await this.find(em, user.tenantId, id, true);
      assertVersion(interest, version);
      const patch: Partial<Record<keyof Interest, unknown>> = {};
      if (dto.name !== undefined) patch.name = dto.name.trim();
      if (dto.description !== undefined) patch.description = dto.description?.trim() || null;
      if (dto.active !== undefined) patch.active = dto.active;
      if (typeof patch.name === 'string' && patch.name.toLowerCase() !== interest.name.toLowerCase()) await this.assertUniqueName(em, user.tenantId, patch.name, interest.id);
      const changes = applyPatch(interest, patch, INTEREST_FIELDS);
      if (changes.length === 0) return toInterestView(interest);
      interest.updatedBy = user.id;
      await em.save(interest);
      await this.publish(em, interest, 'updated', changes, user.id);
      return toInterestView(interest);
    });
  }

  private async find(em: EntityManager, tenantId: string, id: string, lock = false): Promise<Interest> {
    const query = em.createQueryBuilder(Interest, 'i').where('i.id = :id AND i.tenant_id = :tenantId', { id, tenantId });
    if (lock) query.setLock('pessimistic_write');
    const interest = await query.getOne();
    if (!interest) throw Problems.notFound('El interés no existe.');
    return interest;
  }

  private async assertUniqueName(em: EntityManager, tenantId: string, name: string, exceptId?: string): Promise<void> {
    const rows: { id: string }[] = await em.query('SELECT id FROM contacts.interest WHERE tenant_id = $1 AND lower(name) = lower($2)', [tenantId, name.trim()]);
    const existing = rows.find((row) => row.id !== exceptId);
    if (existing) throw Problems.conflict('Ya existe un interés con ese nombre.', existing.id);
  }

  private async publish(em: EntityManager, interest: Interest, change: 'created' | 'updated', changes: FieldChange[], actorId: string): Promise<void> {
    const data: InterestChangedData = {
      interestId: interest.id,
      change,
      name: interest.name,
      description: interest.description,
      active: interest.active,
      changes,
      changedBy: actorId,
      changedAt: interest.updatedAt.toISOString(),
      version: interest.version,
    };
    await this.outbox.publish(em, { type: CONTACTS_INTEREST_CHANGED, subject: interest.id, tenantId: interest.tenantId, data });
  }
}
