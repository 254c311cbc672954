import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@crm/database';

/** A sales funnel of a tenant; several per tenant, one default. */
@Entity({ name: 'pipeline' })
export class Pipeline extends TenantEntity {
  @Column({ type: 'text' })
  name: string;

  /** Set on seeded pipelines: their name is translated on `Accept-Language: en` until renamed. */
  @Column({ name: 'seed_key', type: 'text', nullable: true })
  seedKey: string | null;

  @Column({ type: 'int', default: 0 })
  position: number;

  @Column({ name: 'is_default', type: 'boolean', default: false })
  isDefault: boolean;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;
}
