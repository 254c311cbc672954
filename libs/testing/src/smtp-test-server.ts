import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { toReceivedMail, type ReceivedMail } from './received-mail.js';
import { waitFor } from './wait-for.js';

export interface SmtpServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Oldest messages are dropped beyond this many (default: keep all). */
  maxMessages?: number;
  /** Largest message accepted, in bytes (default 50 MiB). */
  maxMessageBytes?: number;
  /**
   * false: every message is still received to its end and accepted (250) like any other, but
   * neither parsed nor kept (`messages` stays empty, `received` counts them). For benchmarks,
   * where parsing each e-mail would cost the load generator's process more than the sending
   * costs the service that is measured.
   */
  keepMessages?: boolean;
}

export interface RunningSmtpServer {
  /** smtp://127.0.0.1:<port>, what SMTP_URL should hold. */
  url: string;
  port: number;
  /** Received messages, oldest first. */
  messages: ReceivedMail[];
  /** Messages accepted so far (also those not kept). */
  readonly received: number;
  /** Resolves with the matching messages once at least `count` (default 1) arrived. */
  waitForMessages(predicate: (mail: ReceivedMail) => boolean, opts?: { count?: number; timeoutMs?: number }): Promise<ReceivedMail[]>;
  /** Refuses the next `count` messages with a temporary failure (421), as a busy server would. */
  refuseNext(count?: number): void;
  clear(): void;
  stop(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 (no auth, no TLS) that parses and keeps what it receives, so
 * tests can read the e-mails the platform sent.
 */
export async function startSmtpServer(opts: SmtpServerOptions = {}): Promise<RunningSmtpServer> {
  const messages: ReceivedMail[] = [];
  let refusals = 0;
  let received = 0;
  const maxMessageBytes = opts.maxMessageBytes ?? 50 * 1024 * 1024;

  async function receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    if (stream.sizeExceeded) throw Object.assign(new Error('Message too large'), { responseCode: 552 });
    if (refusals > 0) {
      refusals--;
      throw Object.assign(new Error('4.7.0 Try again later'), { responseCode: 421 });
    }
    received++;
    if (opts.keepMessages === false) return;
    const raw = Buffer.concat(chunks);
    const parsed = await simpleParser(raw, { skipImageLinks: true });
    const envelope = {
      mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
      rcptTo: session.envelope.rcptTo.map((recipient) => recipient.address),
    };
    messages.push(toReceivedMail(randomUUID(), parsed, raw, envelope));
    if (opts.maxMessages !== undefined && messages.length > opts.maxMessages) messages.splice(0, messages.length - opts.maxMessages);
  }

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    size: maxMessageBytes,
    // Waiting 30 s for idle clients (a pooled transport) would stall test teardown.
    closeTimeout: 500,
    onData(stream, session, callback) {
      receive(stream, session).then(
        () => callback(),
        (err: Error) => callback(err),
      );
    },
  });
  server.on('error', () => undefined); // per-connection errors (a client hanging up) are not fatal

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;

  let stopping: Promise<void> | undefined;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    get received() {
      return received;
    },
    async waitForMessages(predicate, waitOpts = {}) {
      const count = waitOpts.count ?? 1;
      try {
        return await waitFor(
          async () => {
            const matching = messages.filter(predicate);
            return matching.length >= count ? matching : undefined;
          },
          { timeoutMs: waitOpts.timeoutMs ?? 10_000, description: `${count} e-mail(s) matching ${predicate.toString().slice(0, 120)}` },
        );
      } catch (err) {
        // Say what did arrive: usually the quickest way to see why the match failed.
        const received = messages.map((m) => `${m.to.join(',')}: ${JSON.stringify(m.subject)}`).join('; ') || 'none';
        if (err instanceof Error) err.message += ` — received ${messages.length}: ${received}`;
        throw err;
      }
    },
    refuseNext(count = 1) {
      refusals += count;
    },
    clear() {
      messages.length = 0;
    },
    stop() {
      stopping ??= new Promise<void>((resolve) => server.close(() => resolve()));
      return stopping;
    },
  };
}
