import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A user's choice for one template; no row means the default (e-mail and in-app). */
@Entity({ name: 'notification_preference' })
export class NotificationPreference {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'text' })
  template: string;

  @Column({ type: 'boolean' })
  email: boolean;

  @Column({ name: 'in_app', type: 'boolean' })
  inApp: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
