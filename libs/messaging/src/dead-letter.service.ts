import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { decodeKeysetCursor, toPage, type Page } from '@crm/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AmqpConnection } from './amqp-connection.js';
import { AmqpHeaders } from './amqp-headers.js';
import { ConfirmPublisher } from './confirm-publisher.js';
import { MessagingMetrics } from './messaging-metrics.js';
import { MESSAGING_OPTIONS, type ResolvedMessagingOptions } from './messaging-options.js';
import { OutboxParking } from './outbox-parking.js';
import { quoteIdent } from './sql-identifier.js';

export interface DeadLetterView {
  id: string;
  messageId: string | null;
  routingKey: string;
  tenantId: string | null;
  reason: string;
  failedAt: string;
  replayedAt: string | null;
  replayCount: number;
  /** The CloudEvent as received; null when the body was not JSON (see rawBody). */
  envelope: Record<string, unknown> | null;
  rawBody: string | null;
  /** `consumer`: a delivery this service could not handle; `outbox`: an event it could not publish (parked). */
  origin: 'consumer' | 'outbox';
}

export interface DeadLetterQuery {
  limit?: number;
  cursor?: string;
  /** Only this tenant's dead letters (the admin API always sets it). */
  tenantId?: string;
  /** Only dead letters without a tenant (the platform operator's API). */
  withoutTenant?: boolean;
}

/** Whose dead letters a call may touch: one tenant's, or (platform operator) those without a tenant. */
export type DeadLetterScope = { tenantId: string } | { withoutTenant: true };

interface DeadLetterRow {
  id: string;
  message_id: string | null;
  routing_key: string;
  tenant_id: string | null;
  reason: string;
  failed_at: Date;
  failed_key: string;
  replayed_at: Date | null;
  replay_count: number;
  envelope: Record<string, unknown> | null;
  raw_body: string | null;
  properties: Record<string, unknown>;
  headers: Record<string, unknown>;
  origin: 'consumer' | 'outbox';
}

/** Headers that described the failure; a replay starts clean. */
const FAILURE_HEADERS = /^x-(death|first-death-|last-death-|delivery-count|failure-reason|dead-letter-id|retry-count|replay-of)/;
// Exact microseconds, so the keyset cursor never skips or repeats rows that share a millisecond.
const COLUMNS = `id, message_id, routing_key, tenant_id, reason, failed_at, replayed_at, replay_count, envelope, raw_body, properties, headers, origin,
  to_char(failed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS failed_key`;

/** `scope` as a plain string is a tenant id (the tenant admin API). */
function scopeWhere(id: string, scope?: string | DeadLetterScope): { where: string; params: unknown[] } {
  const resolved: DeadLetterScope | undefined = typeof scope === 'string' ? { tenantId: scope } : scope;
  if (!resolved) return { where: 'id = $1', params: [id] };
  if ('withoutTenant' in resolved) return { where: 'id = $1 AND tenant_id IS NULL', params: [id] };
  return { where: 'id = $1 AND tenant_id = $2', params: [id, resolved.tenantId] };
}

function toView(row: DeadLetterRow): DeadLetterView {
  return {
    id: row.id,
    messageId: row.message_id,
    routingKey: row.routing_key,
    tenantId: row.tenant_id,
    reason: row.reason,
    failedAt: new Date(row.failed_at).toISOString(),
    replayedAt: row.replayed_at ? new Date(row.replayed_at).toISOString() : null,
    replayCount: row.replay_count,
    envelope: row.envelope,
    rawBody: row.raw_body,
    origin: row.origin,
  };
}

/** Lists a service's dead letters and replays one into the service's own queue. */
@Injectable()
export class DeadLetterService implements OnModuleDestroy {
  private readonly table: string;
  private readonly publisher: ConfirmPublisher;
  private readonly parking: OutboxParking;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
    private readonly dataSource: DataSource,
    connection: AmqpConnection,
    private readonly metrics: MessagingMetrics,
  ) {
    this.table = `${quoteIdent(options.schema)}.dead_letter`;
    this.publisher = new ConfirmPublisher(connection, metrics, 'DeadLetterService');
    this.parking = new OutboxParking(options);
  }

  /** Newest first, keyset-paginated. */
  async list(query: DeadLetterQuery = {}): Promise<Page<DeadLetterView>> {
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
    const params: unknown[] = [];
    const where: string[] = [];
    if (query.tenantId !== undefined) {
      params.push(query.tenantId);
      where.push(`tenant_id = $${params.length}`);
    }
    if (query.withoutTenant) where.push('tenant_id IS NULL');
    const after = decodeKeysetCursor(query.cursor, ['time', 'uuid']);
    if (after) {
      params.push(String(after[0]), String(after[1]));
      where.push(`(failed_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${this.table} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY failed_at DESC, id DESC LIMIT $${params.length}`,
      params,
    )) as DeadLetterRow[];
    return toPage(rows, limit, (row) => [row.failed_key, row.id], toView);
  }

  async get(id: string, scope?: string | DeadLetterScope): Promise<DeadLetterView | null> {
    const row = await this.findRow(id, scope);
    return row ? toView(row) : null;
  }

  /**
   * Publishes the stored message again to this service's queue only (default exchange), with
   * the same messageId and a reset retry count, then marks the row. Returns null if not found.
   */
  async replay(id: string, scope?: string | DeadLetterScope): Promise<DeadLetterView | null> {
    const row = await this.findRow(id, scope);
    if (!row) return null;
    if (row.origin === 'outbox') return this.replayParkedEvent(row);
    const headers: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(row.headers ?? {})) if (!FAILURE_HEADERS.test(name)) headers[name] = value;
    Object.assign(headers, { [AmqpHeaders.originalRoutingKey]: row.routing_key, [AmqpHeaders.retryCount]: 0, [AmqpHeaders.replayOf]: row.id });
    const p = row.properties ?? {};
    const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
    const body = row.envelope ? JSON.stringify(row.envelope) : (row.raw_body ?? '');
    const queue = this.options.names.serviceQueue(this.options.service);
    const { returned } = await this.publisher.publish(
      [
        {
          exchange: '',
          routingKey: queue,
          body: Buffer.from(body),
          options: {
            persistent: true,
            mandatory: true,
            messageId: str(p.messageId) ?? row.message_id ?? row.id,
            type: str(p.type) ?? row.routing_key,
            contentType: str(p.contentType) ?? 'application/json',
            correlationId: str(p.correlationId),
            appId: str(p.appId),
            timestamp: typeof p.timestamp === 'number' ? p.timestamp : undefined,
            headers,
          },
        },
      ],
      this.options.publishTimeoutMs,
    );
    if (returned.length > 0) throw new Error(`queue ${queue} does not exist; is the consumer deployed?`);
    const [updated] = (await this.dataSource.query(
      `WITH replayed AS (
         UPDATE ${this.table} SET replayed_at = now(), replay_count = replay_count + 1 WHERE id = $1 RETURNING *
       ) SELECT ${COLUMNS} FROM replayed`,
      [row.id],
    )) as DeadLetterRow[];
    this.metrics.replayed++;
    return updated ? toView(updated) : null;
  }

  /**
   * Erases what stored dead letters of a tenant (and tenantless ones) say about a person, for an
   * anonymisation in the caller's transaction: a letter whose body, headers or reason mentions
   * any of `terms` (ids, e-mails, phones, tax ids; case-insensitive) loses its body and headers,
   * and the terms are masked in its reason, which starts with `note`. The row stays listed (the
   * failure happened); a replay sends an empty body, which is dead-lettered again at once.
   */
  async redactMentions(em: EntityManager, tenantId: string, terms: readonly string[], note: string): Promise<number> {
    const needles = [...new Set(terms.map((term) => term.trim().toLowerCase()).filter((term) => term.length >= 5))];
    if (needles.length === 0) return 0;
    const rows = (await em.query(
      `SELECT id, reason FROM ${this.table}
        WHERE (tenant_id = $1 OR tenant_id IS NULL)
          AND EXISTS (SELECT 1 FROM unnest($2::text[]) n
                      WHERE strpos(lower(concat_ws(' ', envelope::text, raw_body, headers::text, reason)), n) > 0)
        FOR UPDATE`,
      [tenantId, needles],
    )) as { id: string; reason: string }[];
    for (const row of rows) {
      let reason = row.reason;
      for (const needle of needles) reason = reason.replace(new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), '[…]');
      await em.query(`UPDATE ${this.table} SET envelope = NULL, raw_body = NULL, headers = '{}'::jsonb, reason = $2 WHERE id = $1`, [row.id, `${note} ${reason}`.slice(0, 2000)]);
    }
    return rows.length;
  }

  /**
   * An event this service could not publish goes back to its outbox (published to every
   * subscriber by the relay), not into this service's own queue.
   */
  private async replayParkedEvent(row: DeadLetterRow): Promise<DeadLetterView | null> {
    if (!row.envelope || !row.tenant_id) throw new Error('the parked event has no stored envelope');
    const [updated] = await this.dataSource.transaction(async (em) => {
      await this.parking.release(em, row.message_id ?? row.id, row.envelope!, row.routing_key, row.tenant_id!);
      return (await em.query(
        `WITH replayed AS (
           UPDATE ${this.table} SET replayed_at = now(), replay_count = replay_count + 1 WHERE id = $1 RETURNING *
         ) SELECT ${COLUMNS} FROM replayed`,
        [row.id],
      )) as DeadLetterRow[];
    });
    this.metrics.replayed++;
    return updated ? toView(updated) : null;
  }

  /**
   * Deletes a dead letter for good (nothing is published); a parked outbox event goes with it.
   * Returns false if not found.
   */
  async discard(id: string, scope?: string | DeadLetterScope): Promise<boolean> {
    const { where, params } = scopeWhere(id, scope);
    const rows = (await this.dataSource.query(
      `WITH gone AS (DELETE FROM ${this.table} WHERE ${where} RETURNING id, origin, message_id),
            parked AS (
              DELETE FROM ${quoteIdent(this.options.schema)}.outbox_message o USING gone
               WHERE gone.origin = 'outbox' AND o.id::text = gone.message_id AND o.parked_at IS NOT NULL RETURNING o.id)
       SELECT id FROM gone`,
      params,
    )) as unknown[];
    return rows.length > 0;
  }

  private async findRow(id: string, scope?: string | DeadLetterScope): Promise<DeadLetterRow | undefined> {
    const { where, params } = scopeWhere(id, scope);
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM ${this.table} WHERE ${where}`, params)) as DeadLetterRow[];
    return rows[0];
  }

  async onModuleDestroy(): Promise<void> {
    await this.publisher.close();
  }
}
