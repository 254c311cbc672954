import { hostname } from 'node:os';
import { loadConfig, ticketMailIdSecret, type EnvSpec } from '@crm/common';

/** Variables of the e-mail channel (validated when the tickets service starts). */
export const EMAIL_CHANNEL_ENV = {
  TICKETS_SMTP_PORT: { kind: 'int', description: 'Port of the inbound SMTP listener (e-mail to ticket); unset = no listener in this process. `npm start` sets 2525' },
  TICKETS_SMTP_HOST: { kind: 'string', default: '127.0.0.1', description: 'Address the inbound SMTP listener binds (0.0.0.0 behind the MX relay in production)' },
  TICKETS_SMTP_HOSTNAME: { kind: 'string', description: 'Name in the SMTP greeting (default: the machine name)' },
  TICKETS_SMTP_MAX_BYTES: { kind: 'int', default: '26214400', description: 'Largest e-mail accepted, announced with SIZE and enforced while reading (552 beyond)' },
  TICKETS_SMTP_MEMORY_BYTES: {
    kind: 'int',
    default: '268435456',
    description: 'Bytes of e-mail held in memory at once across connections (receiving and processing); beyond it a message is answered 451 and retried by the sender',
  },
  TICKETS_SMTP_MAX_CLIENTS: { kind: 'int', default: '100', description: 'Simultaneous SMTP connections accepted' },
  TICKETS_EMAIL_MAX_ATTACHMENTS: { kind: 'int', default: '10', description: 'Files kept per e-mail; the rest are refused (recorded)' },
  TICKETS_EMAIL_SENDER_HOURLY_LIMIT: {
    kind: 'int',
    default: '60',
    description: 'E-mails per sender and support address per hour that can open or answer tickets; more are ignored (loop guard for auto-responders without headers)',
  },
  TICKET_MAIL_ID_SECRET: { kind: 'secret', minLength: 32, description: 'Key of the Message-IDs of ticket e-mails (default JWT_SECRET); notifications must have the same' },
} as const satisfies EnvSpec;

export const EMAIL_CHANNEL_CONFIG = Symbol('tickets:emailChannelConfig');

export interface EmailChannelConfig {
  /** null: no listener in this process. */
  port: number | null;
  host: string;
  serverName: string;
  maxBytes: number;
  memoryBytes: number;
  maxClients: number;
  maxAttachments: number;
  senderHourlyLimit: number;
  mailIdSecret: string;
}

function between(name: string, value: number, min: number, max: number): number {
  if (value < min || value > max) throw new Error(`${name} must be between ${min} and ${max} (got ${value})`);
  return value;
}

/** Read at start; a malformed value stops the service with a message naming the variable. */
export function loadEmailChannelConfig(env: NodeJS.ProcessEnv = process.env): EmailChannelConfig {
  const config = loadConfig(EMAIL_CHANNEL_ENV, env);
  return {
    port: config.TICKETS_SMTP_PORT === undefined ? null : between('TICKETS_SMTP_PORT', config.TICKETS_SMTP_PORT, 0, 65535),
    host: config.TICKETS_SMTP_HOST ?? '127.0.0.1',
    serverName: config.TICKETS_SMTP_HOSTNAME ?? hostname(),
    maxBytes: between('TICKETS_SMTP_MAX_BYTES', config.TICKETS_SMTP_MAX_BYTES ?? 26_214_400, 1024, 200 * 1024 * 1024),
    memoryBytes: between('TICKETS_SMTP_MEMORY_BYTES', config.TICKETS_SMTP_MEMORY_BYTES ?? 268_435_456, 64 * 1024, 16 * 1024 * 1024 * 1024),
    maxClients: between('TICKETS_SMTP_MAX_CLIENTS', config.TICKETS_SMTP_MAX_CLIENTS ?? 100, 1, 10_000),
    maxAttachments: between('TICKETS_EMAIL_MAX_ATTACHMENTS', config.TICKETS_EMAIL_MAX_ATTACHMENTS ?? 10, 0, 100),
    senderHourlyLimit: between('TICKETS_EMAIL_SENDER_HOURLY_LIMIT', config.TICKETS_EMAIL_SENDER_HOURLY_LIMIT ?? 60, 1, 1_000_000),
    mailIdSecret: ticketMailIdSecret(env),
  };
}
