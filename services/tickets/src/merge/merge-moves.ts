import type { EntityManager } from 'typeorm';
import type { Ticket } from '../tickets/ticket.entity.js';

/**
 * The rows a merge moves, in the caller's transaction: the duplicate's original request becomes a
 * message of the primary dated when the duplicate was received, then every message and file of the
 * duplicate moves (each remembers where it came from). The conversation is read by creation time,
 * so both conversations interleave in chronological order.
 */
export async function moveConversation(em: EntityManager, primary: Ticket, duplicate: Ticket): Promise<{ messages: number; attachments: number }> {
  await em.query(
    `INSERT INTO tickets.ticket_message (tenant_id, ticket_id, kind, author_kind, author_id, author_name, body, created_at, merged_from_ticket_id)
     VALUES ($1, $2, 'public', 'requester', NULL, $3, $4, $5, $6)`,
    [primary.tenantId, primary.id, duplicate.requesterName, `**${duplicate.radicado}** — ${duplicate.subject}\n\n${duplicate.description}`, duplicate.receivedAt, duplicate.id],
  );
  const messages = (await em.query(
    `UPDATE tickets.ticket_message SET ticket_id = $3, merged_from_ticket_id = coalesce(merged_from_ticket_id, $2) WHERE tenant_id = $1 AND ticket_id = $2 RETURNING id`,
    [primary.tenantId, duplicate.id, primary.id],
  )) as [unknown[], number];
  const attachments = (await em.query(
    `UPDATE tickets.ticket_attachment SET ticket_id = $3, merged_from_ticket_id = coalesce(merged_from_ticket_id, $2) WHERE tenant_id = $1 AND ticket_id = $2 RETURNING id`,
    [primary.tenantId, duplicate.id, primary.id],
  )) as [unknown[], number];
  // The duplicate's read receipts pointed at messages that now belong to the primary.
  await em.query('DELETE FROM tickets.ticket_read_receipt WHERE tenant_id = $1 AND ticket_id = $2', [primary.tenantId, duplicate.id]);
  return { messages: messages[1] + 1, attachments: attachments[1] };
}

/** The legal clock counts from the primary's new (earlier) reception date; the caller then recomputes it. */
export async function moveReceptionDate(em: EntityManager, primary: Ticket, receivedAt: Date): Promise<void> {
  await em.query('UPDATE tickets.ticket_legal_clock SET received_at = $3 WHERE tenant_id = $1 AND ticket_id = $2', [primary.tenantId, primary.id, receivedAt]);
}
