import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { FieldChange } from '@crm/contracts';

export type ContactChangeKind = 'created' | 'updated' | 'assigned' | 'document_uploaded' | 'document_deleted' | 'consent_changed' | 'anonymized' | 'note_added' | 'converted';

/** One entry of a contact's history: who did what, when, and which fields went from what to what. */
@Entity({ name: 'contact_change' })
@Index('contact_change_timeline', ['tenantId', 'contactId', 'occurredAt'])
export class ContactChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  @Column({ type: 'text' })
  kind: ContactChangeKind;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  changes: FieldChange[];

  /** Extra facts for the timeline entry (document name, previous owner…). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;

  @CreateDateColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;
}
