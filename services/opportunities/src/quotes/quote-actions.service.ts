import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@crm/auth';
import { ProblemException } from '@crm/common';
import { OPPORTUNITIES_QUOTE_ACCEPTED, OPPORTUNITIES_QUOTE_REJECTED, OPPORTUNITIES_QUOTE_SENT } from '@crm/contracts';
import { OpportunityAccessService } from '../opportunities/opportunity-access.service.js';
import { OpportunityFunnelService } from '../opportunities/opportunity-funnel.service.js';
import { ContactsProjection } from '../projections/contacts-projection.service.js';
import { quoteAcceptedExtras } from './quote-events.js';
import type { Quote } from './quote.entity.js';
import type { QuoteView } from './quote.view.js';
import { QuotesService, STATUS_ES } from './quotes.service.js';

/** Status moves of a quote: draft → sent → accepted / rejected / expired. */
@Injectable()
export class QuoteActionsService {
  constructor(
    private readonly quotes: QuotesService,
    private readonly access: OpportunityAccessService,
    private readonly funnel: OpportunityFunnelService,
    private readonly contacts: ContactsProjection,
  ) {}

  /** Marks the quote sent (a sent quote may be sent again, e.g. to resend the e-mail). */
  async send(user: AuthUser, id: string, version: number): Promise<QuoteView> {
    return this.quotes.change(user, id, version, async (_em, quote, now) => {
      assertStatus(quote, ['draft', 'sent'], 'enviar');
      assertStillValid(quote, now);
      quote.status = 'sent';
      quote.sentAt = now;
      return { type: OPPORTUNITIES_QUOTE_SENT };
    });
  }

  /**
   * The customer accepted a sent quote: publishes everything the ERP needs for the sales order
   * and, with `winOpportunity`, wins the opportunity in the same transaction (409 if it is not
   * open — then nothing changes).
   */
  async accept(user: AuthUser, id: string, winOpportunity: boolean, version: number): Promise<QuoteView> {
    return this.quotes.change(user, id, version, async (em, quote, now) => {
      assertStatus(quote, ['sent'], 'aceptar');
      assertStillValid(quote, now);
      quote.status = 'accepted';
      quote.acceptedAt = now;
      const opportunity = await this.access.findVisible(user, quote.opportunityId, em, true);
      if (winOpportunity) await this.funnel.winIn(em, user, opportunity);
      const contact = await this.contacts.find(em, quote.tenantId, quote.contactId);
      return { type: OPPORTUNITIES_QUOTE_ACCEPTED, data: quoteAcceptedExtras(quote, contact, opportunity.title, winOpportunity) };
    });
  }

  async reject(user: AuthUser, id: string, reason: string | undefined, version: number): Promise<QuoteView> {
    return this.quotes.change(user, id, version, async (_em, quote, now) => {
      assertStatus(quote, ['sent'], 'rechazar');
      quote.status = 'rejected';
      quote.rejectedAt = now;
      quote.rejectionReason = reason?.trim() || null;
      return { type: OPPORTUNITIES_QUOTE_REJECTED, data: { reason: quote.rejectionReason } };
    });
  }
}

export function assertStatus(quote: Quote, allowed: readonly Quote['status'][], verb: string): void {
  if (!allowed.includes(quote.status)) throw new ProblemException(409, `No se puede ${verb} una cotización ${STATUS_ES[quote.status]}.`);
}

/** Past its validity date a quote can no longer be sent or accepted (edit validUntil first). */
export function assertStillValid(quote: Quote, now: Date): void {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Bogota' }).format(now);
  if (quote.validUntil < today) throw new ProblemException(409, `La cotización venció el ${quote.validUntil}; actualice la fecha de validez.`);
}
