import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@crm/auth';
import { ProblemException } from '@crm/common';
import { OPPORTUNITIES_QUOTE_REJECTED, OPPORTUNITIES_QUOTE_SENT } from '@crm/contracts';
import type { Quote } from './quote.entity.js';
import type { QuoteView } from './quote.view.js';
import { QuotesService, STATUS_ES } from './quotes.service.js';

/** Status moves of a quote: draft → sent → accepted / rejected / expired. */
@Injectable()
export class QuoteActionsService {
  constructor(private readonly quotes: QuotesService) {}

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

  async reject(user: AuthUser, id: string, reason: string | undefined, version: number): Promise<QuoteView> {
    return this.quotes.change(user, id, version, async (_em, quote, now) => {
      assertStatus(quote, ['sent'], 'rechazar');
      quote.status = 'rejected';
      quote.rejectedAt = now;
      quote.rejectionReason = reason?.trim() || null;
      return { type: OPPORTUNITIES_QUOTE_REJECTED, data: { reason: quote.rejectionReason, status: 'rejected' } };
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
