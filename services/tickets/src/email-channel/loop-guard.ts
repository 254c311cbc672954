import { parseTicketMailId } from '@crm/common';

/** Why an e-mail opens nothing and answers nothing (recorded and counted), or null to process it. */
export type IgnoreReason = 'auto_submitted' | 'precedence' | 'autoreply_header' | 'own_message' | 'mailer_daemon' | 'delivery_report';

export interface LoopSignals {
  /** Lower-case header names to their first value. */
  headers: ReadonlyMap<string, string>;
  messageId: string | null;
  fromAddress: string | null;
  /** MAIL FROM of the SMTP envelope; '' for the null sender `<>` (bounces). */
  envelopeFrom: string | null;
  contentType: string | null;
}

const DAEMON_SENDER = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon|noreply-dmarc-support|bounce[s]?)(\+[^@]*)?@/i;
const BULK_PRECEDENCE = /^(bulk|junk|list|auto_reply)$/i;
const AUTOREPLY_HEADERS = ['x-autoreply', 'x-autorespond', 'x-autoresponder', 'x-auto-response'];

/**
 * Mail that must never open a ticket or answer one, so two robots cannot mail each other
 * forever: auto-replies (RFC 3834 `Auto-Submitted` other than `no`; `Precedence: bulk|junk|list`;
 * `X-Autoreply` and kin), our own e-mails coming back (a Message-ID we signed, or our
 * `X-CRM-Template` header), bounces (null envelope sender, mailer-daemon/postmaster, delivery
 * reports).
 */
export function ignoreReason(signals: LoopSignals, mailIdSecret: string): IgnoreReason | null {
  const header = (name: string) => signals.headers.get(name)?.trim() ?? '';
  if (signals.messageId && parseTicketMailId(mailIdSecret, signals.messageId)) return 'own_message';
  if (header('x-crm-template') || header('x-crm-delivery-id')) return 'own_message';
  const autoSubmitted = header('auto-submitted').toLowerCase();
  if (autoSubmitted && !/^no\b/.test(autoSubmitted)) return 'auto_submitted';
  if (BULK_PRECEDENCE.test(header('precedence'))) return 'precedence';
  if (AUTOREPLY_HEADERS.some((name) => signals.headers.has(name))) return 'autoreply_header';
  if (signals.envelopeFrom === '') return 'mailer_daemon';
  if ((signals.fromAddress && DAEMON_SENDER.test(signals.fromAddress)) || (signals.envelopeFrom && DAEMON_SENDER.test(signals.envelopeFrom))) return 'mailer_daemon';
  if (/^multipart\/report\b/i.test(signals.contentType ?? '') && /report-type\s*=\s*"?(delivery-status|disposition-notification)/i.test(signals.contentType ?? '')) return 'delivery_report';
  return null;
}
