import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HealthRegistry } from '@crm/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../config/notifications-env.js';
import { bareAddress, composeMimeMessage } from './mime-message.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /**
   * RFC 5322 Message-ID, stable per delivery row: if a crash makes us send the same delivery
   * twice, receiving systems that de-duplicate on Message-ID show it once.
   */
  messageId: string;
  headers?: Record<string, string>;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export interface SentMail {
  /** What the server answered (e.g. `250 OK: queued as …`), kept as the provider's id. */
  providerMessageId: string;
}

/** How long a health probe's verify() result is reused: probes must not open a connection each time. */
const VERIFY_CACHE_MS = 15_000;

/**
 * Nodemailer's SMTP transport (pooled connections, bounded timeouts) carrying messages composed
 * by `composeMimeMessage`. Nothing connects at start, so the service boots while the mail server
 * is down; /health reports `smtp: down` meanwhile.
 */
@Injectable()
export class SmtpMailer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SmtpMailer.name);
  private readonly transporter: Transporter;
  private readonly from: string;
  private lastVerify?: { at: number; ok: Promise<boolean> };

  constructor(
    @Inject(NOTIFICATIONS_CONFIG) config: NotificationsConfig,
    private readonly health: HealthRegistry,
  ) {
    this.from = config.MAIL_FROM ?? 'CRM <no-reply@crm.local>';
    const timeout = config.SMTP_TIMEOUT_MS ?? 10_000;
    this.transporter = nodemailer.createTransport({
      url: config.SMTP_URL,
      pool: true,
      maxConnections: config.SMTP_POOL_SIZE ?? 3,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout * 3,
    });
  }

  onModuleInit(): void {
    this.health.register('smtp', () => this.verify());
  }

  /** Sends one message; throws when the server refuses it or cannot be reached. */
  async send(mail: OutgoingMail): Promise<SentMail> {
    const raw = composeMimeMessage({ ...mail, from: this.from });
    const info = (await this.transporter.sendMail({ envelope: { from: bareAddress(this.from), to: [bareAddress(mail.to)] }, raw })) as {
      messageId?: string;
      response?: string;
      rejected?: unknown[];
    };
    if (Array.isArray(info.rejected) && info.rejected.length > 0) throw new Error(`the mail server rejected the recipient: ${info.response ?? ''}`);
    return { providerMessageId: (info.response ?? info.messageId ?? '').slice(0, 500) };
  }

  /** Can we talk to the mail server? Cached briefly; never throws. */
  verify(): Promise<boolean> {
    const now = Date.now();
    if (this.lastVerify && now - this.lastVerify.at < VERIFY_CACHE_MS) return this.lastVerify.ok;
    const ok = this.transporter.verify().then(
      () => true,
      (err: Error) => {
        this.logger.warn(`SMTP verify failed: ${err.message}`);
        return false;
      },
    );
    this.lastVerify = { at: now, ok };
    return ok;
  }

  /** The host part of MAIL_FROM, for Message-IDs. */
  messageIdDomain(): string {
    const match = /@([^>\s]+)>?\s*$/.exec(this.from);
    return match?.[1] ?? 'crm.local';
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
