import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { Problems, ProblemException, type Language } from '@crm/common';
import { assertVersion } from '@crm/database';
import type { CreateStageDto } from './dto/create-stage.dto.js';
import type { UpdateStageDto } from './dto/update-stage.dto.js';
import { PipelinesService, UUID } from './pipelines.service.js';
import { toStageView, type StageView } from './pipeline.views.js';
import { Stage } from './stage.entity.js';

/** Ordered stages of a pipeline: add, rename, reorder, archive, delete (only when empty), merge. */
@Injectable()
export class StagesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pipelines: PipelinesService,
  ) {}

  async list(user: AuthUser, pipelineId: string, language: Language): Promise<{ items: StageView[] }> {
    const pipeline = await this.pipelines.find(this.dataSource.manager, user.tenantId, pipelineId);
    const stages = await this.dataSource.manager.find(Stage, { where: { tenantId: user.tenantId, pipelineId: pipeline.id }, order: { position: 'ASC' } });
    return { items: stages.map((stage) => toStageView(stage, language)) };
  }

  async create(user: AuthUser, pipelineId: string, dto: CreateStageDto, language: Language): Promise<StageView> {
    return this.dataSource.transaction(async (em) => {
      const pipeline = await this.pipelines.find(em, user.tenantId, pipelineId, true);
      await this.assertUniqueName(em, pipeline.id, dto.name);
      const stages = await em.find(Stage, { where: { tenantId: user.tenantId, pipelineId: pipeline.id }, order: { position: 'ASC' } });
      const position = Math.min(dto.position ?? stages.length, stages.length);
      const stage = em.create(Stage, {
        tenantId: user.tenantId,
        pipelineId: pipeline.id,
        name: dto.name.trim(),
        seedKey: null,
        position,
        probability: dto.probability,
        kind: dto.kind ?? 'open',
        shownAsTab: dto.shownAsTab ?? true,
        staleAfterDays: dto.staleAfterDays ?? null,
        archivedAt: null,
      });
      stages.splice(position, 0, stage);
      await em.save(stage);
      await this.renumber(em, stages);
      return toStageView(stage, language);
    });
  }

  async update(user: AuthUser, pipelineId: string, stageId: string, dto: Omit<UpdateStageDto, 'version'>, version: number, language: Language): Promise<StageView> {
    return this.dataSource.transaction(async (em) => {
      const stage = await this.find(em, user.tenantId, pipelineId, stageId, true);
      assertVersion(stage, version);
      if (dto.name !== undefined && dto.name.trim() !== stage.name) {
        await this.assertUniqueName(em, pipelineId, dto.name, stage.id);
        stage.name = dto.name.trim();
        stage.seedKey = null;
      }
      if (dto.probability !== undefined) stage.probability = dto.probability;
      if (dto.kind !== undefined) stage.kind = dto.kind;
      if (dto.shownAsTab !== undefined) stage.shownAsTab = dto.shownAsTab;
      if (dto.staleAfterDays !== undefined) stage.staleAfterDays = dto.staleAfterDays;
      if (dto.archived !== undefined) stage.archivedAt = dto.archived ? (stage.archivedAt ?? new Date()) : null;
      stage.updatedAt = new Date();
      await em.save(stage);
      // Deals that follow their stage's probability follow the new default.
      if (dto.probability !== undefined) {
        await em.query("UPDATE opportunities.opportunity SET probability = $3 WHERE tenant_id = $1 AND stage_id = $2 AND NOT probability_overridden AND status = 'open'", [
          user.tenantId,
          stage.id,
          stage.probability,
        ]);
      }
      return toStageView(stage, language);
    });
  }

  async reorder(user: AuthUser, pipelineId: string, stageIds: string[], language: Language): Promise<{ items: StageView[] }> {
    return this.dataSource.transaction(async (em) => {
      const pipeline = await this.pipelines.find(em, user.tenantId, pipelineId, true);
      const stages = await em.find(Stage, { where: { tenantId: user.tenantId, pipelineId: pipeline.id } });
      const known = new Set(stages.map((stage) => stage.id));
      if (stageIds.length !== stages.length || new Set(stageIds).size !== stageIds.length || stageIds.some((id) => !known.has(id))) {
        throw Problems.invalid([{ field: 'stageIds', message: 'Envíe cada etapa del embudo exactamente una vez, en el nuevo orden.' }]);
      }
      const ordered = stageIds.map((id) => stages.find((stage) => stage.id === id)!);
      await this.renumber(em, ordered, true);
      return { items: ordered.map((stage) => toStageView(stage, language)) };
    });
  }

  /** Only an empty stage can go; one with deals (or their history) is archived or merged instead. */
  async delete(user: AuthUser, pipelineId: string, stageId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const stage = await this.find(em, user.tenantId, pipelineId, stageId, true);
      const [{ count }] = (await em.query('SELECT count(*)::int AS count FROM opportunities.opportunity WHERE tenant_id = $1 AND stage_id = $2', [user.tenantId, stage.id])) as {
        count: number;
      }[];
      if (count > 0) {
        throw new ProblemException(409, `La etapa tiene ${count} oportunidad(es); archívela o fusiónela con otra etapa.`, { opportunityCount: count });
      }
      const [{ history }] = (await em.query('SELECT count(*)::int AS history FROM opportunities.stage_history WHERE stage_id = $1 OR from_stage_id = $1', [stage.id])) as {
        history: number;
      }[];
      if (history > 0)
        throw new ProblemException(409, 'La etapa aparece en el historial de oportunidades; archívela en lugar de eliminarla.', { opportunityCount: 0, historyCount: history });
      await em.delete(Stage, { id: stage.id });
      const rest = await em.find(Stage, { where: { tenantId: user.tenantId, pipelineId }, order: { position: 'ASC' } });
      await this.renumber(em, rest);
    });
  }

  /**
   * Moves every deal of `stageId` to `targetStageId` (history records the move, probabilities
   * follow the target unless overridden) and archives the merged stage.
   */
  async merge(user: AuthUser, pipelineId: string, stageId: string, targetStageId: string, language: Language): Promise<{ moved: number; target: StageView }> {
    return this.dataSource.transaction(async (em) => {
      const source = await this.find(em, user.tenantId, pipelineId, stageId, true);
      const target = UUID.test(targetStageId) ? await em.findOne(Stage, { where: { tenantId: user.tenantId, pipelineId, id: targetStageId } }) : null;
      if (!target || target.id === source.id || target.archivedAt) throw Problems.invalid([{ field: 'targetStageId', message: 'Elija otra etapa activa del mismo embudo.' }]);
      const moved = (await em.query(
        `UPDATE opportunities.opportunity SET stage_id = $3, probability = CASE WHEN probability_overridden THEN probability ELSE $4 END,
           stage_entered_at = now(), last_activity_at = now(), stalled_at = NULL, version = version + 1, updated_at = now(), updated_by = $5
         WHERE tenant_id = $1 AND stage_id = $2 RETURNING id`,
        [user.tenantId, source.id, target.id, target.probability, user.id],
      )) as [{ id: string }[], number];
      const ids = moved[0].map((row) => row.id);
      if (ids.length > 0) {
        await em.query('UPDATE opportunities.stage_history SET left_at = now() WHERE opportunity_id = ANY($1::uuid[]) AND left_at IS NULL', [ids]);
        await em.query(
          `INSERT INTO opportunities.stage_history (tenant_id, opportunity_id, stage_id, from_stage_id, entered_at, entered_by)
           SELECT $1, id, $3, $4, now(), $5 FROM unnest($2::uuid[]) AS id`,
          [user.tenantId, ids, target.id, source.id, user.id],
        );
      }
      source.archivedAt = source.archivedAt ?? new Date();
      await em.save(source);
      return { moved: ids.length, target: toStageView(target, language) };
    });
  }

  async find(em: EntityManager, tenantId: string, pipelineId: string, stageId: string, lock = false): Promise<Stage> {
    const stage =
      UUID.test(stageId) && UUID.test(pipelineId)
        ? await em.findOne(Stage, { where: { tenantId, pipelineId, id: stageId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) })
        : null;
    if (!stage) throw Problems.notFound('La etapa no existe.');
    return stage;
  }

  private async renumber(em: EntityManager, stages: Stage[], touch = false): Promise<void> {
    for (const [position, stage] of stages.entries()) {
      if (stage.position === position && !touch) continue;
      stage.position = position;
      // Order is the pipeline's, not the stage's content: it does not bump the stage's version.
      await em.query('UPDATE opportunities.stage SET position = $2 WHERE id = $1', [stage.id, position]);
    }
  }

  private async assertUniqueName(em: EntityManager, pipelineId: string, name: string, exceptId?: string): Promise<void> {
    const rows = (await em.query('SELECT id FROM opportunities.stage WHERE pipeline_id = $1 AND lower(name) = lower($2) AND id IS DISTINCT FROM $3', [
      pipelineId,
      name.trim(),
      exceptId ?? null,
    ])) as { id: string }[];
    if (rows[0]) throw Problems.conflict('Ya existe una etapa con ese nombre en este embudo.', rows[0].id);
  }
}
