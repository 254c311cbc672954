import { quotedSchema } from './quoted-schema.js';

/**
 * The counter table of the shared rate limiter, in a service's own schema. A service runs `up`
 * from one of its migrations (`for (const sql of up) await queryRunner.query(sql)`).
 * One row per (scope, key): the current fixed window's hits and the previous window's, which is
 * all a sliding-window estimate needs. Keys are SHA-256 digests: no e-mail or IP is stored.
 */
export function rateLimitMigrationSql(schema: string): { up: string[]; down: string[] } {
  const s = quotedSchema(schema);
  return {
    up: [
      `CREATE TABLE IF NOT EXISTS ${s}.rate_limit_counter (
        scope text NOT NULL,
        key_hash bytea NOT NULL,
        window_start timestamptz NOT NULL,
        hits integer NOT NULL,
        previous_hits integer NOT NULL DEFAULT 0,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (scope, key_hash)
      )`,
      `CREATE INDEX IF NOT EXISTS rate_limit_counter_expires_idx ON ${s}.rate_limit_counter (expires_at)`,
    ],
    down: [`DROP TABLE IF EXISTS ${s}.rate_limit_counter`],
  };
}
