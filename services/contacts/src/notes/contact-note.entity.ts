import { Column, Entity, Index } from 'typeorm';
import type { NoteReminderAudience, NoteVisibility } from '@crm/contracts';
import { TenantEntity } from '@crm/database';

/**
 * A note on a contact (or a company, which is a contact of kind organization). A private note
 * is visible to its author only, everywhere; a shared one to everyone who sees the contact.
 * Only the author edits or deletes it.
 */
@Entity({ name: 'contact_note' })
@Index('contact_note_by_contact', ['tenantId', 'contactId', 'createdAt', 'id'])
export class ContactNote extends TenantEntity {
  @Column({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  @Column({ name: 'author_id', type: 'uuid', update: false })
  authorId: string;

  /** At most 10,000 characters (checked by the API and by the table). */
  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'text' })
  visibility: NoteVisibility;

  /** An interest (product or service) of the tenant's catalogue this note is about. */
  @Column({ name: 'interest_id', type: 'uuid', nullable: true })
  interestId: string | null;

  /** Fecha de aviso: when notifications reminds the audience of this note. */
  @Column({ name: 'remind_at', type: 'timestamptz', nullable: true })
  remindAt: Date | null;

  @Column({ name: 'remind_audience', type: 'text', nullable: true })
  remindAudience: NoteReminderAudience | null;

  /** Set by the reminder scheduler when it published the reminder; a new remindAt clears it. */
  @Column({ name: 'reminder_sent_at', type: 'timestamptz', nullable: true })
  reminderSentAt: Date | null;

  @Column({ name: 'updated_by', type: 'uuid' })
  updatedBy: string;
}
