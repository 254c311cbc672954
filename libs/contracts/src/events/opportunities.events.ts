import { dateTime, nullableUuid, object, text, uuid, type JsonSchema } from '../json-schema.js';

export const OPPORTUNITIES_OPPORTUNITY_WON = 'opportunities.opportunity.won';

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
}

export const opportunityWonSchema = object(
  {
    opportunityId: uuid,
    contactId: uuid,
    amount: moneyAmountSchema,
    wonAt: dateTime,
    ownerId: uuid,
    pipelineId: nullableUuid,
    title: text,
  },
  ['opportunityId', 'contactId', 'amount', 'wonAt', 'ownerId', 'pipelineId'],
);
