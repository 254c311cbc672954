import { dateTime, integer, nullableText, nullableUuid, object, text, uuid, type JsonSchema } from '../../json-schema.js';
import { moneyAmountSchema, type MoneyAmount } from './opportunities.events.js';

/**
 * Activities and quotes of the opportunities service. First version of the contracts (ids, the
 * contact and the people involved); the activities/quotes feature adds fields additively.
 */
export const OPPORTUNITIES_ACTIVITY_CREATED = 'opportunities.activity.created';
export const OPPORTUNITIES_ACTIVITY_COMPLETED = 'opportunities.activity.completed';
export const OPPORTUNITIES_ACTIVITY_DUE = 'opportunities.activity.due';
export const OPPORTUNITIES_ACTIVITY_UPDATED = 'opportunities.activity.updated';
export const OPPORTUNITIES_QUOTE_CREATED = 'opportunities.quote.created';
export const OPPORTUNITIES_QUOTE_SENT = 'opportunities.quote.sent';
export const OPPORTUNITIES_QUOTE_ACCEPTED = 'opportunities.quote.accepted';
export const OPPORTUNITIES_QUOTE_REJECTED = 'opportunities.quote.rejected';
export const OPPORTUNITIES_QUOTE_EXPIRED = 'opportunities.quote.expired';

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
  /** pending | done | cancelled (additive). */
  status?: string;
  /** What came of it, when completed (additive). */
  outcome?: string | null;
}

/**
 * `opportunities.activity.due`: the reminder of a pending activity, published once per activity
 * `minutesBefore` its due time (`remindAt`). Notifications e-mails the assignee (and the feed).
 */
export interface ActivityDueData extends ActivityEventData {
  status: string;
  remindAt: string;
  minutesBefore: number;
  /** The opportunity's title / the contact's name, for the e-mail (null when not linked or unknown). */
  opportunityTitle: string | null;
  contactName: string | null;
}

/** What `PATCH /activities/{id}` may change. */
export const ACTIVITY_CHANGED_FIELDS = ['subject', 'description', 'dueAt', 'durationMinutes', 'reminderMinutesBefore'] as const;
export type ActivityChangedField = (typeof ACTIVITY_CHANGED_FIELDS)[number];

/**
 * `opportunities.activity.updated`: a pending activity was edited (rescheduled, renamed…). The
 * activity as it is now, which fields changed, the due time before, and the reminder time now
 * (re-armed when the due time or the minutes before changed).
 */
export interface ActivityUpdatedData extends ActivityEventData {
  status: string;
  changedFields: ActivityChangedField[];
  previousDueAt: string | null;
  remindAt: string | null;
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

export const activityEventSchema: JsonSchema = object({
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
});

/** Additive over activityEventSchema: the new fields are not required (activity.due had that schema first). */
export const activityDueSchema: JsonSchema = object(
  {
    ...(activityEventSchema.properties as Record<string, JsonSchema>),
    status: text,
    remindAt: dateTime,
    minutesBefore: integer,
    opportunityTitle: nullableText,
    contactName: nullableText,
  },
  activityEventSchema.required,
);

export const activityUpdatedSchema: JsonSchema = object({
  ...(activityEventSchema.properties as Record<string, JsonSchema>),
  status: text,
  outcome: nullableText,
  changedFields: { type: 'array', items: { type: 'string', enum: ACTIVITY_CHANGED_FIELDS } },
  previousDueAt: { type: ['string', 'null'], format: 'date-time' },
  remindAt: { type: ['string', 'null'], format: 'date-time' },
});

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

/** A priced quote line as it travels to the ERP (decimal strings; figures rounded half-up per line). */
export interface QuoteLineData {
  position: number;
  description: string;
  /** Product/service (interest) of the contacts catalogue, when the line names one. */
  interestId: string | null;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxPercent: string;
  /** quantity × unitPrice, rounded to 2 decimals. */
  gross: string;
  discount: string;
  /** gross − discount: the taxable base of the line. */
  net: string;
  tax: string;
  /** net + tax. */
  total: string;
}

/**
 * `opportunities.quote.accepted`: everything the ERP's sales module needs to create the sales
 * order. The ERP answers with `sales.order.created` carrying `crmQuoteId` (or `quoteNumber`).
 */
export interface QuoteAcceptedData extends QuoteEventData {
  customer: { crmContactId: string; name: string; taxId: string | null; email: string | null };
  opportunityTitle: string;
  currency: string;
  lines: QuoteLineData[];
  taxes: { ratePercent: string; base: string; tax: string }[];
  subtotal: MoneyAmount;
  discountTotal: MoneyAmount;
  taxTotal: MoneyAmount;
  validUntil: string;
  terms: string | null;
  /** The seller who made the quote. */
  createdBy: string;
  /** True when accepting also won the opportunity (opportunities.opportunity.won follows). */
  wonOpportunity: boolean;
}

/** `opportunities.quote.rejected` adds the customer's reason. */
export interface QuoteRejectedData extends QuoteEventData {
  reason: string | null;
}

const decimal = { type: 'string', pattern: '^-?\\d{1,15}(\\.\\d{1,4})?$' } satisfies JsonSchema;

export const quoteAcceptedSchema: JsonSchema = object({
  ...(quoteEventSchema.properties as Record<string, JsonSchema>),
  customer: object({ crmContactId: uuid, name: text, taxId: nullableText, email: nullableText }),
  opportunityTitle: text,
  currency: { type: 'string', pattern: '^[A-Z]{3}$' },
  lines: {
    type: 'array',
    items: object({
      position: integer,
      description: text,
      interestId: nullableUuid,
      quantity: decimal,
      unitPrice: decimal,
      discountPercent: decimal,
      taxPercent: decimal,
      gross: decimal,
      discount: decimal,
      net: decimal,
      tax: decimal,
      total: decimal,
    }),
  },
  taxes: { type: 'array', items: object({ ratePercent: decimal, base: decimal, tax: decimal }) },
  subtotal: moneyAmountSchema,
  discountTotal: moneyAmountSchema,
  taxTotal: moneyAmountSchema,
  validUntil: { type: 'string', format: 'date' },
  terms: nullableText,
  createdBy: uuid,
  wonOpportunity: { type: 'boolean' },
});

export const quoteRejectedSchema: JsonSchema = object({ ...(quoteEventSchema.properties as Record<string, JsonSchema>), reason: nullableText });

/**
 * `opportunities.quote.sent` adds what notifications needs to e-mail the quote: the customer's
 * primary e-mail and the PDF stored in S3 (object key of the document storage).
 */
export interface QuoteSentData extends QuoteEventData {
  recipient: { email: string; name: string };
  pdf: { objectKey: string; fileName: string };
  issuerName: string;
  opportunityTitle: string;
  validUntil: string;
  sellerName: string | null;
}

export const quoteSentSchema: JsonSchema = object({
  ...(quoteEventSchema.properties as Record<string, JsonSchema>),
  recipient: object({ email: text, name: text }),
  pdf: object({ objectKey: text, fileName: text }),
  issuerName: text,
  opportunityTitle: text,
  validUntil: { type: 'string', format: 'date' },
  sellerName: nullableText,
});

/**
 * `opportunities.quote.expired`: a sent quote's validity date is over — it expires the day after
 * `validUntil` at 00:00 in the tenant's time zone (`timeZone`). No actor: the scheduler did it.
 */
export interface QuoteExpiredData extends Omit<QuoteEventData, 'actorId'> {
  validUntil: string;
  timeZone: string;
  expiredAt: string;
  /** The seller who made the quote (additive): notifications tells them it expired. */
  createdBy?: string;
  /** The opportunity's title, for that e-mail (additive). */
  opportunityTitle?: string | null;
}

const quoteBaseWithoutActor = Object.fromEntries(Object.entries(quoteEventSchema.properties as Record<string, JsonSchema>).filter(([key]) => key !== 'actorId'));

/** Additive: `createdBy` and `opportunityTitle` came later and are not required. */
export const quoteExpiredSchema: JsonSchema = object(
  {
    ...quoteBaseWithoutActor,
    validUntil: { type: 'string', format: 'date' },
    timeZone: { type: 'string', description: 'IANA zone of the tenant, e.g. America/Bogota.' },
    expiredAt: dateTime,
    createdBy: { ...uuid, description: 'The seller who made the quote; notifications e-mails them.' },
    opportunityTitle: nullableText,
  },
  [...Object.keys(quoteBaseWithoutActor), 'validUntil', 'timeZone', 'expiredAt'],
);
