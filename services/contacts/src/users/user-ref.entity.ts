import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The users of each tenant as contacts knows them, kept from identity.user.* events. */
@Entity({ name: 'user_ref' })
export class UserRef {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'team_ids', type: 'uuid', array: true, default: () => "'{}'" })
  teamIds: string[];

  @Column({ type: 'boolean' })
  active: boolean;

  /** Roles (round-robin picks a team's sales people); null for users projected before roles were kept. */
  @Column({ type: 'text', array: true, nullable: true })
  roles: string[] | null;

  /** Version of the identity record; an older event arriving late is ignored. */
  @Column({ name: 'source_version', type: 'int' })
  sourceVersion: number;
}
