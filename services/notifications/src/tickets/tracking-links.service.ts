import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Remembers each ticket's public tracking link (from `created`) for the requester's later e-mails. */
@Injectable()
export class TrackingLinksService {
  async remember(em: EntityManager, tenantId: string, ticketId: string, radicado: string, trackingUrl: string): Promise<void> {
    await this.rememberAll(em, [{ tenantId, ticketId, radicado, trackingUrl }]);
  }

  /** {@link remember} for several tickets in one statement (a batch of `created` events; the last link of a ticket wins). */
  async rememberAll(em: EntityManager, links: readonly { tenantId: string; ticketId: string; radicado: string; trackingUrl: string }[]): Promise<void> {
    const byTicket = new Map(links.map((link) => [`${link.tenantId}:${link.ticketId}`, link]));
    if (byTicket.size === 0) return;
    const unique = [...byTicket.values()];
    await em.query(
      `INSERT INTO ticket_tracking_link (tenant_id, ticket_id, radicado, tracking_url)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[])
       ON CONFLICT (tenant_id, ticket_id) DO UPDATE SET tracking_url = EXCLUDED.tracking_url, radicado = EXCLUDED.radicado`,
      [unique.map((l) => l.tenantId), unique.map((l) => l.ticketId), unique.map((l) => l.radicado), unique.map((l) => l.trackingUrl)],
    );
  }

  /** The event's own link wins; otherwise the one `created` carried; null when neither exists. */
  async resolve(em: EntityManager, tenantId: string, ticketId: string, fromEvent: string | null | undefined): Promise<string | null> {
    if (fromEvent) return fromEvent;
    const rows = await em.query<{ tracking_url: string }[]>(`SELECT tracking_url FROM ticket_tracking_link WHERE tenant_id = $1 AND ticket_id = $2`, [tenantId, ticketId]);
    return rows[0]?.tracking_url ?? null;
  }
}
