import { timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Problems } from '@crm/common';
import { trackingTokenHash } from '../config/tickets-config.js';
import { Ticket } from '../tickets/ticket.entity.js';

/** `PQR-2026-000042`: anything else cannot be a radicado, and is looked up no further. */
const RADICADO_PATTERN = /^[A-Z0-9]{1,10}-\d{4}-\d{6,}$/;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,200}$/;

/** Missing radicado and wrong token answer the same, so the page tells nobody which radicados exist. */
export function trackingNotFound() {
  return Problems.notFound('La PQR no existe o el enlace de seguimiento no es válido.');
}

/**
 * Finds the ticket behind a radicado and its tracking token, without a tenant: radicados repeat
 * across tenants, the token (an HMAC of tenant and ticket) decides which one it is. Each stored
 * hash is compared in constant time with the hash of the token presented.
 */
@Injectable()
export class TrackingLookupService {
  async locate(em: EntityManager, radicado: string, token: string | undefined, lock = false): Promise<Ticket> {
    if (!RADICADO_PATTERN.test(radicado) || !token || !TOKEN_PATTERN.test(token)) throw trackingNotFound();
    const presented = Buffer.from(trackingTokenHash(token), 'hex');
    const candidates = await em.query<{ id: string; tenant_id: string; tracking_token_hash: string | null }[]>(
      'SELECT id, tenant_id, tracking_token_hash FROM tickets.ticket WHERE radicado = $1',
      [radicado],
    );
    let match: { id: string; tenant_id: string } | null = null;
    for (const candidate of candidates) {
      const stored = Buffer.from(candidate.tracking_token_hash ?? '', 'hex');
      if (stored.length === presented.length && timingSafeEqual(stored, presented)) match = candidate;
    }
    if (!match) throw trackingNotFound();
    const ticket = await em.findOne(Ticket, { where: { id: match.id, tenantId: match.tenant_id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!ticket) throw trackingNotFound();
    return ticket;
  }
}
