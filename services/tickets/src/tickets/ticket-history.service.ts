import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface HistoryEntry {
  tenantId: string;
  ticketId: string;
  kind: string;
  actorId: string | null;
  details?: Record<string, unknown>;
}

export interface HistoryView {
  id: string;
  kind: string;
  actorId: string | null;
  details: Record<string, unknown>;
  occurredAt: string;
}

/** What happened to a ticket and who did it, in order (creation, assignments, status, changes). */
@Injectable()
export class TicketHistoryService {
  async record(em: EntityManager, entry: HistoryEntry): Promise<void> {
    await em.query('INSERT INTO tickets.ticket_history (tenant_id, ticket_id, kind, actor_id, details) VALUES ($1, $2, $3, $4, $5::jsonb)', [
      entry.tenantId,
      entry.ticketId,
      entry.kind,
      entry.actorId,
      JSON.stringify(entry.details ?? {}),
    ]);
  }

  async list(em: EntityManager, tenantId: string, ticketId: string, kind?: string): Promise<HistoryView[]> {
    const rows: { id: string; kind: string; actor_id: string | null; details: Record<string, unknown>; occurred_at: Date }[] = await em.query(
      `SELECT id, kind, actor_id, details, occurred_at FROM tickets.ticket_history
       WHERE tenant_id = $1 AND ticket_id = $2 AND ($3::text IS NULL OR kind = $3) ORDER BY occurred_at, id LIMIT 1000`,
      [tenantId, ticketId, kind ?? null],
    );
    return rows.map((row) => ({ id: row.id, kind: row.kind, actorId: row.actor_id, details: row.details, occurredAt: row.occurred_at.toISOString() }));
  }
}
