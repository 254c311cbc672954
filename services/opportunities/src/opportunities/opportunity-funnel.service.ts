import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { canWrite, type AuthUser } from '@crm/auth';
import { Problems, ProblemException, type Language } from '@crm/common';
import {
  OPPORTUNITIES_OPPORTUNITY_LOST,
  OPPORTUNITIES_OPPORTUNITY_REOPENED,
  OPPORTUNITIES_OPPORTUNITY_STAGE_CHANGED,
  OPPORTUNITIES_OPPORTUNITY_WON,
  type OpportunityLostData,
  type OpportunityReopenedData,
  type OpportunityStageChangedData,
  type OpportunityWonData,
} from '@crm/contracts';
import { assertVersion } from '@crm/database';
import { OutboxService } from '@crm/messaging';
import { LostReasonsService } from '../lost-reasons/lost-reasons.service.js';
import { labelOf } from '../pipelines/default-pipeline.js';
import { Stage, type StageKind } from '../pipelines/stage.entity.js';
import { OpportunitiesService } from './opportunities.service.js';
import { OpportunityAccessService } from './opportunity-access.service.js';
import { moneyOf, opportunityRef } from './opportunity-events.js';
import type { Opportunity } from './opportunity.entity.js';
import type { OpportunityView } from './opportunity.view.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Moving a deal through its pipeline: stage changes with history, win, lose, reopen. */
@Injectable()
export class OpportunityFunnelService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OpportunityAccessService,
    private readonly outbox: OutboxService,
    private readonly opportunities: OpportunitiesService,
    private readonly lostReasons: LostReasonsService,
  ) {}

  async moveToStage(user: AuthUser, id: string, stageId: string, version: number, language: Language): Promise<OpportunityView> {
    return this.change(user, id, version, language, async (em, o) => {
      if (o.status !== 'open') throw new ProblemException(409, 'La oportunidad está cerrada; reábrala antes de moverla.');
      const stage = await this.stageOf(em, o.pipelineId, stageId, 'open');
      if (stage.id === o.stageId) return;
      const previous = o.stageId;
      const seconds = await this.enter(em, user, o, stage);
      const data: OpportunityStageChangedData = {
        ...opportunityRef(o),
        fromStageId: previous,
        toStageId: stage.id,
        toStageName: stage.name,
        probability: o.probability,
        secondsInPreviousStage: seconds,
        changedBy: user.id,
        changedAt: o.updatedAt.toISOString(),
        version: o.version,
      };
      await this.outbox.publish(em, { type: OPPORTUNITIES_OPPORTUNITY_STAGE_CHANGED, subject: o.id, tenantId: o.tenantId, data });
    });
  }

  async win(user: AuthUser, id: string, version: number, language: Language): Promise<OpportunityView> {
    return this.change(user, id, version, language, (em, o) => this.winIn(em, user, o));
  }

  /** Wins a locked, visible opportunity inside the caller's transaction (also used by accepting a quote). */
  async winIn(em: EntityManager, user: AuthUser, o: Opportunity): Promise<void> {
    if (o.status !== 'open') throw new ProblemException(409, 'Solo se gana una oportunidad abierta.');
    await this.enter(em, user, o, await this.closingStage(em, o.pipelineId, 'won'));
    o.status = 'won';
    o.wonAt = o.updatedAt;
    o.probability = 100;
    await em.save(o);
    const data: OpportunityWonData = {
      opportunityId: o.id,
      contactId: o.contactId,
      amount: moneyOf(o),
      wonAt: o.wonAt.toISOString(),
      ownerId: o.ownerId ?? o.createdBy,
      pipelineId: o.pipelineId,
      title: o.title,
      stageId: o.stageId,
      agentId: o.agentId,
      assigneeId: o.assigneeId,
      teamId: o.teamId,
      wonBy: user.id,
      version: o.version,
    };
    await this.outbox.publish(em, { type: OPPORTUNITIES_OPPORTUNITY_WON, subject: o.id, tenantId: o.tenantId, data });
  }

  async lose(user: AuthUser, id: string, lostReasonId: string, note: string | undefined, version: number, language: Language): Promise<OpportunityView> {
    return this.change(user, id, version, language, async (em, o) => {
      const reason = await this.lostReasons.findSelectable(em, o.tenantId, lostReasonId);
      if (o.status !== 'open') throw new ProblemException(409, 'Solo se pierde una oportunidad abierta.');
      await this.enter(em, user, o, await this.closingStage(em, o.pipelineId, 'lost'));
      o.status = 'lost';
      o.lostAt = o.updatedAt;
      o.lostReasonId = reason.id;
      o.lostNote = note?.trim() || null;
      o.probability = 0;
      await em.save(o);
      const data: OpportunityLostData = {
        ...opportunityRef(o),
        amount: moneyOf(o),
        lostReasonId: reason.id,
        lostReasonName: reason.name,
        lostBy: user.id,
        lostAt: o.lostAt.toISOString(),
        version: o.version,
      };
      await this.outbox.publish(em, { type: OPPORTUNITIES_OPPORTUNITY_LOST, subject: o.id, tenantId: o.tenantId, data });
    });
  }

  async reopen(user: AuthUser, id: string, stageId: string | undefined, version: number, language: Language): Promise<OpportunityView> {
    return this.change(user, id, version, language, async (em, o) => {
      if (o.status === 'open') throw new ProblemException(409, 'La oportunidad ya está abierta.');
      const previousStatus = o.status;
      const target = stageId ? await this.stageOf(em, o.pipelineId, stageId, 'open') : await this.lastOpenStage(em, o);
      o.status = 'open';
      o.wonAt = null;
      o.lostAt = null;
      o.lostReasonId = null;
      o.lostNote = null;
      o.probabilityOverridden = false;
      await this.enter(em, user, o, target);
      const data: OpportunityReopenedData = { ...opportunityRef(o), previousStatus, reopenedBy: user.id, reopenedAt: o.updatedAt.toISOString(), version: o.version };
      await this.outbox.publish(em, { type: OPPORTUNITIES_OPPORTUNITY_REOPENED, subject: o.id, tenantId: o.tenantId, data });
    });
  }

  /** Stage history, oldest first, with the time spent in each stage (to now for the current one). */
  async history(user: AuthUser, id: string, language: Language) {
    const o = await this.access.findVisible(user, id);
    const rows = (await this.dataSource.query(
      `SELECT h.stage_id, s.name, s.seed_key, h.from_stage_id, h.entered_at, h.left_at, h.entered_by,
              extract(epoch FROM coalesce(h.left_at, now()) - h.entered_at)::bigint AS seconds
       FROM opportunities.stage_history h JOIN opportunities.stage s ON s.id = h.stage_id
       WHERE h.opportunity_id = $1 ORDER BY h.entered_at, h.id`,
      [o.id],
    )) as { stage_id: string; name: string; seed_key: string | null; from_stage_id: string | null; entered_at: Date; left_at: Date | null; entered_by: string; seconds: string }[];
    const items = rows.map((row) => ({
      stageId: row.stage_id,
      stageName: labelOf({ name: row.name, seedKey: row.seed_key }, language),
      fromStageId: row.from_stage_id,
      enteredAt: row.entered_at.toISOString(),
      leftAt: row.left_at?.toISOString() ?? null,
      enteredBy: row.entered_by,
      secondsInStage: Number(row.seconds),
      current: row.left_at === null,
    }));
    const totals = new Map<string, { stageId: string; stageName: string; seconds: number }>();
    for (const item of items) {
      const total = totals.get(item.stageId) ?? { stageId: item.stageId, stageName: item.stageName, seconds: 0 };
      total.seconds += item.secondsInStage;
      totals.set(item.stageId, total);
    }
    return { items, timeInStage: [...totals.values()] };
  }

  private async change(user: AuthUser, id: string, version: number, language: Language, work: (em: EntityManager, o: Opportunity) => Promise<void>): Promise<OpportunityView> {
    if (!canWrite(user)) throw Problems.forbidden();
    return this.dataSource.transaction(async (em) => {
      const o = await this.access.findVisible(user, id, em, true);
      assertVersion(o, version);
      await work(em, o);
      return this.opportunities.view(em, o, language);
    });
  }

  /** Closes the current history row, opens one for `stage`, and saves the deal there. Returns seconds spent in the previous stage. */
  private async enter(em: EntityManager, user: AuthUser, o: Opportunity, stage: Stage): Promise<number> {
    const now = new Date();
    const seconds = Math.max(0, Math.round((now.getTime() - o.stageEnteredAt.getTime()) / 1000));
    await em.query('UPDATE opportunities.stage_history SET left_at = $2 WHERE opportunity_id = $1 AND left_at IS NULL', [o.id, now]);
    await em.query('INSERT INTO opportunities.stage_history (tenant_id, opportunity_id, stage_id, from_stage_id, entered_at, entered_by) VALUES ($1, $2, $3, $4, $5, $6)', [
      o.tenantId,
      o.id,
      stage.id,
      o.stageId,
      now,
      user.id,
    ]);
    o.stageId = stage.id;
    o.stageEnteredAt = now;
    if (!o.probabilityOverridden) o.probability = stage.probability;
    o.lastActivityAt = now;
    o.stalledAt = null;
    o.updatedBy = user.id;
    o.updatedAt = now;
    await em.save(o);
    return seconds;
  }

  private async stageOf(em: EntityManager, pipelineId: string, stageId: string, kind: StageKind): Promise<Stage> {
    const stage = UUID.test(stageId) ? await em.findOne(Stage, { where: { id: stageId, pipelineId, kind, archivedAt: IsNull() } }) : null;
    if (!stage) throw Problems.invalid([{ field: 'stageId', message: 'Elija una etapa abierta y activa del mismo embudo (para ganar o perder use /win o /lose).' }]);
    return stage;
  }

  private async closingStage(em: EntityManager, pipelineId: string, kind: 'won' | 'lost'): Promise<Stage> {
    const stage = await em.findOne(Stage, { where: { pipelineId, kind, archivedAt: IsNull() }, order: { position: 'ASC' } });
    if (!stage) throw new ProblemException(409, `El embudo no tiene una etapa activa de tipo "${kind}".`);
    return stage;
  }

  private async lastOpenStage(em: EntityManager, o: Opportunity): Promise<Stage> {
    const rows = (await em.query(
      `SELECT s.id FROM opportunities.stage_history h JOIN opportunities.stage s ON s.id = h.stage_id
       WHERE h.opportunity_id = $1 AND s.kind = 'open' AND s.archived_at IS NULL ORDER BY h.entered_at DESC LIMIT 1`,
      [o.id],
    )) as { id: string }[];
    const stage = rows[0]
      ? await em.findOneBy(Stage, { id: rows[0].id })
      : await em.findOne(Stage, { where: { pipelineId: o.pipelineId, kind: 'open', archivedAt: IsNull() }, order: { position: 'ASC' } });
    if (!stage) throw Problems.invalid([{ field: 'stageId', message: 'Indique la etapa abierta a la que vuelve.' }]);
    return stage;
  }
}
