import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { Problems, type Language } from '@crm/common';
import { assertVersion } from '@crm/database';
import { CatalogSeeder } from './catalog-seeder.service.js';
import { DEFAULT_STAGES } from './default-pipeline.js';
import type { CreatePipelineDto } from './dto/create-pipeline.dto.js';
import type { UpdatePipelineDto } from './dto/update-pipeline.dto.js';
import { Pipeline } from './pipeline.entity.js';
import { toPipelineView, type PipelineView } from './pipeline.views.js';
import { Stage } from './stage.entity.js';

/** Pipelines of a tenant (admin-managed); stages have their own service. */
@Injectable()
export class PipelinesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly seeder: CatalogSeeder,
  ) {}

  async list(user: AuthUser, language: Language, includeArchived: boolean): Promise<{ items: PipelineView[] }> {
    await this.seeder.ensure(user.tenantId);
    const em = this.dataSource.manager;
    const pipelines = await em.find(Pipeline, { where: { tenantId: user.tenantId, ...(includeArchived ? {} : { archivedAt: IsNull() }) }, order: { position: 'ASC', createdAt: 'ASC' } });
    const stages = await em.find(Stage, { where: { tenantId: user.tenantId }, order: { position: 'ASC' } });
    return {
      items: pipelines.map((pipeline) =>
        toPipelineView(
          pipeline,
          stages.filter((stage) => stage.pipelineId === pipeline.id && (includeArchived || !stage.archivedAt)),
          language,
        ),
      ),
    };
  }

  async get(user: AuthUser, id: string, language: Language): Promise<PipelineView> {
    await this.seeder.ensure(user.tenantId);
    const pipeline = await this.find(this.dataSource.manager, user.tenantId, id);
    return this.view(this.dataSource.manager, pipeline, language);
  }

  async create(user: AuthUser, dto: CreatePipelineDto, language: Language): Promise<PipelineView> {
    await this.seeder.ensure(user.tenantId);
    return this.dataSource.transaction(async (em) => {
      await this.assertUniqueName(em, user.tenantId, dto.name);
      const [{ next }] = (await em.query('SELECT coalesce(max(position) + 1, 0) AS next FROM opportunities.pipeline WHERE tenant_id = $1', [user.tenantId])) as { next: number }[];
      if (dto.isDefault) await em.update(Pipeline, { tenantId: user.tenantId, isDefault: true }, { isDefault: false });
      const pipeline = await em.save(
        em.create(Pipeline, { tenantId: user.tenantId, name: dto.name.trim(), seedKey: null, position: next, isDefault: dto.isDefault ?? false, archivedAt: null }),
      );
      const stages =
        dto.stages ?? DEFAULT_STAGES.map((stage) => ({ name: stage.es, probability: stage.probability, kind: stage.kind, staleAfterDays: stage.staleAfterDays, shownAsTab: true }));
      const names = stages.map((stage) => stage.name.trim().toLowerCase());
      const repeated = names.findIndex((name, index) => names.indexOf(name) !== index);
      if (repeated >= 0) throw Problems.invalid([{ field: `stages[${repeated}].name`, message: 'Dos etapas no pueden llamarse igual.' }]);
      for (const [position, stage] of stages.entries()) {
        await em.save(
          em.create(Stage, {
            tenantId: user.tenantId,
            pipelineId: pipeline.id,
            name: stage.name.trim(),
            seedKey: null,
            position,
            probability: stage.probability,
            kind: stage.kind ?? 'open',
            shownAsTab: stage.shownAsTab ?? true,
            staleAfterDays: stage.staleAfterDays ?? null,
            archivedAt: null,
          }),
        );
      }
      return this.view(em, pipeline, language);
    });
  }

  async update(user: AuthUser, id: string, dto: Omit<UpdatePipelineDto, 'version'>, version: number, language: Language): Promise<PipelineView> {
    return this.dataSource.transaction(async (em) => {
      const pipeline = await this.find(em, user.tenantId, id, true);
      assertVersion(pipeline, version);
      if (dto.name !== undefined && dto.name.trim() !== pipeline.name) {
        await this.assertUniqueName(em, user.tenantId, dto.name, pipeline.id);
        pipeline.name = dto.name.trim();
        pipeline.seedKey = null;
      }
      if (dto.position !== undefined) pipeline.position = dto.position;
      if (dto.archived !== undefined) {
        if (dto.archived && (dto.isDefault ?? pipeline.isDefault))
          throw Problems.invalid([{ field: 'archived', message: 'El embudo predeterminado no se puede archivar; elija otro como predeterminado primero.' }]);
        pipeline.archivedAt = dto.archived ? (pipeline.archivedAt ?? new Date()) : null;
      }
      if (dto.isDefault === true && !pipeline.isDefault) {
        await em.update(Pipeline, { tenantId: user.tenantId, isDefault: true }, { isDefault: false });
        pipeline.isDefault = true;
      } else if (dto.isDefault === false && pipeline.isDefault) {
        throw Problems.invalid([{ field: 'isDefault', message: 'Marque otro embudo como predeterminado en lugar de desmarcar este.' }]);
      }
      pipeline.updatedAt = new Date();
      await em.save(pipeline);
      return this.view(em, pipeline, language);
    });
  }

  /** The default pipeline of a tenant (where new opportunities go when none is named). */
  async defaultPipeline(em: EntityManager, tenantId: string): Promise<Pipeline> {
    await this.seeder.ensure(tenantId);
    const pipeline = await em.findOne(Pipeline, { where: { tenantId, isDefault: true, archivedAt: IsNull() } });
    if (!pipeline) throw Problems.invalid([{ field: 'pipelineId', message: 'No hay un embudo predeterminado; indique pipelineId.' }]);
    return pipeline;
  }

  async find(em: EntityManager, tenantId: string, id: string, lock = false): Promise<Pipeline> {
    const pipeline = UUID.test(id) ? await em.findOne(Pipeline, { where: { tenantId, id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) }) : null;
    if (!pipeline) throw Problems.notFound('El embudo no existe.');
    return pipeline;
  }

  private async view(em: EntityManager, pipeline: Pipeline, language: Language): Promise<PipelineView> {
    const stages = await em.find(Stage, { where: { tenantId: pipeline.tenantId, pipelineId: pipeline.id }, order: { position: 'ASC' } });
    return toPipelineView(pipeline, stages, language);
  }

  private async assertUniqueName(em: EntityManager, tenantId: string, name: string, exceptId?: string): Promise<void> {
    const rows = (await em.query('SELECT id FROM opportunities.pipeline WHERE tenant_id = $1 AND lower(name) = lower($2) AND id IS DISTINCT FROM $3', [
      tenantId,
      name.trim(),
      exceptId ?? null,
    ])) as { id: string }[];
    if (rows[0]) throw Problems.conflict('Ya existe un embudo con ese nombre.', rows[0].id);
  }
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
