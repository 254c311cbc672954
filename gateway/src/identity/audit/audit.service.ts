import { Injectable } from '@nestjs/common';
import { RequestContext } from '@crm/common';
import type { EntityManager } from 'typeorm';
import type { AuditEntry } from './audit-entry.entity.js';

export interface AuditActor {
  kind: AuditEntry['actorKind'];
  id?: string;
}

export interface AuditRecord {
  tenantId: string;
  actor: AuditActor;
  entity: AuditEntry['entity'];
  entityId: string;
  action: string;
  changes?: Record<string, unknown>;
}

/** Writes the audit trail in the caller's transaction, so it exists exactly when the change does. */
@Injectable()
export class AuditService {
  async record(em: EntityManager, record: AuditRecord): Promise<void> {
    await em.query(
      `INSERT INTO identity.audit_log (tenant_id, actor_id, actor_kind, entity, entity_id, action, changes, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)`,
      [
        record.tenantId,
        record.actor.id ?? null,
        record.actor.kind,
        record.entity,
        record.entityId,
        record.action,
        JSON.stringify(record.changes ?? {}),
        RequestContext.current()?.requestId ?? null,
      ],
    );
  }
}
