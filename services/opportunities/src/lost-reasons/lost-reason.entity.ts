import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@crm/database';

/** Why deals are lost (admin catalogue); inactive reasons stay on old deals. */
@Entity({ name: 'lost_reason' })
export class LostReason extends TenantEntity {
  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'seed_key', type: 'text', nullable: true })
  seedKey: string | null;

  @Column({ type: 'int', default: 0 })
  position: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
