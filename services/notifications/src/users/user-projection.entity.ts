import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * What this service knows about a user, kept from identity.user.created/updated: enough to
 * address them (e-mail, name, language) and their teams. `version` is the identity record's
 * version, so a late, older event never overwrites a newer one.
 */
@Entity({ name: 'user_projection' })
export class UserProjection {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  locale: string;

  @Column({ type: 'boolean' })
  active: boolean;

  /** The teams the user belongs to (note reminders addressed to a team). */
  @Column({ name: 'team_ids', type: 'uuid', array: true, default: () => "'{}'" })
  teamIds: string[];

  @Column({ type: 'integer' })
  version: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
