import { dateTime, object, text, type JsonSchema } from '../json-schema.js';

/**
 * Events the ERP's sales and finance modules publish on their exchange `erp.events` (routing key
 * = type, CloudEvents 1.0 JSON body with `tenantid`) and the CRM accepts. The ERP is the system
 * of record for money: the CRM keeps a copy per customer (contacts.account_status and the
 * purchase history) and never publishes these types itself.
 */
export const ERP_SALES_INVOICE_ISSUED = 'sales.invoice.issued';
export const ERP_FINANCE_PAYMENT_RECEIVED = 'finance.payment.received';
export const ERP_FINANCE_ACCOUNT_STATEMENT_UPDATED = 'finance.account_statement.updated';

export const ERP_SALES_ORDER_CREATED = 'sales.order.created';

export const ERP_EVENT_TYPES = [ERP_SALES_INVOICE_ISSUED, ERP_FINANCE_PAYMENT_RECEIVED, ERP_FINANCE_ACCOUNT_STATEMENT_UPDATED, ERP_SALES_ORDER_CREATED] as const;

/** Money as the ERP sends it: a decimal string (never a float) and an ISO-4217 code. */
export interface ErpMoney {
  amount: string;
  currency: string;
}

/**
 * Who the event is about. `crmContactId` (the contact's id in the CRM, which the ERP got from
 * `contacts.contact.converted`) is preferred; otherwise `customerTaxId` (NIT, RUT, CIF…), matched
 * after removing punctuation and spaces, upper-cased. One of the two is required.
 */
export interface ErpCustomerRef {
  crmContactId?: string;
  customerTaxId?: string;
}

export const ERP_INVOICE_STATUSES = ['open', 'paid', 'cancelled'] as const;
export type ErpInvoiceStatus = (typeof ERP_INVOICE_STATUSES)[number];

export interface ErpInvoiceIssuedData extends ErpCustomerRef {
  /** The ERP's id of the invoice (stable; a re-sent invoice with the same id updates it). */
  invoiceId: string;
  /** Printed number, e.g. "FV-1001". */
  invoiceNumber: string;
  issuedAt: string;
  /** Calendar date YYYY-MM-DD. */
  dueDate?: string | null;
  total: ErpMoney;
  /** Default `open`. */
  status?: ErpInvoiceStatus;
}

export interface ErpPaymentApplication {
  invoiceId: string;
  amount: ErpMoney;
}

export interface ErpPaymentReceivedData extends ErpCustomerRef {
  paymentId: string;
  /** Receipt number (recibo de caja), shown to users. */
  reference?: string | null;
  receivedAt: string;
  amount: ErpMoney;
  /** e.g. transferencia, efectivo, tarjeta. */
  method?: string | null;
  /** Invoices this payment settles (fully or partly). */
  appliedTo?: ErpPaymentApplication[];
}

export interface ErpAccountStatementUpdatedData extends ErpCustomerRef {
  /** The moment the figures are valid for; an older statement never overwrites a newer one. */
  asOf: string;
  balance: ErpMoney;
  overdue: ErpMoney;
  creditLimit?: ErpMoney | null;
}

export const erpMoneySchema: JsonSchema = object({
  amount: { type: 'string', pattern: '^-?\\d{1,15}(\\.\\d{1,4})?$', description: 'Decimal string, e.g. "1250000.00".' },
  currency: { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO-4217 code, e.g. COP.' },
});

const customerRef = {
  crmContactId: { type: 'string', format: 'uuid', description: 'Contact id in the CRM (preferred).' },
  customerTaxId: { type: 'string', minLength: 3, description: 'NIT/RUT/CIF; compared without punctuation, upper-cased. Used when crmContactId is absent.' },
} satisfies Record<string, JsonSchema>;

const date: JsonSchema = { type: ['string', 'null'], format: 'date', description: 'YYYY-MM-DD' };

export const erpInvoiceIssuedSchema: JsonSchema = object(
  {
    ...customerRef,
    invoiceId: { type: 'string', minLength: 1 },
    invoiceNumber: { type: 'string', minLength: 1 },
    issuedAt: dateTime,
    dueDate: date,
    total: erpMoneySchema,
    status: { type: 'string', enum: ERP_INVOICE_STATUSES },
  },
  ['invoiceId', 'invoiceNumber', 'issuedAt', 'total'],
);

export const erpPaymentReceivedSchema: JsonSchema = object(
  {
    ...customerRef,
    paymentId: { type: 'string', minLength: 1 },
    reference: { type: ['string', 'null'] },
    receivedAt: dateTime,
    amount: erpMoneySchema,
    method: { type: ['string', 'null'] },
    appliedTo: { type: 'array', items: object({ invoiceId: text, amount: erpMoneySchema }) },
  },
  ['paymentId', 'receivedAt', 'amount'],
);

export const erpAccountStatementUpdatedSchema: JsonSchema = object(
  {
    ...customerRef,
    asOf: dateTime,
    balance: erpMoneySchema,
    overdue: erpMoneySchema,
    creditLimit: { ...erpMoneySchema, type: ['object', 'null'] },
  },
  ['asOf', 'balance', 'overdue'],
);

/**
 * The ERP created a sales order, usually from an accepted quote (`opportunities.quote.accepted`).
 * `crmQuoteId` (preferred) or `quoteNumber` links it back to the quote and its opportunity.
 */
export interface ErpSalesOrderCreatedData extends ErpCustomerRef {
  /** The ERP's id of the order (a re-sent order with the same id changes nothing). */
  orderId: string;
  /** Printed number, e.g. "PV-2026-0042". */
  orderNumber: string;
  createdAt: string;
  crmQuoteId?: string;
  /** e.g. COT-2026-000123; used when crmQuoteId is absent. */
  quoteNumber?: string;
  total?: ErpMoney;
}

export const erpSalesOrderCreatedSchema: JsonSchema = object(
  {
    ...customerRef,
    orderId: { type: 'string', minLength: 1 },
    orderNumber: { type: 'string', minLength: 1 },
    createdAt: dateTime,
    crmQuoteId: { type: 'string', format: 'uuid', description: 'The quote id in the CRM (preferred).' },
    quoteNumber: { type: 'string', minLength: 1, description: 'The quote number (COT-2026-000123) when crmQuoteId is absent.' },
    total: erpMoneySchema,
  },
  ['orderId', 'orderNumber', 'createdAt'],
);
