import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { PostgresRateLimiter, rateLimitMigrationSql, type RateLimitRule } from '@crm/database';

const SCHEMA = `itest_rate_${process.pid}`;

describe('PostgresRateLimiter on the real database', () => {
  let admin: pg.Pool;
  let replicaA: pg.Pool;
  let replicaB: pg.Pool;

  beforeAll(async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('needs the Jest global setup (DATABASE_URL)');
    [admin, replicaA, replicaB] = [new pg.Pool({ connectionString: url, max: 2 }), new pg.Pool({ connectionString: url, max: 2 }), new pg.Pool({ connectionString: url, max: 2 })];
    await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await admin.query(`CREATE SCHEMA ${SCHEMA}`);
    for (const sql of rateLimitMigrationSql(SCHEMA).up) await admin.query(sql);
  });

  afterAll(async () => {
    await admin?.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await Promise.all([admin?.end(), replicaA?.end(), replicaB?.end()]);
  });

  it('counts the hits of two replicas together and refuses past the limit with a wait', async () => {
    const rule: RateLimitRule = { scope: 'shared', limit: 4, windowSeconds: 600 };
    const a = new PostgresRateLimiter(replicaA, SCHEMA);
    const b = new PostgresRateLimiter(replicaB, SCHEMA);
    const decisions = [];
    for (const limiter of [a, b, a, b, a, b]) decisions.push(await limiter.hit(rule, '203.0.113.9'));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, true, false, false]);
    expect(decisions[4]!.retryAfterSeconds).toBeGreaterThan(0);
    expect(decisions[4]!.retryAfterSeconds).toBeLessThanOrEqual(2 * rule.windowSeconds);
    // Another key and another scope have their own counts.
    expect((await a.hit(rule, '198.51.100.1')).allowed).toBe(true);
    expect((await a.hit({ ...rule, scope: 'other' }, '203.0.113.9')).allowed).toBe(true);
  });

  it('counts concurrent hits exactly once each', async () => {
    const rule: RateLimitRule = { scope: 'burst', limit: 10, windowSeconds: 600 };
    const a = new PostgresRateLimiter(replicaA, SCHEMA);
    const b = new PostgresRateLimiter(replicaB, SCHEMA);
    const decisions = await Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 ? a : b).hit(rule, 'burst-key')));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
  });

  it('decides each hit of a concurrent burst over several keys and rules on its own count', async () => {
    const a = new PostgresRateLimiter(replicaA, SCHEMA);
    const strict: RateLimitRule = { scope: 'mixed', limit: 2, windowSeconds: 600 };
    const loose: RateLimitRule = { scope: 'mixed', limit: 5, windowSeconds: 600 };
    const other: RateLimitRule = { scope: 'mixed-other', limit: 3, windowSeconds: 60 };
    const calls = [
      ...Array.from({ length: 4 }, () => ['strict', strict, 'k1'] as const),
      ...Array.from({ length: 6 }, () => ['loose', loose, 'k2'] as const),
      ...Array.from({ length: 5 }, () => ['other', other, 'k1'] as const),
    ];
    const decisions = await Promise.all(calls.map(([, rule, key]) => a.hit(rule, key)));
    const allowed = (name: string) => decisions.filter((decision, i) => calls[i]![0] === name && decision.allowed).length;
    expect([allowed('strict'), allowed('loose'), allowed('other')]).toEqual([2, 5, 3]);
    // The counts carried on: one more of each is refused.
    expect((await a.hit(strict, 'k1')).allowed).toBe(false);
    expect((await a.hit(other, 'k1')).allowed).toBe(false);
  });

  it('takes a refunded hit back', async () => {
    const rule: RateLimitRule = { scope: 'refund', limit: 1, windowSeconds: 600 };
    const limiter = new PostgresRateLimiter(replicaA, SCHEMA);
    const first = await limiter.hit(rule, 'owner');
    expect(first.allowed).toBe(true);
    await limiter.refund(rule, 'owner', first);
    expect((await limiter.hit(rule, 'owner')).allowed).toBe(true);
    expect((await limiter.hit(rule, 'owner')).allowed).toBe(false);
  });

  it('stores digests, not the keys, and prunes rows whose windows are over', async () => {
    const limiter = new PostgresRateLimiter(replicaA, SCHEMA);
    await limiter.hit({ scope: 'private', limit: 5, windowSeconds: 60 }, 'ana@cliente.co|203.0.113.9');
    const stored = await admin.query(`SELECT encode(key_hash, 'escape') AS key FROM ${SCHEMA}.rate_limit_counter WHERE scope = 'private'`);
    expect(stored.rows).toHaveLength(1);
    expect(String(stored.rows[0].key)).not.toContain('ana@cliente.co');

    await admin.query(`UPDATE ${SCHEMA}.rate_limit_counter SET expires_at = now() - interval '1 second' WHERE scope = 'private'`);
    await limiter.prune();
    const left = await admin.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.rate_limit_counter WHERE scope = 'private'`);
    expect(left.rows[0].n).toBe(0);
    expect((await admin.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.rate_limit_counter`)).rows[0].n).toBeGreaterThan(0);
  });
});
