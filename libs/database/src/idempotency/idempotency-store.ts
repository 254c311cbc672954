import type { EntityManager } from 'typeorm';
import { ProblemException } from '@crm/common';
import { idempotencySchema } from './idempotency-migration.js';

/** Whose key it is: one tenant, and one user or API key in it (`user:<id>`, `api-key:<id>`). */
export interface IdempotencyScope {
  tenantId: string;
  caller: string;
}

export function idempotencyScopeOf(caller: { tenantId: string; kind: string; id: string }): IdempotencyScope {
  return { tenantId: caller.tenantId, caller: `${caller.kind}:${caller.id}` };
}

export const IDEMPOTENCY_MISMATCH_PROBLEM = 'https://crm.example/problems/idempotency-key-reused';

/**
 * Idempotency-Key for create endpoints, in the caller's transaction:
 *
 *   const previous = await store.claim(em, scope, key, fingerprint);   // locks the key
 *   if (previous) return replay(previous);     // the caller must still be allowed to see it
 *   … create …
 *   await store.remember(em, scope, key, fingerprint, created.id);
 *
 * `claim` serialises concurrent requests with the same key (advisory lock until commit) and
 * answers 422 when the key was used with a different request. The table is created by
 * `idempotencyMigrationSql(schema)`; only this class writes it.
 */
export class IdempotencyStore {
  private readonly table: string;

  constructor(private readonly schema: string) {
    this.table = `${idempotencySchema(schema)}.idempotency_record`;
  }

  /** The id the first request with this key created, or null when the key is new. */
  async claim(em: EntityManager, scope: IdempotencyScope, key: string, fingerprint: string): Promise<string | null> {
    await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${this.schema}:idempotency:${scope.tenantId}:${scope.caller}:${key}`]);
    const rows: { fingerprint: string; resource_id: string }[] = await em.query(`SELECT fingerprint, resource_id FROM ${this.table} WHERE tenant_id = $1 AND caller = $2 AND key = $3`, [
      scope.tenantId,
      scope.caller,
      key,
    ]);
    const previous = rows[0];
    if (!previous) return null;
    if (previous.fingerprint !== fingerprint) {
      throw new ProblemException(422, 'Esa Idempotency-Key ya se usó con otra solicitud; use una clave nueva para una solicitud distinta.', {
        type: IDEMPOTENCY_MISMATCH_PROBLEM,
        errors: [{ field: 'Idempotency-Key', message: 'La clave ya se usó con un cuerpo distinto.' }],
      });
    }
    return previous.resource_id;
  }

  async remember(em: EntityManager, scope: IdempotencyScope, key: string, fingerprint: string, resourceId: string): Promise<void> {
    await em.query(`INSERT INTO ${this.table} (tenant_id, caller, key, fingerprint, resource_id) VALUES ($1, $2, $3, $4, $5)`, [scope.tenantId, scope.caller, key, fingerprint, resourceId]);
  }

  /** After a merge, keys that created a merged-away record replay its survivor. */
  async repoint(em: EntityManager, tenantId: string, fromIds: readonly string[], toId: string): Promise<void> {
    if (fromIds.length === 0) return;
    await em.query(`UPDATE ${this.table} SET resource_id = $3 WHERE tenant_id = $1 AND resource_id = ANY($2::uuid[])`, [tenantId, fromIds, toId]);
  }
}
