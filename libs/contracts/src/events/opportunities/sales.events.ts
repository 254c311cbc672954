import { dateTime, integer, nullableText, nullableUuid, object, text, uuid, type JsonSchema } from '../../json-schema.js';
import { moneyAmountSchema, type MoneyAmount } from './opportunities.events.js';

/**
 * Activities and quotes of the opportunities service. First version of the contracts (ids, the
 * contact and the people involved); the activities/quotes feature adds fields additively.
 */
export const OPPORTUNITIES_ACTIVITY_CREATED = 'opportunities.activity.created';
export const OPPORTUNITIES_ACTIVITY_COMPLETED = 'opportunities.activity.completed';
export const OPPORTUNITIES_ACTIVITY_DUE = 'opportunities.activity.due';
export const OPPORTUNITIES_QUOTE_CREATED = 'opportunities.quote.created';
export const OPPORTUNITIES_QUOTE_SENT = 'opportunities.quote.sent';
export const OPPORTUNITIES_QUOTE_ACCEPTED = 'opportunities.quote.accepted';
export const OPPORTUNITIES_QUOTE_REJECTED = 'opportunities.quote.rejected';

export const ACTIVITY_TYPES = ['task', 'call', 'meeting', 'visit', 'email'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export interface ActivityEventData {
  activityId: string;
  /** At least one of opportunityId and contactId is set. */
  opportunityId: string | null;
  contactId: string | null;
  type: ActivityType;
  subject: string;
  dueAt: string | null;
  assignedTo: string;
  createdBy: string;
  occurredAt: string;
  version: number;
}

export interface QuoteEventData {
  quoteId: string;
  opportunityId: string;
  contactId: string;
  number: string;
  revision: number;
  total: MoneyAmount;
  actorId: string;
  occurredAt: string;
  version: number;
}

export const activityEventSchema: JsonSchema = object(
  {
    activityId: uuid,
    opportunityId: nullableUuid,
    contactId: nullableUuid,
    type: { type: 'string', enum: ACTIVITY_TYPES },
    subject: text,
    dueAt: nullableText,
    assignedTo: uuid,
    createdBy: uuid,
    occurredAt: dateTime,
    version: integer,
  },
);

export const quoteEventSchema: JsonSchema = object({
  quoteId: uuid,
  opportunityId: uuid,
  contactId: uuid,
  number: text,
  revision: integer,
  total: moneyAmountSchema,
  actorId: uuid,
  occurredAt: dateTime,
  version: integer,
});
