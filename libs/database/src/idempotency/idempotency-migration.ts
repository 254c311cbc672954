const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** The schema name goes into SQL text (it cannot be a bound parameter), so only plain names pass. */
export function idempotencySchema(schema: string): string {
  if (!IDENTIFIER.test(schema)) throw new Error(`idempotency: unsafe schema name "${schema}"`);
  return `"${schema}"`;
}

/**
 * The table behind Idempotency-Key in one service schema; a service runs `up` from one of its
 * migrations (`for (const sql of up) await queryRunner.query(sql)`) and `down` to revert.
 * A key belongs to one caller (tenant + user or API key): two callers never share one. The
 * fingerprint is a SHA-256 of the request (method, path, canonical body), so the same key with
 * another request is recognised and refused.
 */
export function idempotencyMigrationSql(schema: string): { up: string[]; down: string[] } {
  const s = idempotencySchema(schema);
  return {
    up: [
      `CREATE TABLE IF NOT EXISTS ${s}.idempotency_record (
        tenant_id uuid NOT NULL,
        caller text NOT NULL,
        key text NOT NULL,
        fingerprint text NOT NULL,
        resource_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, caller, key)
      )`,
      `CREATE INDEX IF NOT EXISTS idempotency_record_resource_idx ON ${s}.idempotency_record (tenant_id, resource_id)`,
      `CREATE INDEX IF NOT EXISTS idempotency_record_created_idx ON ${s}.idempotency_record (created_at)`,
    ],
    down: [`DROP TABLE IF EXISTS ${s}.idempotency_record`],
  };
}
