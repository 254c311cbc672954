import { dateTime, integer, nullableText, nullableUuid, object, text, uuid, type JsonSchema } from '../../json-schema.js';
import type { FieldChange } from '../contacts/contacts.events.js';

export const OPPORTUNITIES_OPPORTUNITY_CREATED = 'opportunities.opportunity.created';
export const OPPORTUNITIES_OPPORTUNITY_UPDATED = 'opportunities.opportunity.updated';
export const OPPORTUNITIES_OPPORTUNITY_ASSIGNED = 'opportunities.opportunity.assigned';
export const OPPORTUNITIES_OPPORTUNITY_STAGE_CHANGED = 'opportunities.opportunity.stage_changed';
export const OPPORTUNITIES_OPPORTUNITY_WON = 'opportunities.opportunity.won';
export const OPPORTUNITIES_OPPORTUNITY_LOST = 'opportunities.opportunity.lost';
export const OPPORTUNITIES_OPPORTUNITY_REOPENED = 'opportunities.opportunity.reopened';
export const OPPORTUNITIES_OPPORTUNITY_STALLED = 'opportunities.opportunity.stalled';

export const OPPORTUNITY_STATUSES = ['open', 'won', 'lost'] as const;
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number];
/** HolaGest keeps two people on a deal: the agente comercial and the usuario responsable. */
export const OPPORTUNITY_ROLES = ['agent', 'assignee'] as const;
export type OpportunityRole = (typeof OPPORTUNITY_ROLES)[number];

/** An amount of money as the API and events carry it: a decimal string and an ISO-4217 code. */
export interface MoneyAmount {
  /** Decimal string, e.g. "1250000.00" (never a float). */
  amount: string;
  currency: string;
}

/** Schema of MoneyAmount, reusable by every contract that carries money. */
export const moneyAmountSchema: JsonSchema = object({
  amount: { type: 'string', pattern: '^-?\\d{1,15}(\\.\\d{1,4})?$', description: 'Decimal string, e.g. "1250000.00".' },
  currency: { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO-4217 code, e.g. COP.' },
});

/**
 * Who and what an opportunity event is about, carried by every opportunity event so consumers
 * (notifications, contacts' timeline, reporting) need no call back: the contact, the pipeline
 * position and the people on the deal.
 */
export interface OpportunityRef {
  opportunityId: string;
  contactId: string;
  title: string;
  pipelineId: string;
  stageId: string;
  ownerId: string | null;
  teamId: string | null;
  agentId: string | null;
  assigneeId: string | null;
  /** Who created the opportunity (notified of its notes and files). */
  createdBy: string;
}

const refProperties: Record<string, JsonSchema> = {
  opportunityId: uuid,
  contactId: uuid,
  title: text,
  pipelineId: uuid,
  stageId: uuid,
  ownerId: nullableUuid,
  teamId: nullableUuid,
  agentId: nullableUuid,
  assigneeId: nullableUuid,
  createdBy: uuid,
};
const refRequired = Object.keys(refProperties);

export interface OpportunityCreatedData extends OpportunityRef {
  status: OpportunityStatus;
  amount: MoneyAmount;
  probability: number;
  expectedCloseDate: string | null;
  createdAt: string;
  version: number;
  /** Additive (1.2): the source of capture (fuente) the deal came from, for reporting by source. */
  sourceId?: string | null;
}

export interface OpportunityUpdatedData {
  opportunityId: string;
  contactId: string;
  title: string;
  /** Field changes (old → new); `description` changes carry no values. */
  changes: FieldChange[];
  updatedBy: string;
  updatedAt: string;
  version: number;
}

/** An agent or an assignee was set; one event per role that changed (notifications e-mails that person). */
export interface OpportunityAssignedData extends OpportunityRef {
  role: OpportunityRole;
  userId: string;
  previousUserId: string | null;
  assignedBy: string;
  assignedAt: string;
  amount: MoneyAmount;
  version: number;
}

export interface OpportunityStageChangedData extends OpportunityRef {
  fromStageId: string;
  toStageId: string;
  toStageName: string;
  probability: number;
  /** Seconds the opportunity spent in `fromStageId` this time. */
  secondsInPreviousStage: number;
  changedBy: string;
  changedAt: string;
  version: number;
}

/**
 * An opportunity was won. Contacts converts its contact to customer (unless it already is one),
 * which in turn publishes `contacts.contact.converted` for the ERP.
 */
export interface OpportunityWonData {
  opportunityId: string;
  contactId: string;
  amount: MoneyAmount;
  wonAt: string;
  /** The salesperson who owns the opportunity; recorded as who converted the contact. */
  ownerId: string;
  pipelineId: string | null;
  /** Optional, additive: the opportunity's title for timelines. */
  title?: string;
  /** Additive (1.1): the won stage, the people on the deal and who won it. */
  stageId?: string;
  agentId?: string | null;
  assigneeId?: string | null;
  teamId?: string | null;
  wonBy?: string;
  version?: number;
}

export interface OpportunityLostData extends OpportunityRef {
  amount: MoneyAmount;
  lostReasonId: string;
  lostReasonName: string;
  lostBy: string;
  lostAt: string;
  version: number;
}

export interface OpportunityReopenedData extends OpportunityRef {
  previousStatus: Exclude<OpportunityStatus, 'open'>;
  reopenedBy: string;
  reopenedAt: string;
  version: number;
}

/** No activity for the stage's stale threshold; published once per stall (activity clears it). */
export interface OpportunityStalledData extends OpportunityRef {
  stageName: string;
  thresholdDays: number;
  lastActivityAt: string;
  stalledAt: string;
}

export const opportunityCreatedSchema = object(
  {
    ...refProperties,
    status: { type: 'string', enum: OPPORTUNITY_STATUSES },
    amount: moneyAmountSchema,
    probability: integer,
    expectedCloseDate: nullableText,
    createdAt: dateTime,
    version: integer,
    sourceId: nullableUuid,
  },
  [...refRequired, 'status', 'amount', 'probability', 'expectedCloseDate', 'createdAt', 'version'],
);

export const opportunityUpdatedSchema = object({
  opportunityId: uuid,
  contactId: uuid,
  title: text,
  changes: { type: 'array', items: object({ field: text, from: {}, to: {} }, ['field']) },
  updatedBy: uuid,
  updatedAt: dateTime,
  version: integer,
});

export const opportunityAssignedSchema = object({
  ...refProperties,
  role: { type: 'string', enum: OPPORTUNITY_ROLES },
  userId: uuid,
  previousUserId: nullableUuid,
  assignedBy: uuid,
  assignedAt: dateTime,
  amount: moneyAmountSchema,
  version: integer,
});

export const opportunityStageChangedSchema = object({
  ...refProperties,
  fromStageId: uuid,
  toStageId: uuid,
  toStageName: text,
  probability: integer,
  secondsInPreviousStage: integer,
  changedBy: uuid,
  changedAt: dateTime,
  version: integer,
});

export const opportunityWonSchema = object(
  {
    opportunityId: uuid,
    contactId: uuid,
    amount: moneyAmountSchema,
    wonAt: dateTime,
    ownerId: uuid,
    pipelineId: nullableUuid,
    title: text,
    stageId: uuid,
    agentId: nullableUuid,
    assigneeId: nullableUuid,
    teamId: nullableUuid,
    wonBy: uuid,
    version: integer,
  },
  ['opportunityId', 'contactId', 'amount', 'wonAt', 'ownerId', 'pipelineId'],
);

export const opportunityLostSchema = object({ ...refProperties, amount: moneyAmountSchema, lostReasonId: uuid, lostReasonName: text, lostBy: uuid, lostAt: dateTime, version: integer });

export const opportunityReopenedSchema = object({ ...refProperties, previousStatus: { type: 'string', enum: ['won', 'lost'] }, reopenedBy: uuid, reopenedAt: dateTime, version: integer });

export const opportunityStalledSchema = object({ ...refProperties, stageName: text, thresholdDays: integer, lastActivityAt: dateTime, stalledAt: dateTime });
