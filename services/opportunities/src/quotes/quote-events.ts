import type { QuoteAcceptedData, QuoteEventData } from '@crm/contracts';
import type { ContactRefView } from '../projections/contacts-projection.service.js';
import type { Quote } from './quote.entity.js';

export function quoteEventData(quote: Quote, actorId: string, at: Date): QuoteEventData {
  return {
    quoteId: quote.id,
    opportunityId: quote.opportunityId,
    contactId: quote.contactId,
    number: quote.number,
    revision: quote.revision,
    total: { amount: quote.total, currency: quote.currency },
    actorId,
    occurredAt: at.toISOString(),
    version: quote.version,
  };
}

/** What `opportunities.quote.accepted` adds for the ERP's sales order (customer with tax id, lines, taxes, totals). */
export function quoteAcceptedExtras(quote: Quote, contact: ContactRefView | null, opportunityTitle: string, wonOpportunity: boolean): Omit<QuoteAcceptedData, keyof QuoteEventData> {
  const money = (amount: string) => ({ amount, currency: quote.currency });
  return {
    customer: { crmContactId: quote.contactId, name: contact?.displayName ?? '', taxId: contact?.taxId ?? null, email: contact?.email ?? null },
    opportunityTitle,
    currency: quote.currency,
    lines: quote.lines.map((line) => ({ ...line })),
    taxes: quote.taxes,
    subtotal: money(quote.subtotal),
    discountTotal: money(quote.discountTotal),
    taxTotal: money(quote.taxTotal),
    validUntil: quote.validUntil,
    terms: quote.terms,
    createdBy: quote.createdBy,
    wonOpportunity,
  };
}
