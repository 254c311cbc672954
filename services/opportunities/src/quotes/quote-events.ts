import type { QuoteEventData } from '@crm/contracts';
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
