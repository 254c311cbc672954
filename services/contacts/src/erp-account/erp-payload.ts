import type { ErpAccountStatementUpdatedData, ErpCustomerRef, ErpInvoiceIssuedData, ErpInvoiceStatus, ErpMoney, ErpPaymentReceivedData } from '@crm/contracts';
import { ERP_INVOICE_STATUSES } from '@crm/contracts';
import { isUuid } from '@crm/common';

/** A payload that cannot be stored as it is: kept in erp_unmatched with this reason, never retried. */
export class InvalidErpPayload extends Error {
  override readonly name = 'InvalidErpPayload';
}

const AMOUNT = /^-?\d{1,15}(\.\d{1,4})?$/;
const CURRENCY = /^[A-Z]{3}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_ID = 100;

export interface CustomerRef {
  crmContactId: string | null;
  customerTaxId: string | null;
}

export interface ParsedInvoice extends CustomerRef {
  invoiceId: string;
  invoiceNumber: string;
  issuedAt: Date;
  dueDate: string | null;
  total: ErpMoney;
  status: ErpInvoiceStatus;
}

export interface ParsedPayment extends CustomerRef {
  paymentId: string;
  reference: string | null;
  receivedAt: Date;
  amount: ErpMoney;
  method: string | null;
  appliedTo: { invoiceId: string; amount: string }[];
}

export interface ParsedStatement extends CustomerRef {
  asOf: Date;
  balance: ErpMoney;
  overdue: ErpMoney;
  creditLimit: ErpMoney | null;
}

/** "900.123.456-7" → "9001234567": how ERP and CRM tax ids are compared. */
export function normaliseTaxId(value: string): string {
  return value.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
}

export function parseInvoice(data: unknown): ParsedInvoice {
  const d = record(data) as Partial<ErpInvoiceIssuedData>;
  const status = d.status ?? 'open';
  if (!(ERP_INVOICE_STATUSES as readonly string[]).includes(status)) throw new InvalidErpPayload(`status must be one of ${ERP_INVOICE_STATUSES.join(', ')}`);
  return {
    ...customer(d),
    invoiceId: id(d.invoiceId, 'invoiceId'),
    invoiceNumber: id(d.invoiceNumber, 'invoiceNumber'),
    issuedAt: instant(d.issuedAt, 'issuedAt'),
    dueDate: calendarDate(d.dueDate, 'dueDate'),
    total: money(d.total, 'total'),
    status,
  };
}

export function parsePayment(data: unknown): ParsedPayment {
  const d = record(data) as Partial<ErpPaymentReceivedData>;
  const amount = money(d.amount, 'amount');
  if (d.appliedTo !== undefined && !Array.isArray(d.appliedTo)) throw new InvalidErpPayload('appliedTo must be an array');
  const appliedTo = (d.appliedTo ?? []).map((application, index) => {
    const applied = money(application?.amount, `appliedTo[${index}].amount`);
    if (applied.currency !== amount.currency) throw new InvalidErpPayload(`appliedTo[${index}].amount must be in ${amount.currency}`);
    return { invoiceId: id(application?.invoiceId, `appliedTo[${index}].invoiceId`), amount: applied.amount };
  });
  return {
    ...customer(d),
    paymentId: id(d.paymentId, 'paymentId'),
    reference: optionalText(d.reference, 'reference'),
    receivedAt: instant(d.receivedAt, 'receivedAt'),
    amount,
    method: optionalText(d.method, 'method'),
    appliedTo,
  };
}

export function parseStatement(data: unknown): ParsedStatement {
  const d = record(data) as Partial<ErpAccountStatementUpdatedData>;
  const balance = money(d.balance, 'balance');
  const overdue = money(d.overdue, 'overdue');
  const creditLimit = d.creditLimit === undefined || d.creditLimit === null ? null : money(d.creditLimit, 'creditLimit');
  for (const [field, value] of [
    ['overdue', overdue],
    ['creditLimit', creditLimit],
  ] as const) {
    if (value && value.currency !== balance.currency) throw new InvalidErpPayload(`${field} must be in the balance's currency (${balance.currency})`);
  }
  return { ...customer(d), asOf: instant(d.asOf, 'asOf'), balance, overdue, creditLimit };
}

function record(data: unknown): Record<string, unknown> {
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new InvalidErpPayload('data must be an object');
  return data as Record<string, unknown>;
}

function customer(d: ErpCustomerRef): CustomerRef {
  const crmContactId = d.crmContactId ?? null;
  if (crmContactId !== null && (typeof crmContactId !== 'string' || !isUuid(crmContactId))) throw new InvalidErpPayload('crmContactId must be a UUID');
  const taxId = d.customerTaxId ?? null;
  if (taxId !== null && (typeof taxId !== 'string' || normaliseTaxId(taxId).length < 3 || taxId.length > 40)) {
    throw new InvalidErpPayload('customerTaxId must have at least 3 letters or digits');
  }
  if (!crmContactId && !taxId) throw new InvalidErpPayload('crmContactId or customerTaxId is required');
  return { crmContactId, customerTaxId: taxId };
}

function id(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > MAX_ID) throw new InvalidErpPayload(`${field} must be a non-empty string of at most ${MAX_ID} characters`);
  return value.trim();
}

function optionalText(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length > 200) throw new InvalidErpPayload(`${field} must be a string of at most 200 characters`);
  return value;
}

function instant(value: unknown, field: string): Date {
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) throw new InvalidErpPayload(`${field} must be an ISO-8601 date-time`);
  return date;
}

function calendarDate(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(new Date(`${value}T00:00:00Z`).getTime())) throw new InvalidErpPayload(`${field} must be YYYY-MM-DD`);
  return value;
}

function money(value: unknown, field: string): ErpMoney {
  const m = value as Partial<ErpMoney> | null | undefined;
  if (!m || typeof m !== 'object' || typeof m.amount !== 'string' || !AMOUNT.test(m.amount) || typeof m.currency !== 'string' || !CURRENCY.test(m.currency)) {
    throw new InvalidErpPayload(`${field} must be { amount: decimal string, currency: ISO-4217 }`);
  }
  return { amount: m.amount, currency: m.currency };
}
