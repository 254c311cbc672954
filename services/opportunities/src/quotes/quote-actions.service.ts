import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '@crm/auth';
import { ProblemException } from '@crm/common';
import { OPPORTUNITIES_QUOTE_ACCEPTED, OPPORTUNITIES_QUOTE_REJECTED, OPPORTUNITIES_QUOTE_SENT, type QuoteEventData, type QuoteSentData } from '@crm/contracts';
import { DOCUMENT_STORAGE, newObjectKey, type DocumentStorage } from '@crm/storage';
import { OpportunityAccessService } from '../opportunities/opportunity-access.service.js';
import { OpportunityFunnelService } from '../opportunities/opportunity-funnel.service.js';
import { ContactsProjection } from '../projections/contacts-projection.service.js';
import { QuoteSettingsService } from '../quote-settings/quote-settings.service.js';
import { QuoteDocumentService } from './quote-document.service.js';
import { quoteAcceptedExtras } from './quote-events.js';
import { isPastValidity } from './quote-validity.js';
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
    private readonly documents: QuoteDocumentService,
    private readonly settings: QuoteSettingsService,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  /**
   * Marks the quote sent and hands it to notifications: the PDF is stored in S3 (before commit;
   * a rolled-back send leaves an unreferenced object, never an e-mail without its PDF) and
   * `opportunities.quote.sent` names it and the contact's primary e-mail. A sent quote may be
   * sent again (the e-mail goes again).
   */
  async send(user: AuthUser, id: string, version: number): Promise<QuoteView> {
    return this.quotes.change(user, id, version, async (em, quote, now) => {
      assertStatus(quote, ['draft', 'sent'], 'enviar');
      assertStillValid(quote, now, await this.settings.timeZoneFor(em, quote.tenantId));
      quote.status = 'sent';
      quote.sentAt = now;
      const { pdf, contact, opportunityTitle, sellerName, issuerName } = await this.documents.renderWithContext(em, quote);
      if (!contact?.email) throw new ProblemException(409, 'El contacto de la oportunidad no tiene correo electrónico principal; agréguelo antes de enviar la cotización.');
      const fileName = `${quote.number}.pdf`;
      const objectKey = newObjectKey(quote.tenantId, 'quotes', now);
      await this.storage.put(objectKey, pdf, { contentType: 'application/pdf', fileName });
      const data: Omit<QuoteSentData, keyof QuoteEventData> = {
        recipient: { email: contact.email, name: contact.displayName },
        pdf: { objectKey, fileName },
        issuerName,
        opportunityTitle,
        validUntil: quote.validUntil,
        sellerName,
      };
      return { type: OPPORTUNITIES_QUOTE_SENT, data };
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
      assertStillValid(quote, now, await this.settings.timeZoneFor(em, quote.tenantId));
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

/**
 * Past its validity date (in the tenant's time zone) a quote can no longer be sent or accepted
 * (edit validUntil first), even before the expiry scheduler has marked it expired.
 */
export function assertStillValid(quote: Quote, now: Date, timeZone: string): void {
  if (isPastValidity(quote.validUntil, now, timeZone)) throw new ProblemException(409, `La cotización venció el ${quote.validUntil}; actualice la fecha de validez.`);
}
