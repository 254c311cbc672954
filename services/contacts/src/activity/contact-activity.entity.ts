import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const ACTIVITY_SOURCES = ['erp', 'opportunities', 'tickets', 'web-form'] as const;
export type ActivitySource = (typeof ACTIVITY_SOURCES)[number];

/**
 * A timeline entry reported by another system about a contact: an ERP invoice or payment, an
 * opportunity or ticket event, a web-form submission. Merged with contact_change by
 * TimelineService. Immutable (anonymisation scrubs details and titles).
 */
@Entity({ name: 'contact_activity' })
@Index('contact_activity_timeline', ['tenantId', 'contactId', 'occurredAt', 'id'])
export class ContactActivity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  @Column({ type: 'text' })
  source: ActivitySource;

  /** e.g. `invoice_issued`, `payment_received`, `web_form_submitted`, or the event type for opportunities/tickets. */
  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  /** The other system's id of what it is about (invoice, payment, opportunity, ticket, form). */
  @Column({ name: 'reference_id', type: 'text', nullable: true })
  referenceId: string | null;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;

  /** The event that reported it, when it came from one. */
  @Column({ name: 'message_id', type: 'text', nullable: true })
  messageId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
