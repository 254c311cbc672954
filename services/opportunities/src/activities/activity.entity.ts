import { Column, Entity } from 'typeorm';
import type { ActivityType } from '@crm/contracts';
import { TenantEntity } from '@crm/database';

export const ACTIVITY_STATUSES = ['pending', 'done', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** A task, call, meeting, visit or logged e-mail; `createdBy` and `assignedTo` may differ (delegation). */
@Entity({ name: 'activity' })
export class Activity extends TenantEntity {
  @Column({ type: 'text' })
  type: ActivityType;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'opportunity_id', type: 'uuid', nullable: true })
  opportunityId: string | null;

  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId: string | null;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ name: 'duration_minutes', type: 'int', nullable: true })
  durationMinutes: number | null;

  @Column({ name: 'assigned_to', type: 'uuid' })
  assignedTo: string;

  @Column({ name: 'created_by', type: 'uuid', update: false })
  createdBy: string;

  @Column({ type: 'text' })
  status: ActivityStatus;

  @Column({ type: 'text', nullable: true })
  outcome: string | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  /** As asked on create; null = the service default (ACTIVITY_REMINDER_MINUTES) was used. */
  @Column({ name: 'reminder_minutes_before', type: 'int', nullable: true })
  reminderMinutesBefore: number | null;

  /** due time − minutes before, fixed when scheduled; null = nothing to remind (no due time, or already due). */
  @Column({ name: 'remind_at', type: 'timestamptz', nullable: true })
  remindAt: Date | null;

  /** Set by the reminder scheduler when `opportunities.activity.due` is published (not a user edit: version stays). */
  @Column({ name: 'reminder_sent_at', type: 'timestamptz', nullable: true })
  reminderSentAt: Date | null;
}
