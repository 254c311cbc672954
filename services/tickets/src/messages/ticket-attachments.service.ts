import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { Problems } from '@crm/common';
import { commitOrDiscard, discardUploads, DOCUMENT_STORAGE, downloadLink, storeUploads, type DocumentStorage, type StoredUpload } from '@crm/storage';
import type { CreationWrites } from '../tickets/creation-writes.js';
import { TicketAccessService } from '../tickets/ticket-access.service.js';
import type { Ticket } from '../tickets/ticket.entity.js';
import { TicketAttachment } from './ticket-attachment.entity.js';
import type { UploadedFile } from './uploaded-file.js';

export interface AttachmentView {
  id: string;
  ticketId: string;
  messageId: string | null;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  uploadedBy: string | null;
  createdAt: string;
}

export function toAttachmentView(attachment: TicketAttachment): AttachmentView {
  return {
    id: attachment.id,
    ticketId: attachment.ticketId,
    messageId: attachment.messageId,
    fileName: attachment.fileName,
    contentType: attachment.contentType,
    sizeBytes: attachment.sizeBytes,
    uploadedBy: attachment.uploadedBy,
    createdAt: attachment.createdAt.toISOString(),
  };
}

/** A file sniffed and put in S3, waiting for its row (see {@link TicketAttachmentsService.store}). */
export type StoredFile = StoredUpload;

/**
 * Ticket attachments, the contacts documents' way: the type is judged by the bytes (415 when not
 * allowed), bytes go to S3 first, the row is committed after; if the commit fails the objects are
 * removed (`discard`), so no row ever points at a missing object.
 */
@Injectable()
export class TicketAttachmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: TicketAccessService,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  /** Sniffs every file first (nothing stored if one is refused), then puts them in S3. */
  store(tenantId: string, files: readonly UploadedFile[]): Promise<StoredFile[]> {
    return storeUploads(this.storage, files, { tenantId, folder: 'ticket-attachments', noun: 'archivos' });
  }

  /** The rows of stored files, in the caller's transaction. */
  async record(em: EntityManager, tenantId: string, ticketId: string, messageId: string | null, uploadedBy: string | null, files: readonly StoredFile[]): Promise<TicketAttachment[]> {
    const rows = files.map((file) => em.create(TicketAttachment, { tenantId, ticketId, messageId, uploadedBy, ...file }));
    if (rows.length > 0) await em.save(rows);
    return rows;
  }

  /** The rows of stored files of a ticket being created: written by its radicado statement, with the ticket (see CreationWrites). */
  recordWithNewTicket(writes: CreationWrites, tenantId: string, ticketId: string, files: readonly StoredFile[]): void {
    if (files.length === 0) return;
    writes.add('ticket_files', {
      sql: `INSERT INTO tickets.ticket_attachment (tenant_id, ticket_id, file_name, content_type, size_bytes, object_key)
            SELECT $1::uuid, $2::uuid, f.file_name, f.content_type, f.size_bytes, f.object_key
              FROM unnest($3::text[], $4::text[], $5::bigint[], $6::text[]) AS f(file_name, content_type, size_bytes, object_key)`,
      params: [tenantId, ticketId, files.map((file) => file.fileName), files.map((file) => file.contentType), files.map((file) => file.sizeBytes), files.map((file) => file.objectKey)],
    });
  }

  /** Removes objects whose rows were not committed. */
  discard(files: readonly StoredFile[]): Promise<void> {
    return discardUploads(this.storage, files);
  }

  /** Attaches files to the ticket itself (not to a message). */
  async upload(user: AuthUser, ticketId: string, files: readonly UploadedFile[]): Promise<AttachmentView[]> {
    const ticket = await this.access.findVisible(user, ticketId);
    const stored = await this.store(user.tenantId, files);
    return commitOrDiscard(this.storage, stored, () =>
      this.dataSource.transaction(async (em) => {
        await this.access.findVisible(user, ticket.id, em, true);
        const rows = await this.record(em, user.tenantId, ticket.id, null, user.id, stored);
        await em.query("INSERT INTO tickets.ticket_history (tenant_id, ticket_id, kind, actor_id, details) VALUES ($1, $2, 'attachment_added', $3, $4::jsonb)", [
          user.tenantId,
          ticket.id,
          user.id,
          JSON.stringify({ attachmentIds: rows.map((row) => row.id) }),
        ]);
        return rows.map(toAttachmentView);
      }),
    );
  }

  /** Every file of a visible ticket (its own and its messages'), oldest first. */
  async list(user: AuthUser, ticketId: string): Promise<{ items: AttachmentView[] }> {
    const ticket = await this.access.findReadable(user, ticketId);
    const rows = await this.dataSource.manager.find(TicketAttachment, { where: { tenantId: user.tenantId, ticketId: ticket.id }, order: { createdAt: 'ASC', id: 'ASC' }, take: 500 });
    return { items: rows.map(toAttachmentView) };
  }

  /**
   * For the requester's tracking page: only a file of a PUBLIC message of this very ticket (files of
   * internal notes and files staff attached to the ticket itself stay staff-only); anything else 404.
   */
  async publicDownloadLink(ticket: Ticket, attachmentId: string): Promise<{ url: string; expiresAt: string }> {
    const notFound = () => Problems.notFound('El archivo no existe.');
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(attachmentId)) throw notFound();
    const [row] = (await this.dataSource.query(
      `SELECT a.object_key, a.file_name FROM tickets.ticket_attachment a JOIN tickets.ticket_message m ON m.id = a.message_id AND m.kind = 'public'
        WHERE a.id = $1 AND a.tenant_id = $2 AND a.ticket_id = $3 AND m.ticket_id = $3`,
      [attachmentId, ticket.tenantId, ticket.id],
    )) as { object_key: string; file_name: string }[];
    if (!row) throw notFound();
    return downloadLink(this.storage, row.object_key, row.file_name);
  }

  async downloadLink(user: AuthUser, ticketId: string, attachmentId: string): Promise<{ url: string; expiresAt: string }> {
    const ticket = await this.access.findReadable(user, ticketId);
    const attachment = await this.dataSource.manager.findOneBy(TicketAttachment, { id: attachmentId, tenantId: user.tenantId, ticketId: ticket.id });
    if (!attachment) throw Problems.notFound('El archivo no existe o no es visible para usted.');
    return downloadLink(this.storage, attachment.objectKey, attachment.fileName);
  }
}
