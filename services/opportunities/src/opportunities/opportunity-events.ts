import type { MoneyAmount, OpportunityRef } from '@crm/contracts';
import type { Opportunity } from './opportunity.entity.js';

/** The part every opportunity event carries. */
export function opportunityRef(o: Opportunity): OpportunityRef {
  return {
    opportunityId: o.id,
    contactId: o.contactId,
    title: o.title,
    pipelineId: o.pipelineId,
    stageId: o.stageId,
    ownerId: o.ownerId,
    teamId: o.teamId,
    agentId: o.agentId,
    assigneeId: o.assigneeId,
    createdBy: o.createdBy,
  };
}

export function moneyOf(o: Opportunity): MoneyAmount {
  return { amount: o.amount, currency: o.currency };
}
