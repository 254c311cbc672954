import type { OpportunityFields } from './opportunity-columns.js';

export interface OpportunityLabels {
  contactName: string | null;
  stageName: string | null;
}

/** The full view (GET /opportunities/{id}, lists, exports), from an entity or a raw row with the same fields. */
export function toOpportunityView(o: OpportunityFields, labels: OpportunityLabels = { contactName: null, stageName: null }) {
  return {
    id: o.id,
    title: o.title,
    status: o.status,
    pipelineId: o.pipelineId,
    stageId: o.stageId,
    stageName: labels.stageName,
    contactId: o.contactId,
    contactName: labels.contactName,
    companyId: o.companyId,
    value: { amount: o.amount, currency: o.currency },
    probability: o.probability,
    probabilityOverridden: o.probabilityOverridden,
    expectedCloseDate: o.expectedCloseDate,
    sourceId: o.sourceId,
    interestIds: o.interestIds,
    agentId: o.agentId,
    assigneeId: o.assigneeId,
    ownerId: o.ownerId,
    teamId: o.teamId,
    sharedWithTeam: o.sharedWithTeam,
    tags: o.tags,
    description: o.description,
    stale: o.stalledAt !== null,
    stalledAt: o.stalledAt?.toISOString() ?? null,
    lastActivityAt: o.lastActivityAt.toISOString(),
    stageEnteredAt: o.stageEnteredAt.toISOString(),
    wonAt: o.wonAt?.toISOString() ?? null,
    lostAt: o.lostAt?.toISOString() ?? null,
    lostReasonId: o.lostReasonId,
    lostNote: o.lostNote,
    createdBy: o.createdBy,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
    version: o.version,
  };
}

export type OpportunityView = ReturnType<typeof toOpportunityView>;
