import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const MESSAGE_KINDS = ['public', 'internal'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * One entry of a ticket's conversation: a public reply (e-mailed to the requester, shown on the
 * tracking page) or an internal note (staff only: never e-mailed, never public, never in an
 * event or an export). Messages are never edited, so they carry no version.
 */
@Entity({ name: 'ticket_message' })
export class TicketMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid', update: false })
  tenantId: string;

  @Column({ name: 'ticket_id', type: 'uuid', update: false })
  ticketId: string;

  @Column({ type: 'text' })
  kind: MessageKind;

  /** staff (a user) or requester (written on the public page). */
  @Column({ name: 'author_kind', type: 'text' })
  authorKind: 'staff' | 'requester';

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @Column({ name: 'author_name', type: 'text', nullable: true })
  authorName: string | null;

  /** The source text as typed (Markdown-style formatting); the safe HTML is rendered on read. */
  @Column({ type: 'text' })
  body: string;

  /** Set when the message was moved here from a duplicate ticket that was merged into this one. */
  @Column({ name: 'merged_from_ticket_id', type: 'uuid', nullable: true })
  mergedFromTicketId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
