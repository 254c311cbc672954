import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { canWrite, type AuthUser } from '@crm/auth';
import { Problems } from '@crm/common';
import { RequestersService } from '../requesters/requesters.service.js';
import { TicketAccessService } from '../tickets/ticket-access.service.js';
import { TicketClocks } from '../tickets/ticket-clocks.port.js';
import type { Ticket } from '../tickets/ticket.entity.js';
import { ConversationEventsPublisher } from './conversation-events.publisher.js';
import { renderStoredMessageHtml } from './message-markdown.js';
import { ReadReceiptsService, type ReadReceiptView } from './read-receipts.service.js';
import { TicketAttachment } from './ticket-attachment.entity.js';
import { TicketAttachmentsService, toAttachmentView, type AttachmentView, type StoredFile } from './ticket-attachments.service.js';
import { TicketMessage, type MessageKind } from './ticket-message.entity.js';
import type { UploadedFile } from './uploaded-file.js';

export const MAX_MESSAGE_LENGTH = 20_000;

export interface MessageView {
  id: string;
  ticketId: string;
  kind: MessageKind;
  authorKind: 'staff' | 'requester';
  authorId: string | null;
  authorName: string | null;
  /** The source text as typed (Markdown-style formatting). */
  body: string;
  /** The body rendered to safe HTML: no raw HTML, no images, only http(s)/mailto links (new tab, rel=noopener). */
  bodyHtml: string;
  attachments: AttachmentView[];
  /** The duplicate ticket this message came from when it was merged into this one; null otherwise. */
  mergedFromTicketId: string | null;
  createdAt: string;
}

/** Plain text as typed, without control characters other than line breaks and tabs. */
export function cleanBody(body: string): string {
  return (
    body
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
      .trim()
  );
}

/**
 * A ticket's conversation. Public replies publish tickets.ticket.replied (notifications e-mails
 * the requester, the tracking page shows them, with the safe HTML); the first public reply by
 * staff is the first response of the SLA. Internal notes publish tickets.note.added without body.
 */
@Injectable()
export class TicketMessagesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: TicketAccessService,
    private readonly attachments: TicketAttachmentsService,
    private readonly requesters: RequestersService,
    private readonly clocks: TicketClocks,
    private readonly events: ConversationEventsPublisher,
    private readonly receipts: ReadReceiptsService,
  ) {}

  async post(user: AuthUser, ticketId: string, input: { kind: MessageKind; body: string }, files: readonly UploadedFile[] = []): Promise<MessageView> {
    if (!canWrite(user)) throw Problems.forbidden();
    const body = cleanBody(input.body);
    if (!body) throw Problems.invalid([{ field: 'body', message: 'El mensaje está vacío.' }]);
    await this.access.findVisible(user, ticketId);
    const stored = await this.attachments.store(user.tenantId, files);
    try {
      return await this.dataSource.transaction(async (em) => {
        const ticket = await this.access.findVisible(user, ticketId, em, true);
        const author = await this.requesters.user(em, user.tenantId, user.id);
        const message = await this.save(em, ticket, { kind: input.kind, body, authorKind: 'staff', authorId: user.id, authorName: author?.name ?? user.name ?? null }, stored);
        if (input.kind === 'public' && !ticket.firstRespondedAt) {
          ticket.firstRespondedAt = message.createdAt;
          await em.query('UPDATE tickets.ticket SET first_responded_at = $2 WHERE id = $1', [ticket.id, message.createdAt]);
          await this.clocks.onFirstResponse(em, ticket.id, ticket.tenantId, message.createdAt);
        }
        const rows = stored.length ? await em.findBy(TicketAttachment, { messageId: message.id }) : [];
        await this.events.messagePosted(em, ticket, message, rows);
        return this.viewOf(message, rows);
      });
    } catch (error) {
      await this.attachments.discard(stored);
      throw error;
    }
  }

  /**
   * A reply the requester wrote on the public tracking page (for the public module), in the
   * caller's transaction: a public message, with files already stored by `attachments.store`.
   */
  async addRequesterReply(em: EntityManager, ticket: Ticket, body: string, files: readonly StoredFile[] = []): Promise<MessageView> {
    const text = cleanBody(body);
    if (!text) throw Problems.invalid([{ field: 'body', message: 'El mensaje está vacío.' }]);
    const message = await this.save(em, ticket, { kind: 'public', body: text, authorKind: 'requester', authorId: null, authorName: ticket.requesterName }, files);
    const rows = files.length ? await em.findBy(TicketAttachment, { messageId: message.id }) : [];
    await this.events.messagePosted(em, ticket, message, rows);
    return this.viewOf(message, rows);
  }

  /** The whole conversation of a visible ticket, oldest first, each message with its files, and who read up to where. */
  async list(user: AuthUser, ticketId: string): Promise<{ items: MessageView[]; readReceipts: ReadReceiptView[] }> {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      // A merged-away duplicate reads as empty: its conversation moved to the primary.
      const ticket = await this.access.findReadable(user, ticketId, em);
      return { items: await this.history(em, ticket, ['public', 'internal']), readReceipts: await this.receipts.list(em, ticket) };
    });
  }

  /** Messages of the given kinds (the public page asks for public ones only), oldest first. */
  async history(em: EntityManager, ticket: Ticket, kinds: readonly MessageKind[]): Promise<MessageView[]> {
    const messages = await em.find(TicketMessage, { where: { tenantId: ticket.tenantId, ticketId: ticket.id, kind: In([...kinds]) }, order: { createdAt: 'ASC', id: 'ASC' }, take: 2000 });
    if (messages.length === 0) return [];
    const files = await em.find(TicketAttachment, {
      where: { tenantId: ticket.tenantId, ticketId: ticket.id, messageId: In(messages.map((m) => m.id)) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return messages.map((message) =>
      this.viewOf(
        message,
        files.filter((file) => file.messageId === message.id),
      ),
    );
  }

  private async save(
    em: EntityManager,
    ticket: Ticket,
    fields: Pick<TicketMessage, 'kind' | 'body' | 'authorKind' | 'authorId' | 'authorName'>,
    files: readonly StoredFile[],
  ): Promise<TicketMessage> {
    const message = em.create(TicketMessage, { tenantId: ticket.tenantId, ticketId: ticket.id, ...fields });
    await em.save(message);
    await this.attachments.record(em, ticket.tenantId, ticket.id, message.id, fields.authorId, files);
    // Touch the ticket so lists sorted by updatedAt show it; no version bump (messages do not conflict with edits).
    await em.query('UPDATE tickets.ticket SET updated_at = now() WHERE id = $1', [ticket.id]);
    return message;
  }

  private viewOf(message: TicketMessage, files: TicketAttachment[]): MessageView {
    return {
      id: message.id,
      ticketId: message.ticketId,
      kind: message.kind,
      authorKind: message.authorKind,
      authorId: message.authorId,
      authorName: message.authorName,
      body: message.body,
      bodyHtml: renderStoredMessageHtml(message.id, message.body),
      attachments: files.map(toAttachmentView),
      mergedFromTicketId: message.mergedFromTicketId ?? null,
      createdAt: message.createdAt.toISOString(),
    };
  }
}
