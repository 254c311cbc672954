import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A running total of a tenant: metric `total`, `assigned`, `lifecycle` (key = lifecycle) or `owner` (key = user id). */
@Entity({ name: 'contact_counter' })
export class ContactCounter {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ type: 'text' })
  metric: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  /** bigint comes back from pg as a string. */
  @Column({ type: 'bigint' })
  value: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
