import type { MessageProperties } from 'amqplib';

/** AMQP header names the lib reads and writes. */
export const AmqpHeaders = {
  correlationId: 'x-correlation-id',
  tenantId: 'x-tenant-id',
  /** How many retry tiers the message has been through (0 on first delivery). */
  retryCount: 'x-retry-count',
  /**
   * The event type a message was first published with. Retry tiers and replays reach the queue
   * through the default exchange, which replaces the routing key by the queue name.
   */
  originalRoutingKey: 'x-original-routing-key',
  /** Why we dead-lettered it (handler error, invalid JSON). */
  failureReason: 'x-failure-reason',
  /** Stable id of a dead letter, so storing it twice (redelivered DLQ message) is a no-op. */
  deadLetterId: 'x-dead-letter-id',
  /** Set on a replayed message: the dead_letter row it came from. */
  replayOf: 'x-replay-of',
} as const;

interface XDeath {
  reason?: string;
  queue?: string;
  'routing-keys'?: unknown[];
}

export function headerString(properties: MessageProperties, name: string): string | undefined {
  const value: unknown = properties.headers?.[name];
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return undefined;
}

export function headerNumber(properties: MessageProperties, name: string): number {
  const value: unknown = properties.headers?.[name];
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

/** The broker's newest dead-lettering record, if the broker dead-lettered the message. */
export function latestDeath(properties: MessageProperties): XDeath | undefined {
  const deaths: unknown = properties.headers?.['x-death'];
  return Array.isArray(deaths) && deaths.length > 0 ? (deaths[0] as XDeath) : undefined;
}

/** The event type: our header first, then what the broker remembers, then the key it arrived with. */
export function eventRoutingKey(properties: MessageProperties, arrivedWith: string): string {
  const original = headerString(properties, AmqpHeaders.originalRoutingKey);
  if (original) return original;
  return arrivedWith;
}

/** Turns AMQP header values (Buffers, bigints, typed timestamps) into something jsonb stores. */
export function toJsonSafe(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJsonSafe);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toJsonSafe(v)]));
  }
  return value;
}
