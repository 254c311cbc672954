import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { decodeKeysetCursor, DEFAULT_PAGE_SIZE, encodeCursor, MAX_PAGE_SIZE } from '@crm/common';
import type { FieldChange } from '@crm/contracts';
import { ContactChange, type ContactChangeKind } from './contact-change.entity.js';
import { TimelineRequestContext } from './timeline-request.context.js';
import { changeTitle } from './timeline-titles.js';

export interface TimelineEntryInput {
  tenantId: string;
  contactId: string;
  kind: ContactChangeKind;
  actorId: string;
  changes?: FieldChange[];
  details?: Record<string, unknown>;
}

export interface TimelinePage {
  limit?: number;
  cursor?: string;
  /** Who is looking: entries with `details.private = true` are shown to their actor only. */
  viewerId?: string;
}

/** One timeline entry: the contact's own history (source `contacts`) or what another system reported. */
export interface TimelineItem {
  id: string;
  kind: string;
  actorId: string | null;
  changes: FieldChange[];
  details: Record<string, unknown>;
  occurredAt: string;
  /** `contacts` (its own history), `erp`, `opportunities`, `tickets` or `web-form`. */
  source: string;
  title: string;
  /** The other system's id of what the entry is about (invoice, opportunity, ticket…). */
  referenceId: string | null;
}

interface TimelineRow {
  id: string;
  source: string;
  kind: string;
  actor_id: string | null;
  changes: FieldChange[];
  details: Record<string, unknown>;
  title: string | null;
  reference_id: string | null;
  occurred_at: Date;
  occurred_key: string;
}

/**
 * Writes the contact's history in the same transaction as the change it describes, and reads
 * the whole timeline: `contact_change` (its own history) merged with `contact_activity` (what the
 * ERP, opportunities, tickets and web forms reported), newest first, in keyset pages.
 */
@Injectable()
export class TimelineService {
  async record(em: EntityManager, entry: TimelineEntryInput): Promise<void> {
    const change = em.create(ContactChange, { ...entry, changes: entry.changes ?? [], details: entry.details ?? {} });
    await em.save(change);
  }

  /**
   * A page of the merged timeline. Paging and viewer come from `page`, else from the HTTP
   * request (TimelineRequestContext), else the first page of DEFAULT_PAGE_SIZE with private
   * entries hidden. The next cursor is reported back to the request context.
   */
  async list(em: EntityManager, tenantId: string, contactId: string, page?: number | TimelinePage): Promise<TimelineItem[]> {
    const { items, nextCursor } = await this.page(em, tenantId, contactId, typeof page === 'number' ? { limit: page } : page);
    const request = TimelineRequestContext.current();
    if (request) request.nextCursor = nextCursor;
    return items;
  }

  async page(em: EntityManager, tenantId: string, contactId: string, page?: TimelinePage): Promise<{ items: TimelineItem[]; nextCursor: string | null }> {
    const request = TimelineRequestContext.current();
    const limit = Math.min(Math.max(page?.limit ?? request?.limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
    const cursor = decodeKeysetCursor(page?.cursor ?? request?.cursor, ['time', 'uuid']);
    const viewerId = page?.viewerId ?? request?.viewerId ?? null;

    const params: unknown[] = [tenantId, contactId, viewerId, limit + 1];
    let after = '';
    if (cursor) {
      params.push(cursor[0], cursor[1]);
      after = 'AND (x.occurred_at, x.id) < ($5::timestamptz, $6::uuid)';
    }
    // Each side is limited on its own index before the merge, so a long history costs one page.
    const rows: TimelineRow[] = await em.query(
      `SELECT t.*, to_char(t.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_key
       FROM (
         (SELECT x.id, 'contacts'::text AS source, x.kind, x.actor_id, x.changes, x.details, NULL::text AS title, NULL::text AS reference_id, x.occurred_at
          FROM contacts.contact_change x
          WHERE x.tenant_id = $1 AND x.contact_id = $2
            AND (x.details->>'private' IS DISTINCT FROM 'true' OR x.actor_id = $3::uuid) ${after}
          ORDER BY x.occurred_at DESC, x.id DESC LIMIT $4)
         UNION ALL
         (SELECT x.id, x.source, x.kind, x.actor_id, '[]'::jsonb, x.details, x.title, x.reference_id, x.occurred_at
          FROM contacts.contact_activity x
          WHERE x.tenant_id = $1 AND x.contact_id = $2
            AND (x.details->>'private' IS DISTINCT FROM 'true' OR x.actor_id = $3::uuid) ${after}
          ORDER BY x.occurred_at DESC, x.id DESC LIMIT $4)
       ) t
       ORDER BY t.occurred_at DESC, t.id DESC
       LIMIT $4`,
      params,
    );
    const hasMore = rows.length > limit;
    const pageRows = hasMore ? rows.slice(0, limit) : rows;
    const last = pageRows[pageRows.length - 1];
    return {
      items: pageRows.map(toItem),
      nextCursor: hasMore && last ? encodeCursor([last.occurred_key, last.id]) : null,
    };
  }
}

function toItem(row: TimelineRow): TimelineItem {
  const details = row.details ?? {};
  return {
    id: row.id,
    kind: row.kind,
    actorId: row.actor_id,
    changes: row.changes ?? [],
    details,
    occurredAt: new Date(row.occurred_at).toISOString(),
    source: row.source,
    title: row.title ?? changeTitle(row.kind, details),
    referenceId: row.reference_id,
  };
}
