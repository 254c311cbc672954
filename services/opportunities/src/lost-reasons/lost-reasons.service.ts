import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { Problems, type Language } from '@crm/common';
import { assertVersion } from '@crm/database';
import { labelOf } from '../pipelines/default-pipeline.js';
import { CatalogSeeder } from '../pipelines/catalog-seeder.service.js';
import type { CreateLostReasonDto, UpdateLostReasonDto } from './dto/lost-reason.dto.js';
import { LostReason } from './lost-reason.entity.js';

export function toLostReasonView(reason: LostReason, language: Language) {
  return { id: reason.id, name: labelOf(reason, language), position: reason.position, active: reason.active, version: reason.version };
}

export type LostReasonView = ReturnType<typeof toLostReasonView>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The admin catalogue of reasons a deal is lost (seeded in Spanish). */
@Injectable()
export class LostReasonsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly seeder: CatalogSeeder,
  ) {}

  async list(user: AuthUser, language: Language, activeOnly: boolean): Promise<{ items: LostReasonView[] }> {
    await this.seeder.ensure(user.tenantId);
    const reasons = await this.dataSource.manager.find(LostReason, {
      where: { tenantId: user.tenantId, ...(activeOnly ? { active: true } : {}) },
      order: { position: 'ASC', createdAt: 'ASC' },
    });
    return { items: reasons.map((reason) => toLostReasonView(reason, language)) };
  }

  async create(user: AuthUser, dto: CreateLostReasonDto, language: Language): Promise<LostReasonView> {
    await this.seeder.ensure(user.tenantId);
    return this.dataSource.transaction(async (em) => {
      await this.assertUniqueName(em, user.tenantId, dto.name);
      const [{ next }] = (await em.query('SELECT coalesce(max(position) + 1, 0) AS next FROM opportunities.lost_reason WHERE tenant_id = $1', [user.tenantId])) as { next: number }[];
      const reason = await em.save(em.create(LostReason, { tenantId: user.tenantId, name: dto.name.trim(), seedKey: null, position: dto.position ?? next, active: true }));
      return toLostReasonView(reason, language);
    });
  }

  async update(user: AuthUser, id: string, dto: Omit<UpdateLostReasonDto, 'version'>, version: number, language: Language): Promise<LostReasonView> {
    return this.dataSource.transaction(async (em) => {
      const reason = UUID.test(id) ? await em.findOne(LostReason, { where: { tenantId: user.tenantId, id }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!reason) throw Problems.notFound('El motivo de pérdida no existe.');
      assertVersion(reason, version);
      if (dto.name !== undefined && dto.name.trim() !== reason.name) {
        await this.assertUniqueName(em, user.tenantId, dto.name, reason.id);
        reason.name = dto.name.trim();
        reason.seedKey = null;
      }
      if (dto.active !== undefined) reason.active = dto.active;
      if (dto.position !== undefined) reason.position = dto.position;
      reason.updatedAt = new Date();
      return toLostReasonView(await em.save(reason), language);
    });
  }

  /** An active reason of the tenant, or 400 naming `lostReasonId`. */
  async findSelectable(em: EntityManager, tenantId: string, id: string | undefined): Promise<LostReason> {
    const reason = id && UUID.test(id) ? await em.findOne(LostReason, { where: { tenantId, id, active: true } }) : null;
    if (!reason) throw Problems.invalid([{ field: 'lostReasonId', message: 'Indique un motivo de pérdida activo de /lost-reasons.' }]);
    return reason;
  }

  private async assertUniqueName(em: EntityManager, tenantId: string, name: string, exceptId?: string): Promise<void> {
    const rows = (await em.query('SELECT id FROM opportunities.lost_reason WHERE tenant_id = $1 AND lower(name) = lower($2) AND id IS DISTINCT FROM $3', [
      tenantId,
      name.trim(),
      exceptId ?? null,
    ])) as { id: string }[];
    if (rows[0]) throw Problems.conflict('Ya existe un motivo con ese nombre.', rows[0].id);
  }
}
