import { Inject, Injectable, Logger } from '@nestjs/common';
import { MetricsRegistry } from '@crm/common';
import { Counter } from 'prom-client';
import { DataSource, type EntityManager } from 'typeorm';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../config/notifications-env.js';
import { SmtpMailer } from '../mail/smtp-mailer.service.js';
import { EmailAttachmentReader } from './email-attachment-reader.service.js';
import { EmailDeliveryInProgressError } from './email-delivery-in-progress.error.js';
import { EmailSendFailedError } from './email-send-failed.error.js';
import { pauseAfterSmtpSend } from './pause-after-smtp-send.js';
import type { PendingEmail } from './pending-email.js';

interface DeliveryRow {
  id: string;
  status: 'pending' | 'sent' | 'failed';
  to_address: string;
  subject: string;
  body_text: string;
  body_html: string;
  template: string;
  tenant_id: string;
  attachment_key: string | null;
  attachment_name: string | null;
  attachment_type: string | null;
  message_id_header: string | null;
  in_reply_to_header: string | null;
  references_header: string | null;
}

/** In-Reply-To / References of a ticket e-mail, so the requester's mail client threads it. */
function threadingHeaders(row: DeliveryRow): Record<string, string> {
  const headers: Record<string, string> = {};
  if (row.in_reply_to_header) headers['In-Reply-To'] = row.in_reply_to_header;
  if (row.references_header) headers['References'] = row.references_header;
  return headers;
}

type SendOutcome = { kind: 'sent' } | { kind: 'already-sent' } | { kind: 'failed'; error: unknown };

const MAX_ERROR_LENGTH = 1000;

/**
 * Exactly-once e-mail on top of at-least-once events (ARCHITECTURE §4 rule 4).
 *
 * 1. `record()` runs inside the event's inbox transaction and inserts a `pending` row keyed by
 *    (message id, recipient) with the rendered content; a redelivery cannot add a second row.
 * 2. After that transaction commits, `sendOutstanding()` sends every row of the message that is
 *    not `sent`, each under a row lock held while talking to SMTP (FOR UPDATE SKIP LOCKED):
 *    two consumers never send the same row at once, and a crashed sender's lock is released
 *    by Postgres when its connection dies.
 * 3. On success the row becomes `sent` in the same transaction; on SMTP failure it becomes
 *    `failed` (attempts + 1, last_error) and the caller throws so the transport retries.
 *
 * The one window left: SMTP accepted the message and the process died before the `sent`
 * commit. The row is still `pending`, so the redelivered event sends it again (at-least-once
 * for that window only). The Message-ID is stable per row, so receiving systems that
 * de-duplicate on it show one copy.
 */
@Injectable()
export class EmailDeliverySender {
  private readonly logger = new Logger(EmailDeliverySender.name);
  private readonly outcomes: Counter<'template' | 'outcome'>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: SmtpMailer,
    private readonly attachments: EmailAttachmentReader,
    metrics: MetricsRegistry,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {
    this.outcomes = new Counter({
      name: 'crm_notifications_emails_total',
      help: 'E-mail send attempts by template and outcome (sent, failed)',
      labelNames: ['template', 'outcome'],
      registers: [metrics.registry],
    });
  }

  /** Inside the inbox transaction: the delivery row that makes the send exactly-once. */
  async record(em: EntityManager, email: PendingEmail): Promise<void> {
    await em.query(
      `INSERT INTO email_delivery (tenant_id, message_id, recipient_user_id, template, locale, to_address, subject, body_text, body_html, attachment_key, attachment_name, attachment_type,
                                   message_id_header, in_reply_to_header, references_header)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (message_id, recipient_user_id) DO NOTHING`,
      [
        email.tenantId,
        email.messageId,
        email.recipientUserId,
        email.template,
        email.locale,
        email.toAddress,
        email.subject,
        email.bodyText,
        email.bodyHtml,
        email.attachment?.objectKey ?? null,
        email.attachment?.fileName ?? null,
        email.attachment?.contentType ?? null,
        email.threading?.messageId ?? null,
        email.threading?.inReplyTo ?? null,
        email.threading?.references?.length ? email.threading.references.join(' ') : null,
      ],
    );
  }

  /**
   * After commit: sends what this event still owes (nothing when every row is `sent`). Throws
   * when a send failed or another consumer is sending a row right now, so the event is retried.
   */
  async sendOutstanding(messageId: string): Promise<{ sent: number; alreadySent: number }> {
    const rows = await this.dataSource.query<{ id: string }[]>(`SELECT id FROM email_delivery WHERE message_id = $1 AND status <> 'sent' ORDER BY created_at, id`, [messageId]);
    let sent = 0;
    let alreadySent = 0;
    let firstError: Error | undefined;
    for (const { id } of rows) {
      try {
        if ((await this.sendOne(id)) === 'sent') sent++;
        else alreadySent++;
      } catch (error) {
        firstError ??= error as Error;
      }
    }
    if (firstError) throw firstError;
    return { sent, alreadySent };
  }

  private async sendOne(id: string): Promise<'sent' | 'already-sent'> {
    const outcome = await this.dataSource.transaction(async (em): Promise<SendOutcome> => {
      const [row] = await em.query<DeliveryRow[]>(
        `SELECT id, status, to_address, subject, body_text, body_html, template, tenant_id, attachment_key, attachment_name, attachment_type,
                message_id_header, in_reply_to_header, references_header
           FROM email_delivery WHERE id = $1 FOR UPDATE SKIP LOCKED`,
        [id],
      );
      if (!row) throw new EmailDeliveryInProgressError(id);
      if (row.status === 'sent') return { kind: 'already-sent' };
      try {
        const attachments = row.attachment_key
          ? [{ filename: row.attachment_name ?? 'adjunto', contentType: row.attachment_type ?? 'application/octet-stream', content: await this.attachments.read(row.attachment_key) }]
          : undefined;
        const result = await this.mailer.send({
          attachments,
          to: row.to_address,
          subject: row.subject,
          text: row.body_text,
          html: row.body_html,
          messageId: row.message_id_header ?? `<${row.id}@${this.mailer.messageIdDomain()}>`,
          headers: { 'X-CRM-Template': row.template, 'X-CRM-Delivery-Id': row.id, ...threadingHeaders(row) },
        });
        await pauseAfterSmtpSend(this.config.NOTIFICATIONS_TEST_PAUSE_AFTER_SEND, row.id);
        await em.query(
          `UPDATE email_delivery
              SET status = 'sent', attempts = attempts + 1, provider_message_id = $2, sent_at = now(), last_error = NULL,
                  version = version + 1, updated_at = now()
            WHERE id = $1`,
          [id, result.providerMessageId],
        );
        this.outcomes.inc({ template: row.template, outcome: 'sent' });
        return { kind: 'sent' };
      } catch (error) {
        const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);
        await em.query(
          `UPDATE email_delivery
              SET status = 'failed', attempts = attempts + 1, last_error = $2, version = version + 1, updated_at = now()
            WHERE id = $1`,
          [id, message],
        );
        this.outcomes.inc({ template: row.template, outcome: 'failed' });
        this.logger.warn(`e-mail delivery ${id} (${row.template}) failed: ${message}`);
        // Committed as `failed`; the caller throws so the event is retried with backoff.
        return { kind: 'failed', error };
      }
    });
    if (outcome.kind === 'failed') throw new EmailSendFailedError(id, outcome.error);
    return outcome.kind;
  }
}
