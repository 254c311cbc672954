import { createHash } from 'node:crypto';
import { quotedSchema } from './quoted-schema.js';
import { slidingDecision, type RateLimitDecision, type RateLimitRule } from './rate-limit-rule.js';

/** Anything that runs a parameterised query: a TypeORM DataSource or EntityManager, a pg pool. */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** A counted hit; pass it back to `refund` to take the hit back (e.g. a login that succeeded). */
export interface RateLimitHit extends RateLimitDecision {
  windowStart: Date;
}

const PRUNE_EVERY_HITS = 500;
const PRUNE_BATCH = 1000;

/**
 * Rate limits kept in Postgres (`<schema>.rate_limit_counter`, see rateLimitMigrationSql), so
 * every replica of a service counts against the same numbers and a restart forgets nothing.
 * One atomic upsert per hit (sliding window over two fixed windows, using the database clock so
 * replicas agree). Expired rows are removed now and then by whichever replica is counting.
 */
export class PostgresRateLimiter {
  private readonly table: string;
  private hitsSincePrune = 0;

  constructor(
    private readonly db: SqlRunner,
    schema: string,
  ) {
    this.table = `${quotedSchema(schema)}.rate_limit_counter`;
  }

  /** Counts one hit for `key` under `rule` and says whether it is within the limit. */
  async hit(rule: RateLimitRule, key: string): Promise<RateLimitHit> {
    const rows = rowsOf<{ hits: number; previous_hits: number; window_start: Date; elapsed: number }>(
      await this.db.query(
        `WITH w AS (SELECT to_timestamp(floor(extract(epoch FROM clock_timestamp()) / $3::int) * $3::int) AS start)
       INSERT INTO ${this.table} AS c (scope, key_hash, window_start, hits, previous_hits, expires_at)
       SELECT $1, $2, w.start, 1, 0, w.start + make_interval(secs => 2 * $3::int) FROM w
       ON CONFLICT (scope, key_hash) DO UPDATE SET
         previous_hits = CASE WHEN c.window_start = EXCLUDED.window_start THEN c.previous_hits
                              WHEN c.window_start = EXCLUDED.window_start - make_interval(secs => $3::int) THEN c.hits
                              ELSE 0 END,
         hits = CASE WHEN c.window_start = EXCLUDED.window_start THEN LEAST(c.hits + 1, 1000000000) ELSE 1 END,
         window_start = EXCLUDED.window_start,
         expires_at = EXCLUDED.expires_at
       RETURNING hits, previous_hits, window_start, extract(epoch FROM clock_timestamp() - window_start)::float8 AS elapsed`,
        [rule.scope, digest(key), rule.windowSeconds],
      ),
    );
    const row = rows[0]!;
    this.maybePrune();
    return { ...slidingDecision(rule, row.hits, row.previous_hits, row.elapsed), windowStart: row.window_start };
  }

  /** Takes back a hit counted by `hit` (in whichever window it now sits). */
  async refund(rule: RateLimitRule, key: string, hit: RateLimitHit): Promise<void> {
    await this.db.query(
      `UPDATE ${this.table} SET
         hits = CASE WHEN window_start = $3 THEN GREATEST(hits - 1, 0) ELSE hits END,
         previous_hits = CASE WHEN window_start = $3::timestamptz + make_interval(secs => $4::int) THEN GREATEST(previous_hits - 1, 0) ELSE previous_hits END
       WHERE scope = $1 AND key_hash = $2`,
      [rule.scope, digest(key), hit.windowStart, rule.windowSeconds],
    );
  }

  /** Deletes rows whose windows are over (both of them), a bounded batch at a time. */
  async prune(): Promise<void> {
    await this.db.query(`DELETE FROM ${this.table} WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${this.table} WHERE expires_at < clock_timestamp() LIMIT ${PRUNE_BATCH}))`);
  }

  private maybePrune(): void {
    if (++this.hitsSincePrune < PRUNE_EVERY_HITS) return;
    this.hitsSincePrune = 0;
    // Housekeeping: a failure here must not fail the request that happened to trigger it.
    this.prune().catch(() => undefined);
  }
}

/** TypeORM answers the rows, node-postgres a result that holds them. */
function rowsOf<Row>(result: unknown): Row[] {
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}
