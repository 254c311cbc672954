import type { OpportunityFields, OpportunityRow } from './opportunity-columns.js';

/**
 * What a kanban card shows (docs/opportunities/opportunities.md, "Tarjetas del tablero"): the
 * web console's pipeline page reads id, title, status, stageId, stageName, contactName, value and
 * version; the rest is what a card may show next (owner, assignee, agent, close date, probability,
 * tags, stale, time in stage). The full record is GET /opportunities/{id}. Dropped from the full
 * view: companyId, probabilityOverridden, sourceId, interestIds, teamId, sharedWithTeam,
 * description, stalledAt, lostReasonId, lostNote, createdBy, updatedAt.
 */
export const CARD_FIELDS = [
  'id',
  'title',
  'status',
  'pipelineId',
  'stageId',
  'contactId',
  'amount',
  'currency',
  'probability',
  'expectedCloseDate',
  'agentId',
  'assigneeId',
  'ownerId',
  'tags',
  'stalledAt',
  'lastActivityAt',
  'stageEnteredAt',
  'wonAt',
  'lostAt',
  'createdAt',
  'version',
] as const satisfies readonly (keyof OpportunityFields)[];

export type CardRow = OpportunityRow<(typeof CARD_FIELDS)[number]>;

export function toBoardCardView(o: CardRow, stageName: string | null) {
  return {
    id: o.id,
    title: o.title,
    status: o.status,
    pipelineId: o.pipelineId,
    stageId: o.stageId,
    stageName,
    contactId: o.contactId,
    contactName: o.contactName,
    value: { amount: o.amount, currency: o.currency },
    probability: o.probability,
    expectedCloseDate: o.expectedCloseDate,
    agentId: o.agentId,
    assigneeId: o.assigneeId,
    ownerId: o.ownerId,
    tags: o.tags,
    stale: o.stalledAt !== null,
    lastActivityAt: o.lastActivityAt.toISOString(),
    stageEnteredAt: o.stageEnteredAt.toISOString(),
    wonAt: o.wonAt?.toISOString() ?? null,
    lostAt: o.lostAt?.toISOString() ?? null,
    createdAt: o.createdAt.toISOString(),
    version: o.version,
  };
}

export type BoardCardView = ReturnType<typeof toBoardCardView>;
