import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@crm/database';
import type { TicketPriority } from '@crm/contracts';

/** First-response and resolution targets, in business minutes of a calendar, for a priority (and optionally a category). */
@Entity({ name: 'sla_policy' })
export class SlaPolicy extends TenantEntity {
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  priority: TicketPriority;

  /** Null: every category of the priority without a more specific policy. */
  @Column({ name: 'category_id', type: 'uuid', nullable: true })
  categoryId: string | null;

  /** Null: the tenant default calendar. */
  @Column({ name: 'calendar_id', type: 'uuid', nullable: true })
  calendarId: string | null;

  @Column({ name: 'first_response_minutes', type: 'int' })
  firstResponseMinutes: number;

  @Column({ name: 'resolution_minutes', type: 'int' })
  resolutionMinutes: number;

  /** Share of a target after which a warning is sent (default 75 %). */
  @Column({ name: 'warning_percent', type: 'int' })
  warningPercent: number;

  /** On breach, raise the ticket's priority one step (baja → media → alta). */
  @Column({ name: 'raise_priority_on_breach', type: 'boolean' })
  raisePriorityOnBreach: boolean;

  @Column({ type: 'boolean' })
  active: boolean;
}
