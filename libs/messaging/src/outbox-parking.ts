import type { ResolvedMessagingOptions } from './messaging-options.js';
import { quoteIdent } from './sql-identifier.js';

export interface OutboxRowFailure {
  id: string;
  reason: string;
}

/** A QueryRunner or EntityManager of the caller's transaction (anything with `query`). */
export interface SqlExecutor {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Per-row retry state of the outbox. A failed row waits until `next_attempt_at` (exponential
 * backoff with jitter) while the relay publishes later rows; after `relayMaxAttempts` it is parked
 * (`parked_at`) and copied into `dead_letter` with `origin = 'outbox'`, where the admin API lists
 * it. Replaying that dead letter hands the row back to the relay.
 */
export class OutboxParking {
  private readonly outbox: string;
  private readonly deadLetters: string;

  constructor(private readonly options: ResolvedMessagingOptions) {
    const schema = quoteIdent(options.schema);
    this.outbox = `${schema}.outbox_message`;
    this.deadLetters = `${schema}.dead_letter`;
  }

  /** Records one failed attempt per row, in the caller's transaction; returns the ids it parked. */
  async recordFailures(sql: SqlExecutor, failures: readonly OutboxRowFailure[]): Promise<string[]> {
    if (failures.length === 0) return [];
    const { relayMaxAttempts, relayRetryBaseMs, relayRetryMaxMs } = this.options;
    const rows = (await sql.query(
      `WITH failed AS (
         SELECT * FROM unnest($1::uuid[], $2::text[]) AS f(id, reason)
       ), updated AS (
         UPDATE ${this.outbox} o
            SET attempts = o.attempts + 1,
                last_error = f.reason,
                parked_at = CASE WHEN o.attempts + 1 >= $3 THEN clock_timestamp() END,
                next_attempt_at = CASE WHEN o.attempts + 1 >= $3 THEN NULL
                  ELSE clock_timestamp() + make_interval(secs => least($5::float8, $4::float8 * power(2, o.attempts)) * (0.75 + random() * 0.5) / 1000) END
           FROM failed f
          WHERE o.id = f.id AND o.published_at IS NULL
         RETURNING o.id, o.event_type, o.tenant_id, o.envelope, o.attempts, o.last_error, o.parked_at
       )
       INSERT INTO ${this.deadLetters} (id, message_id, routing_key, tenant_id, envelope, properties, headers, reason, origin)
       SELECT id, id::text, event_type, tenant_id::text, envelope,
              jsonb_build_object('messageId', id::text, 'type', event_type, 'contentType', 'application/json'), '{}'::jsonb,
              left('outbox: not published after ' || attempts || ' attempts: ' || coalesce(last_error, ''), 2000), 'outbox'
         FROM updated WHERE parked_at IS NOT NULL
       ON CONFLICT (id) DO UPDATE SET reason = EXCLUDED.reason, envelope = EXCLUDED.envelope, failed_at = now()
       RETURNING id`,
      [failures.map((f) => f.id), failures.map((f) => f.reason.slice(0, 2000)), relayMaxAttempts, relayRetryBaseMs, relayRetryMaxMs],
    )) as { id: string }[];
    return rows.map((row) => row.id);
  }

  /**
   * Hands a parked (or already published) event back to the relay with a fresh attempt count.
   * The row is re-created from the stored envelope if housekeeping deleted it meanwhile. The
   * insert's statement trigger sends NOTIFY, so the relay publishes it right after commit.
   */
  async release(sql: SqlExecutor, id: string, envelope: Record<string, unknown>, eventType: string, tenantId: string): Promise<void> {
    await sql.query(
      `INSERT INTO ${this.outbox} (id, event_type, tenant_id, subject, envelope)
       VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (id) DO UPDATE SET published_at = NULL, parked_at = NULL, next_attempt_at = NULL, attempts = 0`,
      [id, eventType, tenantId, typeof envelope.subject === 'string' ? envelope.subject : '', JSON.stringify(envelope)],
    );
  }
}
