import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { DataSource, type EntityManager } from 'typeorm';
import { decodeKeysetCursor, MetricsRegistry, toPage, type Page } from '@crm/common';
import { keysetTimeKey } from '@crm/database';
import type { CreationWrites, SqlPart } from '../tickets/creation-writes.js';
import type { InboundEmailsQueryDto } from './dto/inbound-emails.query.dto.js';
import type { InboundEmailView, InboundOutcome } from './inbound-email.view.js';
import type { InboundMail } from './inbound-mail.js';
import type { ActiveSupportAddress } from './support-addresses.service.js';

export interface InboundRecord {
  outcome: InboundOutcome;
  reason: string | null;
  ticketId?: string | null;
  ticketMessageId?: string | null;
  attachmentsStored?: number;
  attachmentsRefused?: { fileName: string; reason: string }[];
}

interface LogRow {
  id: string;
  address: string;
  message_id: string;
  from_address: string | null;
  from_name: string | null;
  subject: string | null;
  outcome: InboundOutcome;
  reason: string | null;
  ticket_id: string | null;
  ticket_message_id: string | null;
  spf: string | null;
  dkim: string | null;
  dmarc: string | null;
  size_bytes: number;
  attachments_stored: number;
  attachments_refused: { fileName: string; reason: string }[];
  received_at: Date;
  keyset_time: string;
}

/** The (tenant, Message-ID) of an e-mail is already recorded: a redelivery, or two at once. */
export class AlreadyReceived extends Error {
  constructor(messageId: string) {
    super(`e-mail ${messageId} already received`);
  }
}

/**
 * The channel's log: one row per (tenant, Message-ID), written in the transaction that creates
 * the ticket or the reply (so a redelivery finds it and does nothing), or alone for ignored mail.
 * Counted on /metrics as crm_tickets_inbound_emails_total{outcome,reason}.
 */
@Injectable()
export class InboundEmailLogService {
  private readonly counter: Counter<'outcome' | 'reason'>;

  constructor(
    private readonly dataSource: DataSource,
    metrics: MetricsRegistry,
  ) {
    this.counter = new Counter({
      name: 'crm_tickets_inbound_emails_total',
      help: 'E-mails received by the tickets e-mail channel, by outcome (ticket_created, reply_added, ignored, duplicate, refused) and reason',
      labelNames: ['outcome', 'reason'],
      registers: [metrics.registry],
    });
  }

  count(outcome: string, reason: string | null): void {
    this.counter.inc({ outcome, reason: reason ?? '' });
  }

  /**
   * Before anything is stored, one round trip: already received by this tenant (a redelivery),
   * and how many e-mails from this sender to this address opened or answered tickets in the last
   * hour (the loop guard).
   */
  async precheck(address: ActiveSupportAddress, mail: InboundMail): Promise<{ seen: boolean; recentFromSender: number }> {
    const [row] = await this.dataSource.query<{ seen: boolean; recent: number }[]>(
      `SELECT EXISTS (SELECT 1 FROM tickets.inbound_email WHERE tenant_id = $1 AND message_id = $2) AS seen,
              (SELECT count(*)::int FROM tickets.inbound_email
                WHERE tenant_id = $1 AND from_address = $3 AND address_id = $4 AND received_at > now() - interval '1 hour' AND outcome <> 'ignored') AS recent`,
      [address.tenantId, mail.messageId, mail.fromAddress, address.id],
    );
    return { seen: row?.seen ?? false, recentFromSender: row?.recent ?? 0 };
  }

  /**
   * The e-mail's row with what it became, in the caller's transaction (or alone, for ignored
   * mail). Throws {@link AlreadyReceived} when the (tenant, Message-ID) is already recorded: the
   * unique key waits for a concurrent delivery's transaction, so of two deliveries at once one
   * commits and the other rolls back whatever it did (one ticket, one reply).
   */
  async record(em: EntityManager, address: ActiveSupportAddress, mail: InboundMail, record: InboundRecord): Promise<void> {
    const part = logInsert(address, mail, record);
    const rows = await em.query<{ id: string }[]>(`${part.sql} RETURNING id`, [...part.params]);
    if (rows.length === 0) throw new AlreadyReceived(mail.messageId);
    this.count(record.outcome, record.reason);
  }

  /**
   * The row of an e-mail that opens a ticket, written by the creation's radicado statement with the
   * ticket. With no ON CONFLICT: a Message-ID already recorded (or being recorded by a concurrent
   * delivery, whose commit it waits for) fails the whole statement with a unique violation, so the
   * ticket, its number and its files' rows are not written, in a transaction or not; the caller
   * turns that error into {@link AlreadyReceived} ({@link isAlreadyReceivedError}).
   */
  recordWithNewTicket(writes: CreationWrites, address: ActiveSupportAddress, mail: InboundMail, record: InboundRecord): void {
    const part = logInsert(address, mail, record, false);
    writes.add('email_log', { sql: part.sql, params: part.params });
  }

  /** The e-mails that opened or answered one ticket (the caller checked it is visible), oldest first. */
  async ofTicket(tenantId: string, ticketId: string): Promise<{ items: InboundEmailView[] }> {
    const rows = await this.dataSource.query<LogRow[]>(
      `SELECT e.*, a.address, '' AS keyset_time
         FROM tickets.inbound_email e JOIN tickets.ticket_email_address a ON a.id = e.address_id
        WHERE e.tenant_id = $1 AND e.ticket_id = $2 ORDER BY e.received_at, e.id LIMIT 500`,
      [tenantId, ticketId],
    );
    return { items: rows.map(toView) };
  }

  /** Newest first, keyset-paginated; admins only (the controller says so). */
  async list(tenantId: string, query: InboundEmailsQueryDto): Promise<Page<InboundEmailView>> {
    const after = decodeKeysetCursor(query.cursor, ['time', 'uuid']);
    const params: unknown[] = [tenantId];
    const where = ['e.tenant_id = $1'];
    if (query.ticketId) where.push(`e.ticket_id = $${params.push(query.ticketId)}`);
    if (query.outcome) where.push(`e.outcome = $${params.push(query.outcome)}`);
    if (after) where.push(`(e.received_at, e.id) < ($${params.push(after[0])}::timestamptz, $${params.push(after[1])}::uuid)`);
    params.push(query.limit + 1);
    const rows = await this.dataSource.query<LogRow[]>(
      `SELECT e.*, a.address, ${keysetTimeKey('e.received_at')} AS keyset_time
         FROM tickets.inbound_email e JOIN tickets.ticket_email_address a ON a.id = e.address_id
        WHERE ${where.join(' AND ')} ORDER BY e.received_at DESC, e.id DESC LIMIT $${params.length}`,
      params,
    );
    return toPage(rows, query.limit, (row) => [row.keyset_time, row.id], toView);
  }
}

/** The unique key of (tenant, Message-ID) in `tickets.inbound_email`. */
const ONCE_PER_MESSAGE_ID = 'inbound_email_once';

/** Whether `error` is PostgreSQL refusing a second row for a (tenant, Message-ID): the e-mail was already received. */
export function isAlreadyReceivedError(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } } | null)?.driverError;
  return driverError?.code === '23505' && driverError.constraint === ONCE_PER_MESSAGE_ID;
}

/** The log row's INSERT: nothing when the tenant already has the Message-ID, or (`skipKnown` false) a unique violation. */
function logInsert(address: ActiveSupportAddress, mail: InboundMail, record: InboundRecord, skipKnown = true): SqlPart {
  return {
    sql: `INSERT INTO tickets.inbound_email (tenant_id, address_id, message_id, from_address, from_name, subject, outcome, reason, ticket_id, ticket_message_id,
                                            spf, dkim, dmarc, auth_headers, size_bytes, attachments_stored, attachments_refused)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15, $16, $17::jsonb)${
            skipKnown
              ? `
          ON CONFLICT (tenant_id, message_id) DO NOTHING`
              : ''
          }`,
    params: [
      address.tenantId,
      address.id,
      mail.messageId,
      mail.fromAddress,
      mail.fromName?.slice(0, 300) ?? null,
      mail.subject.slice(0, 1000),
      record.outcome,
      record.reason,
      record.ticketId ?? null,
      record.ticketMessageId ?? null,
      mail.auth.spf,
      mail.auth.dkim,
      mail.auth.dmarc,
      JSON.stringify(mail.auth.headers),
      mail.sizeBytes,
      record.attachmentsStored ?? 0,
      JSON.stringify(record.attachmentsRefused ?? []),
    ],
  };
}

function toView(row: LogRow): InboundEmailView {
  return {
    id: row.id,
    address: row.address,
    messageId: row.message_id,
    fromAddress: row.from_address,
    fromName: row.from_name,
    subject: row.subject,
    outcome: row.outcome,
    reason: row.reason,
    ticketId: row.ticket_id,
    ticketMessageId: row.ticket_message_id,
    spf: row.spf,
    dkim: row.dkim,
    dmarc: row.dmarc,
    sizeBytes: row.size_bytes,
    attachmentsStored: row.attachments_stored,
    attachmentsRefused: row.attachments_refused,
    receivedAt: new Date(row.received_at).toISOString(),
  };
}
