import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@crm/database';
import type { SourceChannel } from '@crm/contracts';

/**
 * A source of capture (fuente de captación): where contacts come from, with what it cost over
 * which period, so reporting can compute the acquisition cost per source.
 */
@Entity({ name: 'source' })
export class Source extends TenantEntity {
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'text' })
  channel: SourceChannel;

  /** numeric(18,2), read as a decimal string (never a float). */
  @Column({ name: 'cost_amount', type: 'numeric', precision: 18, scale: 2, nullable: true })
  costAmount: string | null;

  @Column({ name: 'cost_currency', type: 'char', length: 3, nullable: true })
  costCurrency: string | null;

  /** YYYY-MM-DD */
  @Column({ name: 'period_from', type: 'date', nullable: true })
  periodFrom: string | null;

  @Column({ name: 'period_to', type: 'date', nullable: true })
  periodTo: string | null;

  /** Inactive sources keep their contacts but cannot be chosen for new ones. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** One of the Spanish defaults seeded for the tenant. */
  @Column({ name: 'is_default', type: 'boolean', default: false })
  isDefault: boolean;

  @Column({ name: 'created_by', type: 'uuid', update: false })
  createdBy: string;

  @Column({ name: 'updated_by', type: 'uuid' })
  updatedBy: string;
}
