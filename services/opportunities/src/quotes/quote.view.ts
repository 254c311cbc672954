import type { Quote, QuoteStatus } from './quote.entity.js';
import type { StoredQuoteLine } from './quote-line.js';
import { formatScaled, MONEY_SCALE, parseScaled } from './quote-money.js';

export interface QuoteView {
  id: string;
  opportunityId: string;
  contactId: string;
  number: string;
  revision: number;
  status: QuoteStatus;
  currency: string;
  validUntil: string;
  terms: string | null;
  lines: StoredQuoteLine[];
  subtotal: string;
  discountTotal: string;
  taxableTotal: string;
  taxTotal: string;
  total: string;
  taxes: { ratePercent: string; base: string; tax: string }[];
  sentAt: string | null;
  acceptedAt: string | null;
  rejectedAt: string | null;
  expiredAt: string | null;
  rejectionReason: string | null;
  erpOrder: { id: string | null; number: string } | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** numeric comes back from pg as "1234.50"; keep it a string. */
export function toQuoteView(quote: Quote): QuoteView {
  const cents = (value: string) => parseScaled(value, MONEY_SCALE) ?? 0n;
  return {
    id: quote.id,
    opportunityId: quote.opportunityId,
    contactId: quote.contactId,
    number: quote.number,
    revision: quote.revision,
    status: quote.status,
    currency: quote.currency,
    validUntil: quote.validUntil,
    terms: quote.terms,
    lines: quote.lines,
    subtotal: quote.subtotal,
    discountTotal: quote.discountTotal,
    taxableTotal: formatScaled(cents(quote.subtotal) - cents(quote.discountTotal), MONEY_SCALE),
    taxTotal: quote.taxTotal,
    total: quote.total,
    taxes: quote.taxes,
    sentAt: quote.sentAt?.toISOString() ?? null,
    acceptedAt: quote.acceptedAt?.toISOString() ?? null,
    rejectedAt: quote.rejectedAt?.toISOString() ?? null,
    expiredAt: quote.expiredAt?.toISOString() ?? null,
    rejectionReason: quote.rejectionReason,
    erpOrder: quote.erpOrderNumber ? { id: quote.erpOrderId, number: quote.erpOrderNumber } : null,
    createdBy: quote.createdBy,
    createdAt: quote.createdAt.toISOString(),
    updatedAt: quote.updatedAt.toISOString(),
    version: quote.version,
  };
}
