import { loadConfig, type EnvSpec, type LoadedConfig } from '@crm/common';

/** Variables the notifications service reads besides the common ones (validated at start by runService). */
export const NOTIFICATIONS_ENV = {
  SMTP_URL: {
    kind: 'url',
    required: true,
    protocols: ['smtp', 'smtps'],
    description: 'Outgoing mail server, e.g. smtp://user:pass@mail.example:587 (smtps:// for implicit TLS)',
  },
  MAIL_FROM: { kind: 'string', default: 'CRM <no-reply@crm.local>', description: 'From address of every e-mail' },
  APP_BASE_URL: {
    kind: 'url',
    default: 'http://localhost:3000',
    protocols: ['http', 'https'],
    description: 'Public URL of the web app; e-mail links point below it',
  },
  SMTP_TIMEOUT_MS: { kind: 'int', default: '10000', description: 'Connection, greeting and socket timeout for SMTP, in ms' },
  SMTP_POOL_SIZE: { kind: 'int', default: '3', description: 'Pooled SMTP connections kept open to the mail server' },
  NOTIFICATIONS_TEST_PAUSE_AFTER_SEND: {
    kind: 'string',
    description: 'Test only, ignored when NODE_ENV=production: a file to write when an e-mail was sent but not yet marked sent, then pause (crash tests)',
  },
  TICKET_MAIL_ID_SECRET: {
    kind: 'secret',
    minLength: 32,
    description: 'Key of the verifiable Message-IDs of ticket e-mails (default JWT_SECRET); the tickets service must have the same value to recognise replies',
  },
  MAIL_TIME_ZONE: { kind: 'string', default: 'America/Bogota', description: 'IANA time zone in which e-mails show dates and times (note reminders)' },
} as const satisfies EnvSpec;

export type NotificationsConfig = LoadedConfig<typeof NOTIFICATIONS_ENV>;

export const NOTIFICATIONS_CONFIG = Symbol('notifications:config');

export function loadNotificationsConfig(env: NodeJS.ProcessEnv = process.env): NotificationsConfig {
  return loadConfig(NOTIFICATIONS_ENV, env);
}
