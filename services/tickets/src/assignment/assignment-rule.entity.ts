import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

export const ASSIGNMENT_STRATEGIES = ['round_robin', 'least_open'] as const;
export type AssignmentStrategy = (typeof ASSIGNMENT_STRATEGIES)[number];

/**
 * How a team's new or unassigned tickets pick an agent: in turn (round robin) or the agent with
 * the fewest open tickets. The row is locked while choosing, so concurrent choices queue.
 */
@Entity({ name: 'team_assignment_rule' })
export class AssignmentRule {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ name: 'team_id', type: 'uuid' })
  teamId: string;

  @Column({ type: 'text' })
  strategy: AssignmentStrategy;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'last_assignee_id', type: 'uuid', nullable: true })
  lastAssigneeId: string | null;

  @VersionColumn()
  version: number;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
