import {
  OPPORTUNITIES_OPPORTUNITY_ASSIGNED,
  OPPORTUNITIES_OPPORTUNITY_CREATED,
  OPPORTUNITIES_OPPORTUNITY_LOST,
  OPPORTUNITIES_OPPORTUNITY_REOPENED,
  OPPORTUNITIES_OPPORTUNITY_STAGE_CHANGED,
  OPPORTUNITIES_OPPORTUNITY_STALLED,
  OPPORTUNITIES_OPPORTUNITY_UPDATED,
  OPPORTUNITIES_OPPORTUNITY_WON,
  type FieldChange,
  type MoneyAmount,
} from '@crm/contracts';
import { int, iso, patched, str, type AnyEvent, type Row, type RowProjection, type StateProjection } from './projection.js';
import { funnelCells, opportunityCells, type CubeEntry } from './cube.js';

const ALL = [
  OPPORTUNITIES_OPPORTUNITY_CREATED,
  OPPORTUNITIES_OPPORTUNITY_UPDATED,
  OPPORTUNITIES_OPPORTUNITY_ASSIGNED,
  OPPORTUNITIES_OPPORTUNITY_STAGE_CHANGED,
  OPPORTUNITIES_OPPORTUNITY_WON,
  OPPORTUNITIES_OPPORTUNITY_LOST,
  OPPORTUNITIES_OPPORTUNITY_REOPENED,
];

const REF_FIELDS: [string, string][] = [
  ['contactId', 'contact_id'],
  ['title', 'title'],
  ['pipelineId', 'pipeline_id'],
  ['stageId', 'stage_id'],
  ['ownerId', 'owner_id'],
  ['teamId', 'team_id'],
  ['agentId', 'agent_id'],
  ['assigneeId', 'assignee_id'],
  ['createdBy', 'created_by'],
];

function money(value: unknown): { amount?: string; currency?: string } {
  const m = value as MoneyAmount | undefined;
  return m && typeof m.amount === 'string' && typeof m.currency === 'string' ? { amount: m.amount, currency: m.currency } : {};
}

/**
 * rpt_opportunity: one row per opportunity. Every event carries the deal's version; the newest
 * event decides the pipeline position, the people, the status and the value. What only the
 * creation says (created_at, first stage, source) is taken whenever the creation is seen.
 */
export class OpportunityProjection implements StateProjection {
  constructor(private readonly timeZone = 'America/Bogota') {}

  cells(row: Row): CubeEntry[] {
    return [...opportunityCells(row, this.timeZone), ...funnelCells(row, this.timeZone)];
  }

  readonly table = 'rpt_opportunity';
  readonly keyColumn = 'opportunity_id';
  readonly keyType = 'uuid' as const;
  readonly types = ALL;

  keyOf(event: AnyEvent): string | null {
    return str(event.data.opportunityId);
  }

  blank(tenantId: string, key: string): Row {
    return {
      tenant_id: tenantId,
      opportunity_id: key,
      contact_id: null,
      title: null,
      pipeline_id: null,
      stage_id: null,
      initial_stage_id: null,
      owner_id: null,
      team_id: null,
      agent_id: null,
      assignee_id: null,
      created_by: null,
      status: null,
      amount: null,
      currency: null,
      probability: null,
      expected_close_date: null,
      source_id: null,
      created_at: null,
      closed_at: null,
      lost_reason_id: null,
      lost_reason_name: null,
      reached_stage_ids: [],
      version: 0,
    };
  }

  apply(row: Row, event: AnyEvent): Row {
    const d = event.data;
    let next = row;
    if (event.type === OPPORTUNITIES_OPPORTUNITY_CREATED) {
      // Facts only the creation carries: taken whenever it arrives.
      next = patched(next, {
        created_at: iso(d.createdAt) ?? iso(event.time),
        initial_stage_id: str(d.stageId),
        source_id: next.source_id ?? str(d.sourceId),
        expected_close_date: next.expected_close_date ?? str(d.expectedCloseDate),
        amount: next.amount ?? money(d.amount).amount,
        currency: next.currency ?? money(d.amount).currency,
        probability: next.probability ?? int(d.probability),
        status: next.status ?? str(d.status),
      });
    }
    // Every stage the deal was ever in (first stage, stage changes): a set, so order and repeats do not matter.
    const entered = event.type === OPPORTUNITIES_OPPORTUNITY_CREATED ? str(d.stageId) : event.type === OPPORTUNITIES_OPPORTUNITY_STAGE_CHANGED ? str(d.toStageId) : null;
    if (entered) next = patched(next, { reached_stage_ids: [...new Set([...((next.reached_stage_ids as string[] | null) ?? []), entered])].sort() });
    const version = int(d.version) ?? (event.type === OPPORTUNITIES_OPPORTUNITY_WON ? Number(next.version) + 1 : 0);
    if (version <= Number(next.version)) {
      // An older event still fills what the newer ones did not say (e.g. the title before the creation arrived).
      const gaps: Row = {};
      for (const [field, column] of REF_FIELDS) if (field in d && next[column] === null) gaps[column] = d[field] ?? null;
      return patched(next, gaps);
    }
    const patch: Row = { version };
    for (const [field, column] of REF_FIELDS) if (field in d) patch[column] = d[field] ?? null;
    switch (event.type) {
      case OPPORTUNITIES_OPPORTUNITY_CREATED:
        Object.assign(patch, { status: str(d.status), ...money(d.amount), probability: int(d.probability), expected_close_date: str(d.expectedCloseDate) });
        break;
      case OPPORTUNITIES_OPPORTUNITY_ASSIGNED:
        Object.assign(patch, money(d.amount));
        break;
      case OPPORTUNITIES_OPPORTUNITY_STAGE_CHANGED:
        Object.assign(patch, { stage_id: str(d.toStageId), probability: int(d.probability) });
        break;
      case OPPORTUNITIES_OPPORTUNITY_WON:
        Object.assign(patch, { status: 'won', closed_at: iso(d.wonAt), ...money(d.amount), probability: 100, owner_id: str(d.ownerId) ?? next.owner_id });
        break;
      case OPPORTUNITIES_OPPORTUNITY_LOST:
        Object.assign(patch, { status: 'lost', closed_at: iso(d.lostAt), ...money(d.amount), lost_reason_id: str(d.lostReasonId), lost_reason_name: str(d.lostReasonName) });
        break;
      case OPPORTUNITIES_OPPORTUNITY_REOPENED:
        Object.assign(patch, { status: 'open', closed_at: null, lost_reason_id: null, lost_reason_name: null });
        break;
      case OPPORTUNITIES_OPPORTUNITY_UPDATED:
        for (const change of (d.changes as FieldChange[] | undefined) ?? []) {
          if (change.field === 'value') Object.assign(patch, money(change.to));
          else if (change.field === 'probability') patch.probability = int(change.to);
          else if (change.field === 'expectedCloseDate') patch.expected_close_date = str(change.to);
          else if (change.field === 'sourceId') patch.source_id = str(change.to);
          else if (change.field === 'ownerId') patch.owner_id = str(change.to);
          else if (change.field === 'teamId') patch.team_id = str(change.to);
        }
        break;
    }
    return patched(next, patch);
  }
}

/** rpt_stage: the name, pipeline and probability of each stage, as stage events tell them. */
export class StageProjection implements StateProjection {
  readonly table = 'rpt_stage';
  readonly keyColumn = 'stage_id';
  readonly keyType = 'uuid' as const;
  readonly types = [OPPORTUNITIES_OPPORTUNITY_CREATED, OPPORTUNITIES_OPPORTUNITY_STAGE_CHANGED, OPPORTUNITIES_OPPORTUNITY_STALLED];

  keyOf(event: AnyEvent): string | null {
    return event.type === OPPORTUNITIES_OPPORTUNITY_STAGE_CHANGED ? str(event.data.toStageId) : str(event.data.stageId);
  }

  blank(tenantId: string, key: string): Row {
    return { tenant_id: tenantId, stage_id: key, pipeline_id: null, name: null, probability: null };
  }

  apply(row: Row, event: AnyEvent): Row {
    const d = event.data;
    if (event.type === OPPORTUNITIES_OPPORTUNITY_STAGE_CHANGED) return patched(row, { pipeline_id: str(d.pipelineId), name: str(d.toStageName), probability: int(d.probability) });
    // A creation tells the first stage's pipeline and (unless overridden on the deal) its probability; a stage change says better.
    if (event.type === OPPORTUNITIES_OPPORTUNITY_CREATED) return patched(row, { pipeline_id: str(d.pipelineId), probability: row.probability ?? int(d.probability) });
    return patched(row, { pipeline_id: str(d.pipelineId), name: str(d.stageName) ?? row.name });
  }
}

/** rpt_stage_move: one row per stage change (event id), with the time spent in the stage left. */
export class StageMoveRows implements RowProjection {
  readonly table = 'rpt_stage_move';
  readonly conflict = ['tenant_id', 'event_id'];
  readonly mode = 'ignore' as const;
  readonly types = [OPPORTUNITIES_OPPORTUNITY_STAGE_CHANGED];

  rowsOf(event: AnyEvent): Row[] {
    const d = event.data;
    return [
      {
        tenant_id: event.tenantid,
        event_id: event.id,
        opportunity_id: d.opportunityId,
        pipeline_id: str(d.pipelineId),
        from_stage_id: d.fromStageId,
        to_stage_id: d.toStageId,
        seconds_in_previous: int(d.secondsInPreviousStage) ?? 0,
        owner_id: str(d.ownerId),
        team_id: str(d.teamId),
        changed_at: iso(d.changedAt) ?? iso(event.time),
      },
    ];
  }
}
