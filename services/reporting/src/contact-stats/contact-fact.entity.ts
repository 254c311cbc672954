import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Reporting's knowledge of one contact (see contact-stats.math.ts for how events change it). */
@Entity({ name: 'contact_fact' })
export class ContactFact {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  @Column({ type: 'boolean' })
  created: boolean;

  @Column({ name: 'created_day', type: 'date', nullable: true })
  createdDay: string | null;

  @Column({ type: 'text', nullable: true })
  lifecycle: string | null;

  @Column({ name: 'lifecycle_version', type: 'integer' })
  lifecycleVersion: number;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ name: 'owner_version', type: 'integer' })
  ownerVersion: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
