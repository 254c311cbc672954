import { dateTime, integer, nullableText, nullableUuid, object, text, uuid, type JsonSchema } from '../../json-schema.js';
import { CONTACT_KINDS, CONTACT_LIFECYCLES, type ContactKind, type ContactLifecycle, type FieldChange } from './contacts.events.js';
import { moneyAmountSchema, type MoneyAmount } from '../opportunities/opportunities.events.js';

export const CONTACTS_CONTACT_CONVERTED = 'contacts.contact.converted';
export const CONTACTS_SOURCE_CHANGED = 'contacts.source.changed';
export const CONTACTS_INTEREST_CHANGED = 'contacts.interest.changed';

/** Lifecycles a contact can be converted to (POST /contacts/{id}/convert). */
export const CONVERSION_TARGETS = ['prospect', 'customer', 'supplier'] as const;
export type ConversionTarget = (typeof CONVERSION_TARGETS)[number];

/** What caused a conversion: a person clicking "convert", or a won opportunity. */
export const CONVERSION_TRIGGERS = ['manual', 'opportunity_won'] as const;
export type ConversionTrigger = (typeof CONVERSION_TRIGGERS)[number];

/**
 * Channels of a source of capture (fuente de captación): web (sitio web), trade_show (feria),
 * referral (referido), social_media (redes sociales), phone (llamada), email (correo),
 * advertising (publicidad), partner (aliado), other (otro).
 */
export const SOURCE_CHANNELS = ['web', 'trade_show', 'referral', 'social_media', 'phone', 'email', 'advertising', 'partner', 'other'] as const;
export type SourceChannel = (typeof SOURCE_CHANNELS)[number];

export interface PostalAddress {
  street: string | null;
  city: string | null;
  /** Departamento, provincia, estado. */
  region: string | null;
  postalCode: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
}

/** The person the ERP should address: for a person, itself; for an organisation, its primary person. */
export interface ConvertedPrimaryContact {
  contactId: string;
  name: string;
  email: string | null;
  phone: string | null;
  position: string | null;
}

/**
 * A contact moved along its lifecycle. When `to` is `customer` or `supplier` the ERP creates (or
 * links) its customer or supplier record from this payload; it carries everything needed.
 */
export interface ContactConvertedData {
  contactId: string;
  /** Same as contactId, named for the ERP's external-reference field. */
  crmContactId: string;
  kind: ContactKind;
  /** Company name for organisations, "first last" for people. */
  legalName: string;
  taxId: string | null;
  address: PostalAddress;
  email: string | null;
  phone: string | null;
  primaryContact: ConvertedPrimaryContact | null;
  /** The organisation a person belongs to, if any. */
  companyId: string | null;
  from: ContactLifecycle;
  to: ConversionTarget;
  /** After this conversion: is it a customer, a supplier (both can be true). */
  isCustomer: boolean;
  isSupplier: boolean;
  trigger: ConversionTrigger;
  /** The won opportunity that caused it (trigger opportunity_won). */
  opportunityId: string | null;
  ownerId: string | null;
  convertedBy: string;
  convertedAt: string;
  version: number;
}

export interface DatePeriod {
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD, inclusive. */
  to: string;
}

/** A source of capture was created or changed (name, channel, cost and period for reporting). */
export interface SourceChangedData {
  sourceId: string;
  change: 'created' | 'updated';
  name: string;
  notes: string | null;
  channel: SourceChannel;
  /** What the source cost over `period`; reporting divides it by the contacts it brought. */
  cost: MoneyAmount | null;
  period: DatePeriod | null;
  active: boolean;
  /** For `updated`: which fields went from what to what. */
  changes: FieldChange[];
  changedBy: string;
  changedAt: string;
  version: number;
}

/** A product or service of interest was created or changed. */
export interface InterestChangedData {
  interestId: string;
  change: 'created' | 'updated';
  name: string;
  description: string | null;
  active: boolean;
  changes: FieldChange[];
  changedBy: string;
  changedAt: string;
  version: number;
}

const date: JsonSchema = { type: 'string', format: 'date' };
const changes: JsonSchema = { type: 'array', items: object({ field: text, from: {}, to: {} }, ['field']) };

const postalAddressSchema = object({ street: nullableText, city: nullableText, region: nullableText, postalCode: nullableText, country: nullableText });

export const contactConvertedSchema = object({
  contactId: uuid,
  crmContactId: uuid,
  kind: { type: 'string', enum: CONTACT_KINDS },
  legalName: text,
  taxId: nullableText,
  address: postalAddressSchema,
  email: nullableText,
  phone: nullableText,
  primaryContact: {
    oneOf: [{ type: 'null' }, object({ contactId: uuid, name: text, email: nullableText, phone: nullableText, position: nullableText })],
  },
  companyId: nullableUuid,
  from: { type: 'string', enum: CONTACT_LIFECYCLES },
  to: { type: 'string', enum: CONVERSION_TARGETS },
  isCustomer: { type: 'boolean' },
  isSupplier: { type: 'boolean' },
  trigger: { type: 'string', enum: CONVERSION_TRIGGERS },
  opportunityId: nullableUuid,
  ownerId: nullableUuid,
  convertedBy: uuid,
  convertedAt: dateTime,
  version: integer,
});

export const sourceChangedSchema = object({
  sourceId: uuid,
  change: { type: 'string', enum: ['created', 'updated'] },
  name: text,
  notes: nullableText,
  channel: { type: 'string', enum: SOURCE_CHANNELS },
  cost: { oneOf: [{ type: 'null' }, moneyAmountSchema] },
  period: { oneOf: [{ type: 'null' }, object({ from: date, to: date })] },
  active: { type: 'boolean' },
  changes,
  changedBy: uuid,
  changedAt: dateTime,
  version: integer,
});

export const interestChangedSchema = object({
  interestId: uuid,
  change: { type: 'string', enum: ['created', 'updated'] },
  name: text,
  description: nullableText,
  active: { type: 'boolean' },
  changes,
  changedBy: uuid,
  changedAt: dateTime,
  version: integer,
});
