import { Injectable, Inject } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { oneStatementOrTransaction } from '@crm/database';
import { ProblemException, Problems, type Language } from '@crm/common';
import { TicketCategoriesService } from '../categories/ticket-categories.service.js';
import { trackingTokenOf, type TicketsConfig } from '../config/tickets-config.js';
import { TICKETS_CONFIG } from '../config/tickets-env.js';
import { TicketAttachmentsService, type StoredFile } from '../messages/ticket-attachments.service.js';
import { ReadReceiptsService } from '../messages/read-receipts.service.js';
import { TicketMessagesService, type MessageView } from '../messages/ticket-messages.service.js';
import type { UploadedFile } from '../messages/uploaded-file.js';
import { TICKET_MERGED_PROBLEM } from '../tickets/ticket-access.service.js';
import { TicketEventsPublisher } from '../tickets/ticket-events.publisher.js';
import { PQR_CLASS_LABELS, STATUS_LABELS } from '../tickets/ticket-vocabulary.js';
import type { Ticket } from '../tickets/ticket.entity.js';
import { TicketsService } from '../tickets/tickets.service.js';
import type { PublicFilingDto } from './dto/public-filing.dto.js';
import { PqrPortalService } from './pqr-portal.service.js';
import type { FilingReceipt, PublicMessageView, PublicReadReceipt, PublicTicketView } from './public-ticket.view.js';
import { RequesterReplyEffects } from './requester-reply-effects.service.js';
import { SatisfactionService } from './satisfaction.service.js';
import { TrackingLookupService } from './tracking-lookup.service.js';

const iso = (value: Date | string | null | undefined): string | null => (value instanceof Date ? value.toISOString() : (value ?? null));
const firstNameOf = (name: string | null): string | null => name?.trim().split(/\s+/)[0] || null;

/**
 * The public side of PQRs (no login): filing through the company's portal key, and tracking,
 * replying and rating with the radicado and its token.
 */
@Injectable()
export class PublicTicketsService {
  constructor(
    @Inject(TICKETS_CONFIG) private readonly config: TicketsConfig,
    private readonly dataSource: DataSource,
    private readonly portals: PqrPortalService,
    private readonly tickets: TicketsService,
    private readonly lookup: TrackingLookupService,
    private readonly messages: TicketMessagesService,
    private readonly attachments: TicketAttachmentsService,
    private readonly categories: TicketCategoriesService,
    private readonly events: TicketEventsPublisher,
    private readonly replyEffects: RequesterReplyEffects,
    private readonly satisfaction: SatisfactionService,
    private readonly receipts: ReadReceiptsService,
  ) {}

  /** Creates the ticket (user null, channel web) with its files; the acuse de recibo follows from the created event. */
  async file(dto: PublicFilingDto, files: readonly UploadedFile[]): Promise<FilingReceipt> {
    const portal = await this.portals.activeByKey(this.dataSource.manager, dto.portal);
    const stored = await this.attachments.store(portal.tenantId, files);
    try {
      // Usually one statement, the radicado's (files' rows included), with no BEGIN/COMMIT; a team
      // with an assignment rule or settings not cached yet make it a transaction.
      return await oneStatementOrTransaction(this.dataSource, async (em) => {
        const { ticket, clock } = await this.tickets.createWithClock(
          em,
          null,
          {
            tenantId: portal.tenantId,
            channel: 'web',
            pqrClass: dto.pqrClass,
            categoryId: dto.categoryId,
            subject: dto.subject,
            description: dto.description,
            requester: { ...dto.requester, email: dto.requester.email.trim().toLowerCase() },
            ...(portal.teamId ? { teamId: portal.teamId } : {}),
          },
          stored.length ? (created, writes) => this.attachments.recordWithNewTicket(writes, created.tenantId, created.id, stored) : undefined,
        );
        return {
          radicado: ticket.radicado,
          trackingToken: trackingTokenOf(this.config, ticket.tenantId, ticket.id),
          legalDueAt: iso(clock.legalDueAt),
          trackingUrl: this.events.trackingUrl(ticket),
        };
      });
    } catch (error) {
      await this.attachments.discard(stored);
      throw error;
    }
  }

  async track(radicado: string, token: string | undefined, language: Language): Promise<PublicTicketView> {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => this.viewOf(em, await this.lookup.locate(em, radicado, token), language));
  }

  /** The requester's reply: a public message; it resumes a legal suspension and ends "Pendiente". */
  async reply(radicado: string, token: string | undefined, body: string, files: readonly UploadedFile[]): Promise<PublicMessageView> {
    const ticket = await this.lookup.locate(this.dataSource.manager, radicado, token);
    const stored: StoredFile[] = await this.attachments.store(ticket.tenantId, files);
    try {
      return await this.dataSource.transaction(async (em) => {
        const locked = await this.lookup.locate(em, radicado, token, true);
        if (locked.mergedIntoId) throw await this.mergedInto(em, locked);
        if (locked.status === 'cerrado') throw Problems.conflict('La PQR está cerrada; si necesita algo más, radique una nueva.');
        const message = await this.messages.addRequesterReply(em, locked, body, stored);
        await this.replyEffects.apply(em, locked, new Date(message.createdAt));
        return publicMessage(message);
      });
    } catch (error) {
      await this.attachments.discard(stored);
      throw error;
    }
  }

  /** The requester read the conversation (up to messageId, default the latest public message). */
  async read(radicado: string, token: string | undefined, messageId: string | undefined): Promise<{ receipt: PublicReadReceipt | null }> {
    return this.dataSource.transaction(async (em) => {
      const receipt = await this.receipts.requesterRead(em, await this.lookup.locate(em, radicado, token), messageId);
      return { receipt: receipt && { from: receipt.readerKind, firstName: receipt.readerFirstName, lastReadMessageId: receipt.lastReadMessageId, readAt: receipt.readAt } };
    });
  }

  /** A short-lived link to a file of one of the ticket's PUBLIC messages (never an internal note's, never another ticket's). */
  async downloadLink(radicado: string, token: string | undefined, attachmentId: string) {
    const ticket = await this.lookup.locate(this.dataSource.manager, radicado, token);
    return this.attachments.publicDownloadLink(ticket, attachmentId);
  }

  async rate(radicado: string, token: string | undefined, rating: number, comment: string | undefined) {
    return this.dataSource.transaction(async (em) => {
      const ticket = await this.lookup.locate(em, radicado, token, true);
      if (ticket.mergedIntoId) throw await this.mergedInto(em, ticket);
      return this.satisfaction.record(em, ticket, rating, comment);
    });
  }

  /** 409 for a reply or rating on a PQR merged into another: the radicado that stays (no id: the page shows radicados only). */
  private async mergedInto(em: EntityManager, ticket: Ticket) {
    const [primary] = (await em.query('SELECT radicado FROM tickets.ticket WHERE id = $1 AND tenant_id = $2', [ticket.mergedIntoId, ticket.tenantId])) as { radicado: string }[];
    return new ProblemException(409, `Su PQR ${ticket.radicado} se unificó con la PQR ${primary?.radicado ?? ''}; siga el trámite en esa, con el enlace que le enviamos por correo.`, {
      type: TICKET_MERGED_PROBLEM,
      mergedIntoRadicado: primary?.radicado ?? null,
    });
  }

  private async viewOf(em: EntityManager, ticket: Ticket, language: Language): Promise<PublicTicketView> {
    const [messages, receipts, mergedInto, clock, rated, categoryNames] = [
      await this.messages.history(em, ticket, ['public']),
      await this.receipts.publicList(em, ticket),
      ticket.mergedIntoId ? ((await em.query('SELECT radicado FROM tickets.ticket WHERE id = $1 AND tenant_id = $2', [ticket.mergedIntoId, ticket.tenantId])) as { radicado: string }[]) : [],
      await this.events.clockOf(em, ticket),
      await this.satisfaction.find(em, ticket),
      ticket.categoryId ? await this.categories.names(em, ticket.tenantId, language) : new Map<string, string>(),
    ];
    return {
      ticketId: ticket.id,
      radicado: ticket.radicado,
      status: ticket.status,
      statusLabel: STATUS_LABELS[ticket.status][language],
      pqrClass: ticket.pqrClass,
      pqrClassLabel: PQR_CLASS_LABELS[ticket.pqrClass][language],
      category: ticket.categoryId ? (categoryNames.get(ticket.categoryId) ?? null) : null,
      subject: ticket.subject,
      description: ticket.description,
      receivedAt: ticket.receivedAt.toISOString(),
      legalDueAt: iso(clock?.legalDueAt),
      legalState: clock?.legalState ?? null,
      closedAt: iso(ticket.closedAt),
      resolution: ticket.status === 'cerrado' ? ticket.resolution : null,
      messages: messages.map(publicMessage),
      readReceipts: receipts.map((r) => ({ from: r.readerKind, firstName: r.readerFirstName, lastReadMessageId: r.lastReadMessageId, readAt: r.readAt })),
      mergedIntoRadicado: mergedInto[0]?.radicado ?? null,
      satisfaction: rated,
      // A merged-away duplicate was closed by the merge, not answered: the primary is rated.
      canRate: ticket.status === 'cerrado' && !ticket.mergedIntoId && rated === null,
    };
  }
}

/** Never the staff member's id or full name: the first name is all the requester sees. */
function publicMessage(message: MessageView): PublicMessageView {
  return {
    id: message.id,
    from: message.authorKind,
    authorFirstName: message.authorKind === 'staff' ? firstNameOf(message.authorName) : null,
    body: message.body,
    bodyHtml: message.bodyHtml,
    attachments: message.attachments.map((file) => ({ id: file.id, fileName: file.fileName, contentType: file.contentType, sizeBytes: file.sizeBytes })),
    createdAt: message.createdAt,
  };
}
