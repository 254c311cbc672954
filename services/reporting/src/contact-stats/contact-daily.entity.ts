import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Contacts created per tenant and calendar day (reporting time zone). */
@Entity({ name: 'contact_daily' })
export class ContactDaily {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ type: 'date' })
  day: string;

  @Column({ name: 'created_count', type: 'integer' })
  createdCount: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
