import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@crm/database';

@Entity({ name: 'teams' })
export class Team extends TenantEntity {
  /** Unique per tenant, case-insensitively. */
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;
}
