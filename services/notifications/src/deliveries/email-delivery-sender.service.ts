import { Inject, Injectable, Logger } from '@nestjs/common';
import { CoalescingQueue, MetricsRegistry, type Waiting } from '@crm/common';
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

type RowOutcome = { kind: 'sent'; providerMessageId: string } | { kind: 'failed'; error: unknown; message: string };

/** A caller of sendOutstanding waiting for its message's outcome. */
type Waiter = Waiting<string, { sent: number; alreadySent: number }>;

const MAX_ERROR_LENGTH = 1000;
/** Messages per batched send (each usually one e-mail): bounds the transaction and the parallel sends. */
const MAX_MESSAGES_PER_BATCH = 50;

/**
 * Exactly-once e-mail on top of at-least-once events (ARCHITECTURE §4 rule 4).
 *
 * 1. `record()` runs inside the event's inbox transaction and inserts a `pending` row keyed by
 *    (message id, recipient) with the rendered content; a redelivery cannot add a second row.
 * 2. After that transaction commits, `sendOutstanding()` sends every row of the message that is
 *    not `sent`, each under a row lock held while talking to SMTP (FOR UPDATE SKIP LOCKED):
 *    two consumers never send the same row at once, and a crashed sender's lock is released
 *    by Postgres when its connection dies. Concurrent calls are coalesced into one transaction
 *    (one locking statement, one update) whose sends run in parallel.
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
  private readonly sends = new CoalescingQueue<string, { sent: number; alreadySent: number }>(MAX_MESSAGES_PER_BATCH, (batch) => this.sendBatch(batch));

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
    await this.recordAll(em, [email]);
  }

  /** {@link record} for several e-mails in one statement (a batch of events). */
  async recordAll(em: EntityManager, emails: readonly PendingEmail[]): Promise<void> {
    if (emails.length === 0) return;
    const params: unknown[] = [];
    const rows = emails.map((email) => {
      const base = params.length;
      params.push(
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
      );
      return `(${Array.from({ length: 15 }, (_, i) => `$${base + i + 1}`).join(', ')})`;
    });
    await em.query(
      `INSERT INTO email_delivery (tenant_id, message_id, recipient_user_id, template, locale, to_address, subject, body_text, body_html, attachment_key, attachment_name, attachment_type,
                                   message_id_header, in_reply_to_header, references_header)
       VALUES ${rows.join(', ')}
       ON CONFLICT (message_id, recipient_user_id) DO NOTHING`,
      params,
    );
  }

  /**
   * After commit: sends what this event still owes (nothing when every row is `sent`). Throws
   * when a send failed or another consumer is sending a row right now, so the event is retried.
   *
   * Calls coalesce: the first runs at once; the ones that arrive while a send is under way wait
   * for it and then go together (one transaction, one lock statement, one update for the whole
   * batch, the SMTP sends in parallel over the pooled connections). Each caller still gets the
   * outcome of its own message only.
   */
  sendOutstanding(messageId: string): Promise<{ sent: number; alreadySent: number }> {
    // A failed transaction (database down…) rejects the whole batch: every caller retries.
    return this.sends.push(messageId);
  }

  private async sendBatch(batch: readonly Waiter[]): Promise<void> {
    const messageIds = [...new Set(batch.map((waiter) => waiter.item))];
    const results = new Map(messageIds.map((id) => [id, { sent: 0, alreadySent: 0, error: undefined as Error | undefined }]));
    await this.dataSource.transaction(async (em) => {
      // What is outstanding, locked for this batch; a row another consumer holds comes back
      // without its columns (SKIP LOCKED), and a row sent meanwhile comes back `sent`.
      const rows = await em.query<(Partial<DeliveryRow> & { outstanding_id: string; message_id: string })[]>(
        `WITH outstanding AS (SELECT id, message_id, created_at FROM email_delivery WHERE message_id = ANY($1) AND status <> 'sent'),
              locked AS (SELECT d.id, d.status, d.to_address, d.subject, d.body_text, d.body_html, d.template, d.tenant_id, d.attachment_key, d.attachment_name, d.attachment_type,
                                d.message_id_header, d.in_reply_to_header, d.references_header
                           FROM email_delivery d WHERE d.id IN (SELECT id FROM outstanding) FOR UPDATE SKIP LOCKED)
         SELECT o.id AS outstanding_id, o.message_id, l.* FROM outstanding o LEFT JOIN locked l ON l.id = o.id ORDER BY o.created_at, o.id`,
        [messageIds],
      );
      const toSend: DeliveryRow[] = [];
      const messageOf = new Map<string, string>();
      for (const row of rows) {
        const result = results.get(row.message_id)!;
        if (!row.id) result.error ??= new EmailDeliveryInProgressError(row.outstanding_id);
        else if (row.status === 'sent') result.alreadySent++;
        else {
          toSend.push(row as DeliveryRow);
          messageOf.set(row.id, row.message_id);
        }
      }
      if (toSend.length === 0) return;
      const outcomes = await Promise.all(toSend.map((row) => this.sendRow(row)));
      await em.query(
        `UPDATE email_delivery d
            SET status = u.status, attempts = d.attempts + 1,
                provider_message_id = CASE WHEN u.status = 'sent' THEN u.provider_message_id ELSE d.provider_message_id END,
                sent_at = CASE WHEN u.status = 'sent' THEN now() ELSE d.sent_at END,
                last_error = u.last_error, version = d.version + 1, updated_at = now()
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS u(id, status, provider_message_id, last_error)
          WHERE d.id = u.id`,
        [
          toSend.map((row) => row.id),
          outcomes.map((outcome) => (outcome.kind === 'sent' ? 'sent' : 'failed')),
          outcomes.map((outcome) => (outcome.kind === 'sent' ? outcome.providerMessageId : null)),
          outcomes.map((outcome) => (outcome.kind === 'failed' ? outcome.message : null)),
        ],
      );
      toSend.forEach((row, i) => {
        const outcome = outcomes[i]!;
        const result = results.get(messageOf.get(row.id)!)!;
        this.outcomes.inc({ template: row.template, outcome: outcome.kind });
        if (outcome.kind === 'sent') result.sent++;
        else {
          this.logger.warn(`e-mail delivery ${row.id} (${row.template}) failed: ${outcome.message}`);
          // Committed as `failed`; the caller throws so the event is retried with backoff.
          result.error ??= new EmailSendFailedError(row.id, outcome.error);
        }
      });
    });
    for (const waiter of batch) {
      const result = results.get(waiter.item)!;
      if (result.error) waiter.reject(result.error);
      else waiter.resolve({ sent: result.sent, alreadySent: result.alreadySent });
    }
  }

  /** One SMTP send, under the batch's row lock; never throws (a failure is an outcome). */
  private async sendRow(row: DeliveryRow): Promise<RowOutcome> {
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
      return { kind: 'sent', providerMessageId: result.providerMessageId };
    } catch (error) {
      return { kind: 'failed', error, message: (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH) };
    }
  }
}
