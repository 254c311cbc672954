import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { oneStatementOrTransaction } from '@crm/database';
import type { TicketsConfig } from '../config/tickets-config.js';
import { TICKETS_CONFIG } from '../config/tickets-env.js';
import { TicketAttachmentsService, type StoredFile } from '../messages/ticket-attachments.service.js';
import { cleanBody, MAX_MESSAGE_LENGTH, TicketMessagesService } from '../messages/ticket-messages.service.js';
import { RequesterReplyEffects } from '../public/requester-reply-effects.service.js';
import type { Ticket } from '../tickets/ticket.entity.js';
import type { CreationWrites } from '../tickets/creation-writes.js';
import { TicketsService } from '../tickets/tickets.service.js';
import { EMAIL_CHANNEL_CONFIG, type EmailChannelConfig } from './email-channel-env.js';
import { selectFiles, type FileSelection } from './inbound-files.js';
import { AlreadyReceived, InboundEmailLogService, isAlreadyReceivedError } from './inbound-email-log.service.js';
import type { InboundMail } from './inbound-mail.js';
import { ignoreReason } from './loop-guard.js';
import { DefaultCategoryCheck } from './default-category-check.service.js';
import { ReplyMatcher } from './reply-matcher.service.js';
import { newPartOfReply } from './reply-text.js';
import type { ActiveSupportAddress } from './support-addresses.service.js';

export type InboundResult =
  | { outcome: 'ticket_created'; ticketId: string; radicado: string }
  | { outcome: 'reply_added'; ticketId: string; messageId: string }
  | { outcome: 'ignored'; reason: string }
  | { outcome: 'duplicate' };

const REFUSAL_LABELS: Record<FileSelection['refused'][number]['reason'], string> = {
  type_not_allowed: 'tipo de archivo no permitido',
  too_large: 'supera el tamaño máximo',
  too_many: 'demasiados adjuntos',
};

/**
 * One e-mail to one support address → a new ticket (channel e-mail, requester = the sender,
 * whom contacts links to their contact by address; acuse de recibo as for public filing), a
 * public reply of the requester on the ticket it answers, or nothing (auto-replies, loops, our
 * own mail, bounces, a sender over the hourly limit), always recorded once per Message-ID.
 * Files go to S3 first (sniffed, limited) and are removed again if the transaction fails.
 */
@Injectable()
export class InboundMailService {
  private readonly logger = new Logger(InboundMailService.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(EMAIL_CHANNEL_CONFIG) private readonly config: EmailChannelConfig,
    @Inject(TICKETS_CONFIG) private readonly ticketsConfig: TicketsConfig,
    private readonly log: InboundEmailLogService,
    private readonly matcher: ReplyMatcher,
    private readonly tickets: TicketsService,
    private readonly messages: TicketMessagesService,
    private readonly attachments: TicketAttachmentsService,
    private readonly replyEffects: RequesterReplyEffects,
    private readonly categories: DefaultCategoryCheck,
  ) {}

  async receive(address: ActiveSupportAddress, mail: InboundMail): Promise<InboundResult> {
    const { seen, recentFromSender } = await this.log.precheck(address, mail);
    if (seen) return this.duplicate();
    const ignored =
      ignoreReason(mail.loop, this.config.mailIdSecret) ?? (mail.fromAddress ? null : 'no_sender') ?? (recentFromSender >= this.config.senderHourlyLimit ? 'sender_rate_limited' : null);
    if (ignored) return this.ignore(address, mail, ignored);

    const files = selectFiles(mail.files, { maxBytes: this.ticketsConfig.attachmentMaxBytes, maxFiles: this.config.maxAttachments });
    const stored = await this.attachments.store(address.tenantId, files.accepted);
    try {
      // The log row is written last, with what the e-mail became: a concurrent delivery of the same
      // Message-ID waits on its unique key, and the one that finds it taken rolls back (AlreadyReceived).
      // A new e-mail's ticket is usually the radicado's one statement (no BEGIN/COMMIT); a reply,
      // or an address whose default category must be checked, makes it a transaction.
      return await oneStatementOrTransaction(this.dataSource, async (em): Promise<InboundResult> => {
        const match = await this.matcher.match(em, address.tenantId, mail, this.config.mailIdSecret);
        const record = { attachmentsStored: stored.length, attachmentsRefused: files.refused };
        if (match.ticket) {
          const messageId = await this.reply(em, match.ticket, mail, stored, files);
          await this.log.record(em, address, mail, { outcome: 'reply_added', reason: match.via, ticketId: match.ticket.id, ticketMessageId: messageId, ...record });
          return { outcome: 'reply_added', ticketId: match.ticket.id, messageId };
        }
        // The log row and the files' rows are written with the ticket by the radicado's statement.
        const ticket = await this.open(em, address, mail, files, (ticketId, writes) => {
          this.attachments.recordWithNewTicket(writes, address.tenantId, ticketId, stored);
          this.log.recordWithNewTicket(writes, address, mail, { outcome: 'ticket_created', reason: match.reason, ticketId, ...record });
        });
        this.log.count('ticket_created', match.reason);
        return { outcome: 'ticket_created', ticketId: ticket.id, radicado: ticket.radicado };
      });
    } catch (error) {
      await this.attachments.discard(stored);
      if (error instanceof AlreadyReceived || isAlreadyReceivedError(error)) return this.duplicate();
      throw error;
    }
  }

  private async open(
    em: EntityManager,
    address: ActiveSupportAddress,
    mail: InboundMail,
    files: FileSelection,
    beforeRadicado: (ticketId: string, writes: CreationWrites) => void,
  ): Promise<Ticket> {
    const from = mail.fromAddress!;
    // A default category retired since the address was set up: the ticket opens without one.
    const categoryId = address.categoryId && (await this.categories.isSelectable(em, address.tenantId, address.categoryId)) ? address.categoryId : null;
    const subject = mail.subject.replace(/\s+/g, ' ').trim();
    const { ticket } = await this.tickets.createWithClock(
      em,
      null,
      {
        tenantId: address.tenantId,
        channel: 'email',
        pqrClass: address.pqrClass,
        priority: address.priority,
        ...(categoryId ? { categoryId } : {}),
        ...(address.teamId ? { teamId: address.teamId } : {}),
        subject: (subject.length >= 3 ? subject : `${subject} (sin asunto)`.trim()).slice(0, 300),
        description: this.text(cleanBody(mail.text), files, '(Correo sin texto)'),
        requester: { name: (mail.fromName || from.split('@')[0]!).slice(0, 200), email: from, language: 'es' },
        emailMessageId: mail.messageId,
      },
      (created, writes) => beforeRadicado(created.id, writes),
    );
    return ticket;
  }

  private async reply(em: EntityManager, ticket: Ticket, mail: InboundMail, stored: StoredFile[], files: FileSelection): Promise<string> {
    const body = this.text(cleanBody(newPartOfReply(mail.text)), files, '(Respuesta por correo sin texto)');
    const message = await this.messages.addRequesterReply(em, ticket, body, stored);
    await this.replyEffects.apply(em, ticket, new Date(message.createdAt));
    return message.id;
  }

  /** The text kept (capped), with a line per refused file so staff know something was left out. */
  private text(body: string, files: FileSelection, whenEmpty: string): string {
    const notes = files.refused.slice(0, 20).map((file) => `[Adjunto no recibido: ${file.fileName.slice(0, 120)} (${REFUSAL_LABELS[file.reason]})]`);
    const suffix = notes.length ? `\n\n${notes.join('\n')}` : '';
    const room = MAX_MESSAGE_LENGTH - suffix.length;
    const text = (body.length > room ? `${body.slice(0, room - 1)}…` : body) || whenEmpty;
    return `${text}${suffix}`.trim();
  }

  private async ignore(address: ActiveSupportAddress, mail: InboundMail, reason: string): Promise<InboundResult> {
    try {
      await this.log.record(this.dataSource.manager, address, mail, { outcome: 'ignored', reason });
    } catch (error) {
      if (error instanceof AlreadyReceived) return this.duplicate();
      throw error;
    }
    this.logger.log(`ignored e-mail ${mail.messageId} from ${mail.fromAddress ?? '<>'} to ${address.address}: ${reason}`);
    return { outcome: 'ignored', reason };
  }

  private duplicate(): InboundResult {
    this.log.count('duplicate', null);
    return { outcome: 'duplicate' };
  }
}
