import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Ticket } from './ticket.entity.js';

/**
 * Idempotency-Key on POST /tickets: the key maps to the ticket its first request created, per
 * tenant; concurrent requests with one key are serialised by an advisory lock.
 */
@Injectable()
export class TicketIdempotency {
  async previous(em: EntityManager, tenantId: string, key: string): Promise<Ticket | null> {
    await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tickets:${tenantId}:${key}`]);
    const rows: { resource_id: string }[] = await em.query('SELECT resource_id FROM tickets.idempotency_key WHERE tenant_id = $1 AND key = $2', [tenantId, key]);
    if (rows.length === 0) return null;
    return em.findOneBy(Ticket, { id: rows[0].resource_id, tenantId });
  }

  async remember(em: EntityManager, tenantId: string, key: string, ticketId: string): Promise<void> {
    await em.query('INSERT INTO tickets.idempotency_key (tenant_id, key, resource_id) VALUES ($1, $2, $3)', [tenantId, key, ticketId]);
  }
}
