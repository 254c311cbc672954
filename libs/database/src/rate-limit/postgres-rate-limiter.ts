import { createHash } from 'node:crypto';
import { CoalescingQueue, type Waiting } from '@crm/common';
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

type PendingHit = Waiting<{ rule: RateLimitRule; keyHash: Buffer }, RateLimitHit>;

const PRUNE_EVERY_HITS = 500;
/** Hits counted by one statement at most (they arrive faster than that only under a flood). */
const MAX_HITS_PER_STATEMENT = 500;
const PRUNE_BATCH = 1000;

/**
 * Rate limits kept in Postgres (`<schema>.rate_limit_counter`, see rateLimitMigrationSql), so
 * every replica of a service counts against the same numbers and a restart forgets nothing.
 * One atomic upsert per batch of concurrent hits (sliding window over two fixed windows, using the
 * database clock so replicas agree). Expired rows are removed now and then by whichever replica is counting.
 */
export class PostgresRateLimiter {
  private readonly table: string;
  private hitsSincePrune = 0;
  private readonly queue = new CoalescingQueue<PendingHit['item'], RateLimitHit>(MAX_HITS_PER_STATEMENT, (batch) => this.countBatch(batch));

  constructor(
    private readonly db: SqlRunner,
    schema: string,
  ) {
    this.table = `${quotedSchema(schema)}.rate_limit_counter`;
  }

  /**
   * Counts one hit for `key` under `rule` and says whether it is within the limit. Concurrent
   * calls coalesce: the hits that arrive while a statement is under way are counted together by
   * the next one (one upsert per rule for the whole batch, N hits of one key added at once), and
   * each caller gets the decision of its own hit, exactly as if they had been counted one by one.
   */
  hit(rule: RateLimitRule, key: string): Promise<RateLimitHit> {
    return this.queue.push({ rule, keyHash: digest(key) });
  }

  /** A batch's hits, one upsert per rule; a failed upsert fails only the hits of its rule. */
  private async countBatch(batch: PendingHit[]): Promise<void> {
    const byRule = new Map<string, PendingHit[]>();
    for (const pending of batch) {
      const ruleKey = `${pending.item.rule.scope}\u0000${pending.item.rule.windowSeconds}`;
      const group = byRule.get(ruleKey);
      if (group) group.push(pending);
      else byRule.set(ruleKey, [pending]);
    }
    await Promise.all(
      [...byRule.values()].map((group) =>
        this.count(group).catch((error: unknown) => {
          for (const pending of group) pending.reject(error);
        }),
      ),
    );
  }

  /** One upsert for hits of the same scope and window (their limits may differ: the decision is per hit). */
  private async count(group: PendingHit[]): Promise<void> {
    const { scope, windowSeconds } = group[0]!.item.rule;
    const byKey = new Map<string, { keyHash: Buffer; hits: PendingHit[] }>();
    for (const pending of group) {
      const hex = pending.item.keyHash.toString('hex');
      const entry = byKey.get(hex);
      if (entry) entry.hits.push(pending);
      else byKey.set(hex, { keyHash: pending.item.keyHash, hits: [pending] });
    }
    // Sorted keys: two replicas' batches lock shared rows in the same order (no deadlock).
    const keys = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, entry]) => entry);
    const rows = rowsOf<{ key_hash: Buffer; hits: number; previous_hits: number; window_start: Date; elapsed: number }>(
      await this.db.query(
        `WITH w AS (SELECT to_timestamp(floor(extract(epoch FROM clock_timestamp()) / $2::int) * $2::int) AS start)
       INSERT INTO ${this.table} AS c (scope, key_hash, window_start, hits, previous_hits, expires_at)
       SELECT $1, k.key_hash, w.start, k.n, 0, w.start + make_interval(secs => 2 * $2::int)
         FROM w, unnest($3::bytea[], $4::int[]) WITH ORDINALITY AS k(key_hash, n, ord) ORDER BY k.ord
       ON CONFLICT (scope, key_hash) DO UPDATE SET
         previous_hits = CASE WHEN c.window_start = EXCLUDED.window_start THEN c.previous_hits
                              WHEN c.window_start = EXCLUDED.window_start - make_interval(secs => $2::int) THEN c.hits
                              ELSE 0 END,
         hits = CASE WHEN c.window_start = EXCLUDED.window_start THEN LEAST(c.hits + EXCLUDED.hits, 1000000000) ELSE EXCLUDED.hits END,
         window_start = EXCLUDED.window_start,
         expires_at = EXCLUDED.expires_at
       RETURNING key_hash, hits, previous_hits, window_start, extract(epoch FROM clock_timestamp() - window_start)::float8 AS elapsed`,
        [scope, windowSeconds, keys.map((entry) => entry.keyHash), keys.map((entry) => entry.hits.length)],
      ),
    );
    const rowOf = new Map(rows.map((row) => [Buffer.from(row.key_hash).toString('hex'), row]));
    for (const [hex, entry] of byKey) {
      const row = rowOf.get(hex);
      if (!row) {
        for (const pending of entry.hits) pending.reject(new Error('rate limit: the counter row was not returned'));
        continue;
      }
      // The i-th hit of this batch for the key saw the count before it plus i.
      entry.hits.forEach((pending, i) => {
        const hits = row.hits - entry.hits.length + i + 1;
        pending.resolve({ ...slidingDecision(pending.item.rule, hits, row.previous_hits, row.elapsed), windowStart: row.window_start });
      });
    }
    for (let i = 0; i < group.length; i++) this.maybePrune();
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
