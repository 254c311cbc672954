import type { Language } from '@crm/common';
import { labelOf } from './default-pipeline.js';
import type { Pipeline } from './pipeline.entity.js';
import type { Stage } from './stage.entity.js';

export function toStageView(stage: Stage, language: Language) {
  return {
    id: stage.id,
    pipelineId: stage.pipelineId,
    name: labelOf(stage, language),
    position: stage.position,
    probability: stage.probability,
    kind: stage.kind,
    shownAsTab: stage.shownAsTab,
    staleAfterDays: stage.staleAfterDays,
    archived: stage.archivedAt !== null,
    version: stage.version,
  };
}

export type StageView = ReturnType<typeof toStageView>;

export function toPipelineView(pipeline: Pipeline, stages: Stage[], language: Language) {
  return {
    id: pipeline.id,
    name: labelOf(pipeline, language),
    position: pipeline.position,
    isDefault: pipeline.isDefault,
    archived: pipeline.archivedAt !== null,
    stages: stages.map((stage) => toStageView(stage, language)),
    createdAt: pipeline.createdAt.toISOString(),
    updatedAt: pipeline.updatedAt.toISOString(),
    version: pipeline.version,
  };
}

export type PipelineView = ReturnType<typeof toPipelineView>;
