import { assertSqlIdentifier } from './sql-identifier.js';
import { TopologyNames } from './topology-names.js';

export const MESSAGING_OPTIONS = Symbol('crm:messagingOptions');

export interface MessagingModuleOptions {
  /** Service name: `source` of its events (`crm/<service>`), AMQP appId, queue `crm.<service>`. */
  service: string;
  /** Postgres schema holding outbox/inbox/dead_letter; default = service. */
  schema?: string;
  /** Run the outbox relay in this process (default true). */
  relay?: boolean;
  /** Serve GET/POST /admin/dead-letters (default = consume: a service with no consumer has no dead letters). */
  deadLettersApi?: boolean;
  /** Provide the AmqpTransport consumer (default true). A publish-only service sets false. */
  consume?: boolean;
  /** Default: env AMQP_URL (required). */
  amqpUrl?: string;
  /** Default: env AMQP_PREFIX, else ''. */
  prefix?: string;
  /** Unacked deliveries per consumer channel (default 20). */
  prefetch?: number;
  /** Quorum-queue `x-delivery-limit`: guards against crash loops (default 5). */
  deliveryLimit?: number;
  /** One retry tier per entry, its delay in ms (default 1 s, 5 s, 30 s). */
  retryDelaysMs?: number[];
  /**
   * First routing-key segments that belong to the ERP: handler patterns starting with them are
   * bound on `erp.events` instead of `crm.events` (default `sales`, `finance`).
   */
  erpDomains?: string[];
  /** Outbox rows per relay transaction, i.e. the in-flight confirm window (default 200). */
  relayBatchSize?: number;
  /** Fallback poll when no NOTIFY arrives (default 1000 ms). */
  relayPollIntervalMs?: number;
  /**
   * An outbox row the broker refuses (nack, returned, fails alone) is retried after
   * base × 2^(attempts-1), jittered, capped at `relayRetryMaxMs` (default 1 s and 5 min), while later rows flow.
   */
  relayRetryBaseMs?: number;
  relayRetryMaxMs?: number;
  /** After this many failed attempts the row is parked and shown as a dead letter (default 10). */
  relayMaxAttempts?: number;
  /** Give up waiting for broker confirms after this long (default 30 s). */
  publishTimeoutMs?: number;
  /** How long close() waits for running handlers (default 10 s). */
  shutdownTimeoutMs?: number;
  /**
   * How long the transport's listen() waits for the broker before letting the app start anyway
   * (consuming then begins when the broker is reachable). Default 15 s.
   */
  startupTimeoutMs?: number;
  /**
   * Published outbox rows move to `outbox_archive` after this many hours (default 168; 0 keeps
   * them in the outbox). The archive is the history a read-model rebuild replays.
   */
  outboxRetentionHours?: number;
  /** Archived events are deleted after this many days (default 0: kept; env OUTBOX_ARCHIVE_DAYS). */
  outboxArchiveDays?: number;
  /**
   * Inbox rows are deleted after this many days (default 30; 0 keeps them). Must exceed the
   * longest time a message can wait in a queue, a retry tier or the DLQ before a replay.
   */
  inboxRetentionDays?: number;
  /** How often the housekeeper prunes (default 10 min). */
  housekeepingIntervalMs?: number;
}

export type ResolvedMessagingOptions = Required<Omit<MessagingModuleOptions, 'prefix'>> & { names: TopologyNames };

const SERVICE_NAME = /^[a-z][a-z0-9_-]*$/;

export function resolveMessagingOptions(options: MessagingModuleOptions, env: NodeJS.ProcessEnv = process.env): ResolvedMessagingOptions {
  if (!SERVICE_NAME.test(options.service)) throw new Error(`messaging: invalid service name "${options.service}"`);
  const schema = options.schema ?? options.service;
  assertSqlIdentifier(schema);
  const amqpUrl = options.amqpUrl ?? env.AMQP_URL;
  if (!amqpUrl) throw new Error('messaging: AMQP_URL is not set (e.g. amqp://guest:guest@127.0.0.1:5672)');
  // Environment overrides let operators (and tests) tune retries without a code change.
  const envDelays = env.AMQP_RETRY_DELAYS_MS?.split(',').map((part) => Number(part.trim()));
  const retryDelaysMs = options.retryDelaysMs ?? envDelays ?? [1000, 5000, 30_000];
  if (retryDelaysMs.some((ms) => !Number.isInteger(ms) || ms <= 0)) throw new Error('messaging: retryDelaysMs must be positive integers');
  return {
    service: options.service,
    schema,
    relay: options.relay ?? true,
    deadLettersApi: options.deadLettersApi ?? options.consume ?? true,
    consume: options.consume ?? true,
    amqpUrl,
    names: new TopologyNames(options.prefix ?? env.AMQP_PREFIX ?? ''),
    prefetch: options.prefetch ?? 20,
    deliveryLimit: options.deliveryLimit ?? (env.AMQP_DELIVERY_LIMIT ? Number(env.AMQP_DELIVERY_LIMIT) : 5),
    retryDelaysMs,
    erpDomains: options.erpDomains ?? ['sales', 'finance'],
    relayBatchSize: options.relayBatchSize ?? 200,
    relayPollIntervalMs: options.relayPollIntervalMs ?? 1000,
    relayRetryBaseMs: options.relayRetryBaseMs ?? 1000,
    relayRetryMaxMs: options.relayRetryMaxMs ?? 300_000,
    relayMaxAttempts: options.relayMaxAttempts ?? 10,
    publishTimeoutMs: options.publishTimeoutMs ?? 30_000,
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? 10_000,
    startupTimeoutMs: options.startupTimeoutMs ?? 15_000,
    outboxRetentionHours: options.outboxRetentionHours ?? 168,
    outboxArchiveDays: options.outboxArchiveDays ?? (env.OUTBOX_ARCHIVE_DAYS ? Number(env.OUTBOX_ARCHIVE_DAYS) : 0),
    inboxRetentionDays: options.inboxRetentionDays ?? 30,
    housekeepingIntervalMs: options.housekeepingIntervalMs ?? 600_000,
  };
}
