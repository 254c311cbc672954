import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@crm/database';
import type { OpportunityStatus } from '@crm/contracts';

/**
 * A deal in a pipeline. Visibility follows contacts' rule (owner, team, shared with team).
 * `amount` is numeric(18,2) read as a decimal string; `agentId` (agente comercial) and
 * `assigneeId` (usuario responsable) are two different people, both notified when set.
 */
@Entity({ name: 'opportunity' })
export class Opportunity extends TenantEntity {
  @Column({ name: 'pipeline_id', type: 'uuid' })
  pipelineId: string;

  @Column({ name: 'stage_id', type: 'uuid' })
  stageId: string;

  @Column({ type: 'text', default: 'open' })
  status: OpportunityStatus;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  @Column({ name: 'company_id', type: 'uuid', nullable: true })
  companyId: string | null;

  /** Decimal string (numeric(18,2)); never a JS number. */
  @Column({ type: 'numeric', precision: 18, scale: 2 })
  amount: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'int' })
  probability: number;

  /** True when the probability was set by hand; otherwise it follows the stage's default. */
  @Column({ name: 'probability_overridden', type: 'boolean', default: false })
  probabilityOverridden: boolean;

  /** `YYYY-MM-DD`. */
  @Column({ name: 'expected_close_date', type: 'date', nullable: true })
  expectedCloseDate: string | null;

  @Column({ name: 'source_id', type: 'uuid', nullable: true })
  sourceId: string | null;

  @Column({ name: 'interest_ids', type: 'uuid', array: true, default: () => "'{}'" })
  interestIds: string[];

  @Column({ name: 'agent_id', type: 'uuid', nullable: true })
  agentId: string | null;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId: string | null;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId: string | null;

  @Column({ name: 'shared_with_team', type: 'boolean', default: true })
  sharedWithTeam: boolean;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'stage_entered_at', type: 'timestamptz' })
  stageEnteredAt: Date;

  /** Last activity, note or stage change; the stale scheduler compares it with the stage's threshold. */
  @Column({ name: 'last_activity_at', type: 'timestamptz' })
  lastActivityAt: Date;

  @Column({ name: 'stalled_at', type: 'timestamptz', nullable: true })
  stalledAt: Date | null;

  @Column({ name: 'won_at', type: 'timestamptz', nullable: true })
  wonAt: Date | null;

  @Column({ name: 'lost_at', type: 'timestamptz', nullable: true })
  lostAt: Date | null;

  @Column({ name: 'lost_reason_id', type: 'uuid', nullable: true })
  lostReasonId: string | null;

  @Column({ name: 'lost_note', type: 'text', nullable: true })
  lostNote: string | null;

  @Column({ name: 'created_by', type: 'uuid', update: false })
  createdBy: string;

  @Column({ name: 'updated_by', type: 'uuid' })
  updatedBy: string;
}
