import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { canWrite, type AuthUser } from '@crm/auth';
import { ProblemException, Problems } from '@crm/common';
import { OPPORTUNITIES_QUOTE_CREATED } from '@crm/contracts';
import { assertVersion } from '@crm/database';
import { OutboxService } from '@crm/messaging';
import { OpportunityAccessService } from '../opportunities/opportunity-access.service.js';
import type { CreateQuoteDto } from './dto/create-quote.dto.js';
import type { UpdateQuoteDto } from './dto/update-quote.dto.js';
import { quoteEventData } from './quote-events.js';
import { priceLines } from './quote-line.js';
import { nextQuoteNumber } from './quote-numbering.js';
import { Quote } from './quote.entity.js';
import { toQuoteView, type QuoteView } from './quote.view.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_VALIDITY_DAYS = 30;

/**
 * Quotes of an opportunity. A quote is visible exactly when its opportunity is (404 otherwise).
 * A draft is edited in place; editing a sent quote keeps the sent revision whole in
 * quote_revision and continues as a new draft revision (an expired one too: a renewed offer).
 * Accepted and rejected quotes are final.
 */
@Injectable()
export class QuotesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OpportunityAccessService,
    private readonly outbox: OutboxService,
  ) {}

  async create(user: AuthUser, opportunityId: string, dto: CreateQuoteDto): Promise<QuoteView> {
    if (!canWrite(user)) throw Problems.forbidden();
    return this.dataSource.transaction(async (em) => {
      const opportunity = await this.access.findVisible(user, opportunityId, em);
      const now = new Date();
      const { lines, amounts } = priceLines(dto.lines);
      const quote = em.create(Quote, {
        tenantId: user.tenantId,
        opportunityId: opportunity.id,
        contactId: opportunity.contactId,
        number: await nextQuoteNumber(em, user.tenantId, now),
        revision: 1,
        status: 'draft',
        currency: opportunity.currency,
        validUntil: dto.validUntil ?? addDays(now, DEFAULT_VALIDITY_DAYS),
        terms: dto.terms?.trim() || null,
        lines,
        subtotal: amounts.subtotal,
        discountTotal: amounts.discountTotal,
        taxTotal: amounts.taxTotal,
        total: amounts.total,
        taxes: amounts.taxes,
        sentAt: null,
        acceptedAt: null,
        rejectedAt: null,
        expiredAt: null,
        rejectionReason: null,
        erpOrderId: null,
        erpOrderNumber: null,
        createdBy: user.id,
        updatedBy: user.id,
      });
      await em.save(quote);
      await this.access.touchActivity(em, user.tenantId, opportunity.id, now);
      await this.outbox.publish(em, { type: OPPORTUNITIES_QUOTE_CREATED, subject: opportunity.id, tenantId: user.tenantId, data: quoteEventData(quote, user.id, now) });
      return toQuoteView(quote);
    });
  }

  async listForOpportunity(user: AuthUser, opportunityId: string): Promise<{ items: QuoteView[] }> {
    const opportunity = await this.access.findVisible(user, opportunityId);
    const quotes = await this.dataSource.manager.find(Quote, { where: { tenantId: user.tenantId, opportunityId: opportunity.id }, order: { createdAt: 'ASC', id: 'ASC' } });
    return { items: quotes.map(toQuoteView) };
  }

  async get(user: AuthUser, id: string): Promise<QuoteView> {
    return toQuoteView(await this.findVisible(user, id));
  }

  /** Earlier revisions, oldest first, each as it was when replaced. */
  async revisions(user: AuthUser, id: string): Promise<{ items: unknown[] }> {
    const quote = await this.findVisible(user, id);
    const rows = (await this.dataSource.query('SELECT snapshot, replaced_by, replaced_at FROM opportunities.quote_revision WHERE quote_id = $1 ORDER BY revision', [quote.id])) as {
      snapshot: QuoteView;
      replaced_by: string;
      replaced_at: Date;
    }[];
    return { items: rows.map((row) => ({ ...row.snapshot, replacedBy: row.replaced_by, replacedAt: row.replaced_at.toISOString() })) };
  }

  async update(user: AuthUser, id: string, dto: Omit<UpdateQuoteDto, 'version'>, version: number): Promise<QuoteView> {
    return this.change(user, id, version, async (em, quote, now) => {
      if (quote.status === 'accepted' || quote.status === 'rejected') throw new ProblemException(409, `La cotización está ${STATUS_ES[quote.status]}; ya no se puede modificar.`);
      if (quote.status === 'sent' || quote.status === 'expired') {
        // The customer has the sent (or expired) revision: keep it whole and continue as a new draft revision.
        await em.query('INSERT INTO opportunities.quote_revision (quote_id, revision, tenant_id, snapshot, replaced_by, replaced_at) VALUES ($1, $2, $3, $4, $5, $6)', [
          quote.id,
          quote.revision,
          quote.tenantId,
          JSON.stringify(toQuoteView(quote)),
          user.id,
          now,
        ]);
        quote.revision += 1;
        quote.status = 'draft';
        quote.sentAt = null;
        quote.expiredAt = null;
      }
      if (dto.lines) {
        const { lines, amounts } = priceLines(dto.lines);
        Object.assign(quote, { lines, subtotal: amounts.subtotal, discountTotal: amounts.discountTotal, taxTotal: amounts.taxTotal, total: amounts.total, taxes: amounts.taxes });
      }
      if (dto.validUntil !== undefined) quote.validUntil = dto.validUntil;
      if (dto.terms !== undefined) quote.terms = dto.terms?.trim() || null;
      return null;
    });
  }

  /**
   * The common shape of every change: the quote locked and visible, the version checked, `work`
   * mutates it (and may return an event to publish), saved with the event in one transaction.
   */
  async change(user: AuthUser, id: string, version: number, work: (em: EntityManager, quote: Quote, now: Date) => Promise<{ type: string; data?: object } | null>): Promise<QuoteView> {
    if (!canWrite(user)) throw Problems.forbidden();
    return this.dataSource.transaction(async (em) => {
      const quote = await this.findVisible(user, id, em, true);
      assertVersion(quote, version);
      const now = new Date();
      const event = await work(em, quote, now);
      quote.updatedBy = user.id;
      await em.save(quote);
      await this.access.touchActivity(em, user.tenantId, quote.opportunityId, now);
      if (event) await this.outbox.publish(em, { type: event.type, subject: quote.opportunityId, tenantId: user.tenantId, data: { ...quoteEventData(quote, user.id, now), ...event.data } });
      return toQuoteView(quote);
    });
  }

  /** The quote when its opportunity is visible to the caller; 404 otherwise. */
  async findVisible(user: AuthUser, id: string, em: EntityManager = this.dataSource.manager, lock = false): Promise<Quote> {
    const notFound = () => Problems.notFound('La cotización no existe o no es visible para usted.');
    if (!UUID.test(id)) throw notFound();
    const quote = await em.findOne(Quote, { where: { tenantId: user.tenantId, id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!quote) throw notFound();
    try {
      await this.access.findVisible(user, quote.opportunityId, em);
    } catch {
      throw notFound();
    }
    return quote;
  }
}

export const STATUS_ES: Record<Quote['status'], string> = { draft: 'en borrador', sent: 'enviada', accepted: 'aceptada', rejected: 'rechazada', expired: 'vencida' };

function addDays(from: Date, days: number): string {
  return new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
