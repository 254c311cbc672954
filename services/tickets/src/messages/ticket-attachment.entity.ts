import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A file on a ticket (or on one of its messages), stored in S3 under an unguessable key. */
@Entity({ name: 'ticket_attachment' })
export class TicketAttachment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid', update: false })
  tenantId: string;

  @Column({ name: 'ticket_id', type: 'uuid', update: false })
  ticketId: string;

  /** The message it came with; null for a file attached to the ticket itself. */
  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId: string | null;

  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  /** Sniffed from the bytes, never the type the client declared. */
  @Column({ name: 'content_type', type: 'text' })
  contentType: string;

  @Column({ name: 'size_bytes', type: 'bigint', transformer: { to: (value: number) => value, from: (value: string) => Number(value) } })
  sizeBytes: number;

  @Column({ name: 'object_key', type: 'text', select: true })
  objectKey: string;

  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true })
  uploadedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
