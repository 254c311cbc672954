import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { canWrite, type AuthUser } from '@crm/auth';
import { Problems } from '@crm/common';
import { TICKETS_TICKET_REPLIED, type TicketRepliedData } from '@crm/contracts';
import { RequestersService } from '../requesters/requesters.service.js';
import { TicketAccessService } from '../tickets/ticket-access.service.js';
import { TicketClocks } from '../tickets/ticket-clocks.port.js';
import { TicketEventsPublisher } from '../tickets/ticket-events.publisher.js';
import type { Ticket } from '../tickets/ticket.entity.js';
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
  body: string;
  attachments: AttachmentView[];
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

const firstNameOf = (name: string | null): string | null => name?.trim().split(/\s+/)[0] || null;

/**
 * A ticket's conversation. Public replies publish tickets.ticket.replied (notifications e-mails
 * the requester, the tracking page shows them); the first public reply by staff is the first
 * response of the SLA. Internal notes publish nothing at all.
 */
@Injectable()
export class TicketMessagesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: TicketAccessService,
    private readonly attachments: TicketAttachmentsService,
    private readonly requesters: RequestersService,
    private readonly clocks: TicketClocks,
    private readonly events: TicketEventsPublisher,
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
        await this.publishIfPublic(em, ticket, message);
        return this.viewOf(message, stored.length ? await em.findBy(TicketAttachment, { messageId: message.id }) : []);
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
    await this.publishIfPublic(em, ticket, message);
    return this.viewOf(message, files.length ? await em.findBy(TicketAttachment, { messageId: message.id }) : []);
  }

  /** The whole conversation of a visible ticket, oldest first, each message with its files. */
  async list(user: AuthUser, ticketId: string): Promise<{ items: MessageView[] }> {
    const ticket = await this.access.findVisible(user, ticketId);
    return { items: await this.history(this.dataSource.manager, ticket, ['public', 'internal']) };
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

  /** Internal notes never leave the service: only public messages are published. */
  private async publishIfPublic(em: EntityManager, ticket: Ticket, message: TicketMessage): Promise<void> {
    if (message.kind !== 'public') return;
    const clock = await this.events.clockOf(em, ticket);
    const data: TicketRepliedData = {
      ...this.events.base(ticket, clock),
      messageId: message.id,
      body: message.body,
      authorKind: message.authorKind,
      authorId: message.authorId,
      authorFirstName: message.authorKind === 'staff' ? firstNameOf(message.authorName) : null,
      repliedAt: message.createdAt.toISOString(),
      requester: this.events.requester(ticket),
      // The requester wrote on an unassigned ticket: notifications tells the team's managers.
      ...(message.authorKind === 'requester' && !ticket.assigneeId ? { managerIds: await this.events.teamManagers(em, ticket) } : {}),
    };
    await this.events.publish(em, ticket, TICKETS_TICKET_REPLIED, data);
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
      attachments: files.map(toAttachmentView),
      createdAt: message.createdAt.toISOString(),
    };
  }
}
