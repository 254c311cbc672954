import { TenantEntity } from '@crm/database';
import { Column, Entity } from 'typeorm';

export const EMAIL_DELIVERY_STATUSES = ['pending', 'sent', 'failed'] as const;
export type EmailDeliveryStatus = (typeof EMAIL_DELIVERY_STATUSES)[number];

/**
 * One e-mail to one recipient caused by one event: the record that makes sending exactly-once
 * (UNIQUE message_id + recipient). Written `pending` in the event's inbox transaction with the
 * rendered content, then sent after commit and marked `sent` (or `failed` with the error).
 */
@Entity({ name: 'email_delivery' })
export class EmailDelivery extends TenantEntity {
  /** The CloudEvent id that caused it. */
  @Column({ name: 'message_id', type: 'text' })
  messageId: string;

  @Column({ name: 'recipient_user_id', type: 'uuid' })
  recipientUserId: string;

  @Column({ type: 'text' })
  template: string;

  @Column({ type: 'text' })
  locale: string;

  @Column({ name: 'to_address', type: 'text' })
  toAddress: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ name: 'body_text', type: 'text' })
  bodyText: string;

  @Column({ name: 'body_html', type: 'text' })
  bodyHtml: string;

  @Column({ type: 'text' })
  status: EmailDeliveryStatus;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'provider_message_id', type: 'text', nullable: true })
  providerMessageId: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
