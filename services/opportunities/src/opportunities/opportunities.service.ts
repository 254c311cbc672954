import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, Not, type EntityManager } from 'typeorm';
import { canWrite, type AuthUser } from '@crm/auth';
import { Problems, type Language } from '@crm/common';
import {
  OPPORTUNITIES_OPPORTUNITY_ASSIGNED,
  OPPORTUNITIES_OPPORTUNITY_CREATED,
  OPPORTUNITIES_OPPORTUNITY_UPDATED,
  type FieldChange,
  type OpportunityAssignedData,
  type OpportunityCreatedData,
  type OpportunityRole,
  type OpportunityUpdatedData,
} from '@crm/contracts';
import { assertVersion, idempotencyScopeOf } from '@crm/database';
import { OutboxService } from '@crm/messaging';
import { PipelinesService } from '../pipelines/pipelines.service.js';
import { Stage } from '../pipelines/stage.entity.js';
import { ContactsProjection } from '../projections/contacts-projection.service.js';
import type { CreateOpportunityDto } from './dto/create-opportunity.dto.js';
import type { UpdateOpportunityDto } from './dto/update-opportunity.dto.js';
import { OpportunityAccessService } from './opportunity-access.service.js';
import { moneyOf, opportunityRef } from './opportunity-events.js';
import { OPPORTUNITY_IDEMPOTENCY } from './opportunity-idempotency.js';
import { OpportunityLabelsService } from './opportunity-labels.service.js';
import { OpportunityRules } from './opportunity-rules.service.js';
import { Opportunity } from './opportunity.entity.js';
import { toOpportunityView, type OpportunityView } from './opportunity.view.js';

const EDITABLE = ['title', 'companyId', 'expectedCloseDate', 'sourceId', 'interestIds', 'agentId', 'assigneeId', 'ownerId', 'teamId', 'sharedWithTeam', 'tags', 'description'] as const;
/** Their values stay out of events (free text may hold personal data). */
const VALUELESS = new Set(['description']);

@Injectable()
export class OpportunitiesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OpportunityAccessService,
    private readonly outbox: OutboxService,
    private readonly pipelines: PipelinesService,
    private readonly contacts: ContactsProjection,
    private readonly rules: OpportunityRules,
    private readonly labels: OpportunityLabelsService,
  ) {}

  async create(
    user: AuthUser,
    dto: CreateOpportunityDto,
    language: Language,
    idempotency?: { key: string; fingerprint: string },
  ): Promise<{ opportunity: OpportunityView; replayed: boolean }> {
    if (!canWrite(user)) throw Problems.forbidden();
    return this.dataSource.transaction(async (em) => {
      const scope = idempotencyScopeOf(user);
      if (idempotency) {
        const previousId = await OPPORTUNITY_IDEMPOTENCY.claim(em, scope, idempotency.key, idempotency.fingerprint);
        if (previousId) return { opportunity: await this.view(em, await this.access.findVisible(user, previousId, em), language), replayed: true };
      }
      const pipeline = dto.pipelineId ? await this.pipelines.find(em, user.tenantId, dto.pipelineId).catch(() => null) : await this.pipelines.defaultPipeline(em, user.tenantId);
      if (!pipeline || pipeline.archivedAt) throw Problems.invalid([{ field: 'pipelineId', message: 'El embudo no existe o está archivado.' }]);
      const stage = await this.initialStage(em, pipeline.id, dto.stageId);
      // Checks on the caller's own token first, then the ones that read the projections.
      const teamId = dto.teamId === undefined ? (user.teamIds[0] ?? null) : dto.teamId;
      await this.rules.assertTeam(em, user, teamId);
      const ownerId = dto.ownerId ?? user.id;
      await this.contacts.findVisibleContact(user, dto.contactId, em);
      await this.rules.assertPeople(em, user, { agentId: dto.agentId, assigneeId: dto.assigneeId, ownerId });
      const now = new Date();
      const overridden = dto.probability !== undefined && dto.probability !== null;
      const opportunity = await em.save(
        em.create(Opportunity, {
          tenantId: user.tenantId,
          pipelineId: pipeline.id,
          stageId: stage.id,
          status: 'open',
          title: dto.title.trim(),
          contactId: dto.contactId,
          companyId: dto.companyId ?? null,
          amount: normaliseAmount(dto.value?.amount ?? '0'),
          currency: dto.value?.currency ?? 'COP',
          probability: overridden ? dto.probability! : stage.probability,
          probabilityOverridden: overridden,
          expectedCloseDate: dto.expectedCloseDate ?? null,
          sourceId: dto.sourceId ?? null,
          interestIds: [...new Set(dto.interestIds ?? [])],
          agentId: dto.agentId ?? null,
          assigneeId: dto.assigneeId ?? null,
          ownerId,
          teamId,
          sharedWithTeam: dto.sharedWithTeam ?? true,
          tags: [...new Set((dto.tags ?? []).map((tag) => tag.trim()))],
          description: dto.description ?? null,
          stageEnteredAt: now,
          lastActivityAt: now,
          stalledAt: null,
          createdBy: user.id,
          updatedBy: user.id,
        }),
      );
      await em.query('INSERT INTO opportunities.stage_history (tenant_id, opportunity_id, stage_id, entered_at, entered_by) VALUES ($1, $2, $3, $4, $5)', [
        user.tenantId,
        opportunity.id,
        stage.id,
        now,
        user.id,
      ]);
      if (idempotency) await OPPORTUNITY_IDEMPOTENCY.remember(em, scope, idempotency.key, idempotency.fingerprint, opportunity.id);
      const created: OpportunityCreatedData = {
        ...opportunityRef(opportunity),
        status: opportunity.status,
        amount: moneyOf(opportunity),
        probability: opportunity.probability,
        expectedCloseDate: opportunity.expectedCloseDate,
        createdAt: opportunity.createdAt.toISOString(),
        version: opportunity.version,
        sourceId: opportunity.sourceId ?? null,
      };
      await this.outbox.publish(em, { type: OPPORTUNITIES_OPPORTUNITY_CREATED, subject: opportunity.id, tenantId: user.tenantId, data: created });
      if (opportunity.agentId) await this.publishAssigned(em, opportunity, 'agent', null, user.id);
      if (opportunity.assigneeId) await this.publishAssigned(em, opportunity, 'assignee', null, user.id);
      return { opportunity: await this.view(em, opportunity, language), replayed: false };
    });
  }

  async get(user: AuthUser, id: string, language: Language): Promise<OpportunityView> {
    return this.view(this.dataSource.manager, await this.access.findVisible(user, id), language);
  }

  async update(user: AuthUser, id: string, dto: Omit<UpdateOpportunityDto, 'version'>, version: number, language: Language): Promise<OpportunityView> {
    if (!canWrite(user)) throw Problems.forbidden();
    return this.dataSource.transaction(async (em) => {
      const opportunity = await this.access.findVisible(user, id, em, true);
      assertVersion(opportunity, version);
      for (const field of ['title', 'contactId', 'interestIds', 'tags', 'sharedWithTeam', 'value', 'ownerId'] as const) {
        if (dto[field] === null) throw Problems.invalid([{ field, message: `El campo "${field}" no puede quedar vacío.` }]);
      }
      if (dto.contactId && dto.contactId !== opportunity.contactId) await this.contacts.findVisibleContact(user, dto.contactId, em);
      await this.rules.assertPeople(em, user, {
        agentId: dto.agentId !== opportunity.agentId ? dto.agentId : undefined,
        assigneeId: dto.assigneeId !== opportunity.assigneeId ? dto.assigneeId : undefined,
        ownerId: dto.ownerId !== undefined && dto.ownerId !== opportunity.ownerId ? dto.ownerId : undefined,
      });
      if (dto.teamId !== undefined && dto.teamId !== opportunity.teamId) await this.rules.assertTeam(em, user, dto.teamId);
      const before = { agentId: opportunity.agentId, assigneeId: opportunity.assigneeId };
      const changes: FieldChange[] = [];
      const patch: Record<string, unknown> = { ...dto };
      if (dto.tags) patch.tags = [...new Set(dto.tags.map((tag) => tag.trim()))];
      if (dto.interestIds) patch.interestIds = [...new Set(dto.interestIds)];
      if (dto.title) patch.title = dto.title.trim();
      if (dto.contactId && dto.contactId !== opportunity.contactId) {
        changes.push({ field: 'contactId', from: opportunity.contactId, to: dto.contactId });
        opportunity.contactId = dto.contactId;
      }
      for (const field of EDITABLE) {
        if (patch[field] === undefined) continue;
        const next = patch[field] ?? null;
        if (JSON.stringify(opportunity[field] ?? null) === JSON.stringify(next)) continue;
        changes.push(VALUELESS.has(field) ? { field, from: null, to: null } : { field, from: opportunity[field] ?? null, to: next });
        Object.assign(opportunity, { [field]: next });
      }
      if (dto.value) {
        const amount = normaliseAmount(dto.value.amount);
        const currency = dto.value.currency ?? opportunity.currency;
        if (amount !== opportunity.amount || currency !== opportunity.currency) {
          changes.push({ field: 'value', from: moneyOf(opportunity), to: { amount, currency } });
          opportunity.amount = amount;
          opportunity.currency = currency;
        }
      }
      if (dto.probability !== undefined) {
        const stage = await em.findOneByOrFail(Stage, { id: opportunity.stageId });
        const next = dto.probability ?? stage.probability;
        if (next !== opportunity.probability || opportunity.probabilityOverridden !== (dto.probability !== null)) {
          changes.push({ field: 'probability', from: opportunity.probability, to: next });
          opportunity.probability = next;
          opportunity.probabilityOverridden = dto.probability !== null;
        }
      }
      if (changes.length === 0) return this.view(em, opportunity, language);
      opportunity.updatedBy = user.id;
      opportunity.updatedAt = new Date();
      await em.save(opportunity);
      const data: OpportunityUpdatedData = {
        opportunityId: opportunity.id,
        contactId: opportunity.contactId,
        title: opportunity.title,
        changes,
        updatedBy: user.id,
        updatedAt: opportunity.updatedAt.toISOString(),
        version: opportunity.version,
      };
      await this.outbox.publish(em, { type: OPPORTUNITIES_OPPORTUNITY_UPDATED, subject: opportunity.id, tenantId: user.tenantId, data });
      if (opportunity.agentId && opportunity.agentId !== before.agentId) await this.publishAssigned(em, opportunity, 'agent', before.agentId, user.id);
      if (opportunity.assigneeId && opportunity.assigneeId !== before.assigneeId) await this.publishAssigned(em, opportunity, 'assignee', before.assigneeId, user.id);
      return this.view(em, opportunity, language);
    });
  }

  async view(em: EntityManager, opportunity: Opportunity, language: Language): Promise<OpportunityView> {
    return toOpportunityView(opportunity, await this.labels.labelOf(em, opportunity, language));
  }

  private async initialStage(em: EntityManager, pipelineId: string, stageId: string | undefined): Promise<Stage> {
    const stage = stageId
      ? await em.findOne(Stage, { where: { id: stageId, pipelineId, kind: 'open', archivedAt: IsNull() } })
      : await em.findOne(Stage, { where: { pipelineId, kind: 'open', archivedAt: IsNull(), id: Not(IsNull()) }, order: { position: 'ASC' } });
    if (!stage) throw Problems.invalid([{ field: 'stageId', message: 'Elija una etapa abierta y activa del embudo.' }]);
    return stage;
  }

  private async publishAssigned(em: EntityManager, o: Opportunity, role: OpportunityRole, previousUserId: string | null, actorId: string): Promise<void> {
    const data: OpportunityAssignedData = {
      ...opportunityRef(o),
      role,
      userId: role === 'agent' ? o.agentId! : o.assigneeId!,
      previousUserId,
      assignedBy: actorId,
      assignedAt: new Date().toISOString(),
      amount: moneyOf(o),
      version: o.version,
    };
    await this.outbox.publish(em, { type: OPPORTUNITIES_OPPORTUNITY_ASSIGNED, subject: o.id, tenantId: o.tenantId, data });
  }
}

/** "1500" → "1500.00": the amount as Postgres numeric(18,2) stores it. */
export function normaliseAmount(amount: string): string {
  const [whole, fraction = ''] = amount.split('.');
  return `${BigInt(whole!).toString()}.${fraction.padEnd(2, '0')}`;
}
