import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@crm/database';
import type { StoredQuoteLine } from './quote-line.js';

export const QUOTE_STATUSES = ['draft', 'sent', 'accepted', 'rejected', 'expired'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

/**
 * A quote (presupuesto) of an opportunity: the current revision's lines and totals. Money is
 * numeric(18,2) read as decimal strings; figures come from quote-money (exact, half-up).
 */
@Entity({ name: 'quote' })
export class Quote extends TenantEntity {
  @Column({ name: 'opportunity_id', type: 'uuid' })
  opportunityId: string;

  @Column({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  /** COT-<year>-<6 digits>, gapless per tenant and year. */
  @Column({ type: 'text', update: false })
  number: string;

  @Column({ type: 'int' })
  revision: number;

  @Column({ type: 'text' })
  status: QuoteStatus;

  @Column({ type: 'char', length: 3 })
  currency: string;

  /** `YYYY-MM-DD`. */
  @Column({ name: 'valid_until', type: 'date' })
  validUntil: string;

  @Column({ type: 'text', nullable: true })
  terms: string | null;

  @Column({ type: 'jsonb' })
  lines: StoredQuoteLine[];

  @Column({ type: 'numeric', precision: 18, scale: 2 })
  subtotal: string;

  @Column({ name: 'discount_total', type: 'numeric', precision: 18, scale: 2 })
  discountTotal: string;

  @Column({ name: 'tax_total', type: 'numeric', precision: 18, scale: 2 })
  taxTotal: string;

  @Column({ type: 'numeric', precision: 18, scale: 2 })
  total: string;

  @Column({ type: 'jsonb' })
  taxes: { ratePercent: string; base: string; tax: string }[];

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ name: 'rejected_at', type: 'timestamptz', nullable: true })
  rejectedAt: Date | null;

  /** Set by the expiry scheduler (the day after validUntil, 00:00 in the tenant's time zone). */
  @Column({ name: 'expired_at', type: 'timestamptz', nullable: true })
  expiredAt: Date | null;

  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason: string | null;

  @Column({ name: 'erp_order_id', type: 'text', nullable: true })
  erpOrderId: string | null;

  @Column({ name: 'erp_order_number', type: 'text', nullable: true })
  erpOrderNumber: string | null;

  @Column({ name: 'created_by', type: 'uuid', update: false })
  createdBy: string;

  @Column({ name: 'updated_by', type: 'uuid' })
  updatedBy: string;
}
