import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HealthRegistry, ProblemException } from '@crm/common';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { EMAIL_CHANNEL_CONFIG, type EmailChannelConfig } from './email-channel-env.js';
import { InboundEmailLogService } from './inbound-email-log.service.js';
import { readInboundMail } from './inbound-mail.js';
import { InboundMailService } from './inbound-mail.service.js';
import { SupportAddressesService, type ActiveSupportAddress } from './support-addresses.service.js';

type SmtpError = Error & { responseCode: number };

const smtpError = (code: number, message: string): SmtpError => Object.assign(new Error(message), { responseCode: code });

/**
 * The inbound SMTP listener of the e-mail channel (the `smtp-server` package), started by the
 * tickets process when TICKETS_SMTP_PORT is set. It sits behind the company's MX or relay: no
 * AUTH, no TLS here (the relay terminates them), only mail for an active support address is
 * accepted (550 at RCPT otherwise). SIZE is announced and enforced while reading (552). The 250
 * after DATA comes once the ticket or reply is committed, so a sender that got it never loses the
 * mail; a passing failure (database, S3) answers 451 and the sender retries (the Message-ID makes
 * the retry a no-op if the first attempt did commit).
 */
@Injectable()
export class InboundSmtpServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InboundSmtpServer.name);
  private server?: SMTPServer;
  /** Bytes of messages being received or processed, across connections (TICKETS_SMTP_MEMORY_BYTES). */
  private bytesInFlight = 0;
  /** The support addresses accepted at RCPT, per SMTP session, for its DATA. */
  private readonly recipients = new Map<string, ActiveSupportAddress[]>();

  constructor(
    @Inject(EMAIL_CHANNEL_CONFIG) private readonly config: EmailChannelConfig,
    private readonly addresses: SupportAddressesService,
    private readonly inbound: InboundMailService,
    private readonly log: InboundEmailLogService,
    private readonly health: HealthRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.port === null) return;
    const server = new SMTPServer({
      name: this.config.serverName,
      banner: 'CRM PQR e-mail channel',
      secure: false,
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      disableReverseLookup: true,
      logger: false,
      size: this.config.maxBytes,
      maxClients: this.config.maxClients,
      socketTimeout: 60_000,
      closeTimeout: 2_000,
      onRcptTo: (address, session, callback) => {
        this.acceptRecipient(address).then(
          (known) => {
            this.recipients.set(session.id, [...(this.recipients.get(session.id) ?? []), known]);
            callback();
          },
          (error: Error) => callback(error),
        );
      },
      onData: (stream, session, callback) => {
        const targets = this.recipients.get(session.id) ?? [];
        this.recipients.delete(session.id);
        this.receive(stream, session, targets).then(
          () => callback(),
          (error: Error) => callback(error),
        );
      },
      // RSET / a new MAIL FROM starts a new envelope; a closed connection forgets its own.
      onMailFrom: (_address, session, callback) => {
        this.recipients.delete(session.id);
        callback();
      },
      onClose: (session) => {
        this.recipients.delete(session.id);
      },
    });
    server.on('error', (error) => this.logger.warn(`SMTP connection error: ${error.message}`));
    // Reported on /health (`email-channel`); a port that cannot be bound (taken by another
    // process) does not take the HTTP API down with it, but says so there and in the log.
    this.health.register('email-channel', () => Promise.resolve(this.server !== undefined));
    try {
      await new Promise<void>((resolve, reject) => {
        server.server.once('error', reject);
        server.listen(this.config.port!, this.config.host, () => {
          server.server.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      this.logger.error(`inbound e-mail (SMTP) could not listen on ${this.config.host}:${this.config.port}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.server = server;
    const bound = server.server.address();
    this.logger.log(`inbound e-mail (SMTP) listening on ${this.config.host}:${typeof bound === 'object' && bound ? bound.port : this.config.port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async acceptRecipient(address: SMTPServerAddress): Promise<ActiveSupportAddress> {
    let known: ActiveSupportAddress | null;
    try {
      known = await this.addresses.activeByAddress(address.address);
    } catch {
      throw smtpError(451, '4.3.0 Temporary failure, try again later');
    }
    if (!known) {
      this.log.count('refused', 'unknown_recipient');
      throw smtpError(550, '5.1.1 No such mailbox here');
    }
    return known;
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession, recipients: readonly ActiveSupportAddress[]): Promise<void> {
    let held = 0;
    try {
      const raw = await this.read(stream, (more) => {
        held += more;
        this.bytesInFlight += more;
      });
      await this.process(raw, session, recipients);
    } finally {
      this.bytesInFlight -= held;
    }
  }

  /**
   * The message's bytes, within the size limit (552 beyond) and within the memory budget shared
   * by all connections (451 beyond: the sender retries later, nothing is lost).
   */
  private async read(stream: SMTPServerDataStream, hold: (bytes: number) => void): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let overBudget = false;
    for await (const chunk of stream) {
      const buffer = chunk as Buffer;
      bytes += buffer.length;
      if (bytes > this.config.maxBytes || overBudget) continue;
      if (this.bytesInFlight + buffer.length > this.config.memoryBytes) {
        overBudget = true;
        continue;
      }
      hold(buffer.length);
      chunks.push(buffer);
    }
    if (stream.sizeExceeded || bytes > this.config.maxBytes) {
      this.log.count('refused', 'too_large');
      throw smtpError(552, `5.3.4 Message exceeds the maximum size of ${this.config.maxBytes} bytes`);
    }
    if (overBudget) {
      this.log.count('refused', 'busy');
      throw smtpError(451, '4.3.1 Too much mail in progress, try again later');
    }
    return Buffer.concat(chunks);
  }

  private async process(raw: Buffer, session: SMTPServerSession, recipients: readonly ActiveSupportAddress[]): Promise<void> {
    const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
    const mail = await readInboundMail(raw, envelopeFrom).catch(() => {
      throw smtpError(554, '5.6.0 The message could not be parsed');
    });
    try {
      // Once per support address, however many times it was named in the envelope.
      const targets = new Map(recipients.map((address) => [address.id, address]));
      for (const address of targets.values()) {
        const result = await this.inbound.receive(address, mail);
        this.logger.debug(`e-mail ${mail.messageId} to ${address.address}: ${JSON.stringify(result)}`);
      }
    } catch (error) {
      if (error instanceof ProblemException && error.getStatus() < 500) {
        // Retrying cannot fix it: the sender gets a bounce that says so.
        this.log.count('refused', 'invalid');
        this.logger.warn(`e-mail ${mail.messageId} refused: ${error.detail}`);
        throw smtpError(554, `5.6.0 The message was refused: ${error.detail}`);
      }
      this.logger.warn(`e-mail ${mail.messageId} not processed, the sender will retry: ${error instanceof Error ? error.message : String(error)}`);
      throw smtpError(451, '4.3.0 Temporary failure, try again later');
    }
  }
}
