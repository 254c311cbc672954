import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { ContactsProjection, type ContactRefView } from '../projections/contacts-projection.service.js';
import { UsersProjection } from '../projections/users-projection.service.js';
import { Opportunity } from '../opportunities/opportunity.entity.js';
import { QuoteSettingsService } from '../quote-settings/quote-settings.service.js';
import { renderQuotePdf } from './quote-pdf.renderer.js';
import type { Quote } from './quote.entity.js';
import { toQuoteView } from './quote.view.js';
import { QuotesService } from './quotes.service.js';

/** The quote as a PDF: what the customer receives (GET /quotes/{id}/pdf and the e-mail). */
@Injectable()
export class QuoteDocumentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly quotes: QuotesService,
    private readonly contacts: ContactsProjection,
    private readonly users: UsersProjection,
    private readonly settings: QuoteSettingsService,
  ) {}

  async pdfFor(user: AuthUser, id: string): Promise<{ number: string; pdf: Buffer }> {
    const quote = await this.quotes.findVisible(user, id);
    return { number: quote.number, pdf: await this.render(this.dataSource.manager, quote) };
  }

  async render(em: EntityManager, quote: Quote): Promise<Buffer> {
    return (await this.renderWithContext(em, quote)).pdf;
  }

  /** The PDF and what it was made from (the e-mail needs the same customer and names). */
  async renderWithContext(
    em: EntityManager,
    quote: Quote,
  ): Promise<{ pdf: Buffer; contact: ContactRefView | null; opportunityTitle: string; sellerName: string | null; issuerName: string }> {
    // One after the other: a transaction's manager runs one query at a time.
    const contact = await this.contacts.find(em, quote.tenantId, quote.contactId);
    const opportunity = await em.findOneByOrFail(Opportunity, { tenantId: quote.tenantId, id: quote.opportunityId });
    const seller = await this.users.find(em, quote.tenantId, quote.createdBy);
    const issuer = await this.settings.issuerFor(em, quote.tenantId);
    const pdf = await renderQuotePdf({
      quote: toQuoteView(quote),
      issuer,
      customer: { name: contact?.displayName ?? 'Cliente', taxId: contact?.taxId ?? null, email: contact?.email ?? null, phone: contact?.phone ?? null },
      opportunityTitle: opportunity.title,
      sellerName: seller?.name ?? null,
      issuedOn: (quote.sentAt ?? quote.updatedAt).toISOString().slice(0, 10),
    });
    return { pdf, contact, opportunityTitle: opportunity.title, sellerName: seller?.name ?? null, issuerName: issuer.name };
  }
}
