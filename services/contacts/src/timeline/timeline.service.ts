import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { FieldChange } from '@crm/contracts';
import { ContactChange, type ContactChangeKind } from './contact-change.entity.js';

export interface TimelineEntryInput {
  tenantId: string;
  contactId: string;
  kind: ContactChangeKind;
  actorId: string;
  changes?: FieldChange[];
  details?: Record<string, unknown>;
}

/** Writes the contact's history in the same transaction as the change it describes. */
@Injectable()
export class TimelineService {
  async record(em: EntityManager, entry: TimelineEntryInput): Promise<void> {
    const change = em.create(ContactChange, { ...entry, changes: entry.changes ?? [], details: entry.details ?? {} });
    await em.save(change);
  }

  async list(em: EntityManager, tenantId: string, contactId: string, limit = 200) {
    const rows = await em.find(ContactChange, { where: { tenantId, contactId }, order: { occurredAt: 'DESC', id: 'DESC' }, take: limit });
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      actorId: row.actorId,
      changes: row.changes,
      details: row.details,
      occurredAt: row.occurredAt.toISOString(),
    }));
  }
}
