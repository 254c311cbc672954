import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@crm/database';

/** How a team's new prospects are handed out: round-robin over its members, or left to a person. */
@Entity({ name: 'assignment_rule' })
export class AssignmentRule extends TenantEntity {
  @Column({ name: 'team_id', type: 'uuid' })
  teamId: string;

  @Column({ name: 'round_robin', type: 'boolean', default: false })
  roundRobin: boolean;

  /** Explicit turn order; null = the team's active sales people (from the user projection). */
  @Column({ name: 'member_ids', type: 'uuid', array: true, nullable: true })
  memberIds: string[] | null;

  /** Whose turn was last; the next prospect goes to the member after them. Not versioned. */
  @Column({ name: 'last_assigned_user_id', type: 'uuid', nullable: true })
  lastAssignedUserId: string | null;

  @Column({ name: 'updated_by', type: 'uuid' })
  updatedBy: string;
}
