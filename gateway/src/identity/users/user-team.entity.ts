import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Membership of a user in a team (both of the same tenant). */
@Entity({ name: 'user_teams' })
export class UserTeam {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'team_id', type: 'uuid' })
  teamId: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;
}
