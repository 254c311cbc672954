import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@crm/database';

/** A product or service a contact may be interested in (interés). */
@Entity({ name: 'interest' })
export class Interest extends TenantEntity {
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** Inactive interests stay on the contacts that have them but cannot be newly chosen. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'created_by', type: 'uuid', update: false })
  createdBy: string;

  @Column({ name: 'updated_by', type: 'uuid' })
  updatedBy: string;
}
