import { TenantEntity } from '@crm/database';
import { Column, Entity } from 'typeorm';

/** One entry of a user's in-app feed (the bell), in the user's language at the time it was made. */
@Entity({ name: 'notification' })
export class Notification extends TenantEntity {
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  /** What happened, e.g. `contact.assigned`; front ends may render their own text from it and `data`. */
  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  body: string;

  /** Path in the web app, e.g. `/contacts/<id>`. */
  @Column({ type: 'text', nullable: true })
  link: string | null;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  /** The event that caused it: UNIQUE with user_id, so a redelivered event adds nothing. */
  @Column({ name: 'source_message_id', type: 'text', nullable: true })
  sourceMessageId: string | null;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
