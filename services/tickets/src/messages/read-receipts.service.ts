import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { Problems } from '@crm/common';
import { RequestersService } from '../requesters/requesters.service.js';
import { TicketAccessService } from '../tickets/ticket-access.service.js';
import type { Ticket } from '../tickets/ticket.entity.js';
import { ConversationEventsPublisher, firstNameOf } from './conversation-events.publisher.js';

export type ReaderKind = 'staff' | 'requester';

/** Who read the conversation up to which message (staff see every reader). */
export interface ReadReceiptView {
  readerKind: ReaderKind;
  readerId: string | null;
  readerFirstName: string | null;
  lastReadMessageId: string;
  readAt: string;
}

interface ReceiptRow {
  reader_kind: ReaderKind;
  reader_id: string | null;
  reader_first_name: string | null;
  last_read_message_id: string;
  read_at: Date;
}

const ZERO_UUID = '00000000-0000-0000-0000-000000000000';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const toView = (row: ReceiptRow): ReadReceiptView => ({
  readerKind: row.reader_kind,
  readerId: row.reader_id,
  readerFirstName: row.reader_first_name,
  lastReadMessageId: row.last_read_message_id,
  readAt: row.read_at.toISOString(),
});

/**
 * Read receipts: `POST /tickets/{id}/read` (a staff member) and `POST /public/tickets/{radicado}/read`
 * (the requester, who only reads public messages). A receipt only moves forward; each move
 * publishes tickets.conversation.read, a repeated read of the same message publishes nothing.
 */
@Injectable()
export class ReadReceiptsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: TicketAccessService,
    private readonly requesters: RequestersService,
    private readonly events: ConversationEventsPublisher,
  ) {}

  async staffRead(user: AuthUser, ticketId: string, messageId: string | undefined): Promise<ReadReceiptView | null> {
    return this.dataSource.transaction(async (em) => {
      const ticket = await this.access.findVisible(user, ticketId, em);
      const name = (await this.requesters.user(em, user.tenantId, user.id))?.name ?? user.name ?? null;
      return this.record(em, ticket, { kind: 'staff', id: user.id, firstName: firstNameOf(name) }, messageId);
    });
  }

  /** The requester's read, for the public module (ticket already found by radicado and token). */
  async requesterRead(em: EntityManager, ticket: Ticket, messageId: string | undefined): Promise<ReadReceiptView | null> {
    return this.record(em, ticket, { kind: 'requester', id: null, firstName: firstNameOf(ticket.requesterName) }, messageId);
  }

  /** Every receipt of the conversation (staff view). */
  async list(em: EntityManager, ticket: Ticket): Promise<ReadReceiptView[]> {
    const rows: ReceiptRow[] = await em.query(
      'SELECT reader_kind, reader_id, reader_first_name, last_read_message_id, read_at FROM tickets.ticket_read_receipt WHERE tenant_id = $1 AND ticket_id = $2 ORDER BY read_at',
      [ticket.tenantId, ticket.id],
    );
    return rows.map(toView);
  }

  /**
   * What the requester may see: their own receipt, and each staff member's (first name only) as
   * the last PUBLIC message at or before the one they read, so no internal note's id leaks.
   */
  async publicList(em: EntityManager, ticket: Ticket): Promise<ReadReceiptView[]> {
    const rows: ReceiptRow[] = await em.query(
      `SELECT r.reader_kind, NULL::uuid AS reader_id, r.reader_first_name, p.id AS last_read_message_id, r.read_at
         FROM tickets.ticket_read_receipt r
         JOIN tickets.ticket_message read ON read.id = r.last_read_message_id
         JOIN LATERAL (SELECT m.id FROM tickets.ticket_message m
                        WHERE m.tenant_id = r.tenant_id AND m.ticket_id = r.ticket_id AND m.kind = 'public' AND (m.created_at, m.id) <= (read.created_at, read.id)
                        ORDER BY m.created_at DESC, m.id DESC LIMIT 1) p ON true
        WHERE r.tenant_id = $1 AND r.ticket_id = $2
        ORDER BY r.read_at`,
      [ticket.tenantId, ticket.id],
    );
    return rows.map(toView);
  }

  private async record(
    em: EntityManager,
    ticket: Ticket,
    reader: { kind: ReaderKind; id: string | null; firstName: string | null },
    messageId: string | undefined,
  ): Promise<ReadReceiptView | null> {
    const kinds = reader.kind === 'staff' ? ['public', 'internal'] : ['public'];
    if (messageId !== undefined && !UUID.test(messageId)) throw Problems.invalid([{ field: 'messageId', message: 'Identificador de mensaje inválido.' }]);
    const [target] = (await em.query(
      `SELECT id FROM tickets.ticket_message WHERE tenant_id = $1 AND ticket_id = $2 AND kind = ANY($3::text[]) ${messageId ? 'AND id = $4' : ''}
        ORDER BY created_at DESC, id DESC LIMIT 1`,
      [ticket.tenantId, ticket.id, kinds, ...(messageId ? [messageId] : [])],
    )) as { id: string }[];
    if (!target) {
      if (messageId) throw Problems.invalid([{ field: 'messageId', message: 'El mensaje no pertenece a esta conversación.' }]);
      return null;
    }
    const advanced: ReceiptRow[] = await em.query(
      `INSERT INTO tickets.ticket_read_receipt AS r (tenant_id, ticket_id, reader_kind, reader_id, reader_first_name, last_read_message_id)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (ticket_id, reader_kind, coalesce(reader_id, '${ZERO_UUID}'::uuid)) DO UPDATE
          SET last_read_message_id = EXCLUDED.last_read_message_id, reader_first_name = EXCLUDED.reader_first_name, read_at = clock_timestamp()
        WHERE (SELECT (m.created_at, m.id) FROM tickets.ticket_message m WHERE m.id = r.last_read_message_id)
            < (SELECT (m.created_at, m.id) FROM tickets.ticket_message m WHERE m.id = EXCLUDED.last_read_message_id)
       RETURNING reader_kind, reader_id, reader_first_name, last_read_message_id, read_at`,
      [ticket.tenantId, ticket.id, reader.kind, reader.id, reader.firstName, target.id],
    );
    if (advanced[0]) {
      const view = toView(advanced[0]);
      await this.events.read(em, ticket, view);
      return view;
    }
    const [current] = (await em.query(
      `SELECT reader_kind, reader_id, reader_first_name, last_read_message_id, read_at FROM tickets.ticket_read_receipt
        WHERE ticket_id = $1 AND reader_kind = $2 AND coalesce(reader_id, '${ZERO_UUID}'::uuid) = coalesce($3::uuid, '${ZERO_UUID}'::uuid)`,
      [ticket.id, reader.kind, reader.id],
    )) as ReceiptRow[];
    return current ? toView(current) : null;
  }
}
