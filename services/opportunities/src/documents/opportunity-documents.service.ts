import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { canWrite, hasRole, type AuthUser } from '@crm/auth';
import { Problems, type PageQueryDto } from '@crm/common';
import { OPPORTUNITIES_DOCUMENT_DELETED, OPPORTUNITIES_DOCUMENT_UPLOADED, type OpportunityDocumentDeletedData, type OpportunityDocumentUploadedData } from '@crm/contracts';
import { OutboxService } from '@crm/messaging';
import { DOCUMENT_STORAGE, newObjectKey, safeFileName, sniffContentType, type DocumentStorage } from '@crm/storage';
import { OpportunityAccessService } from '../opportunities/opportunity-access.service.js';
import { peopleOf } from '../notes/opportunity-notes.service.js';
import { newestFirstPage } from '../shared/newest-first-page.js';

const DOWNLOAD_LINK_TTL_SECONDS = 300;

interface DocumentRow {
  id: string;
  opportunity_id: string;
  file_name: string;
  content_type: string;
  size_bytes: string;
  object_key: string;
  uploaded_by: string;
  created_at: Date;
}

function toDocumentView(row: DocumentRow) {
  return {
    id: row.id,
    opportunityId: row.opportunity_id,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: Number(row.size_bytes),
    uploadedBy: row.uploaded_by,
    createdAt: row.created_at.toISOString(),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Files on an opportunity, as contacts' documents: type judged by the bytes, bytes in S3 before
 * the row commits (removed again if it does not), short-lived download links.
 */
@Injectable()
export class OpportunityDocumentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OpportunityAccessService,
    private readonly outbox: OutboxService,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  async upload(user: AuthUser, opportunityId: string, file: { fileName: string; bytes: Buffer }) {
    if (!canWrite(user)) throw Problems.forbidden();
    const o = await this.access.findVisible(user, opportunityId);
    const sniffed = sniffContentType(file.bytes, file.fileName);
    if (!sniffed) throw Problems.unsupportedMediaType('Tipo de archivo no permitido: se aceptan PDF, imágenes (PNG, JPEG, GIF, WEBP), documentos de Office y texto/CSV.');
    const fileName = safeFileName(file.fileName);
    const objectKey = newObjectKey(user.tenantId, 'opportunity-documents');
    try {
      await this.storage.put(objectKey, file.bytes, { contentType: sniffed.mime, fileName });
    } catch {
      throw Problems.unavailable('El almacenamiento de documentos no está disponible; intente de nuevo en unos minutos.');
    }
    try {
      return await this.dataSource.transaction(async (em) => {
        const [row] = (await em.query(
          `INSERT INTO opportunities.opportunity_document (tenant_id, opportunity_id, file_name, content_type, size_bytes, object_key, uploaded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
          [user.tenantId, o.id, fileName, sniffed.mime, file.bytes.length, objectKey, user.id],
        )) as DocumentRow[];
        await this.access.touchActivity(em, user.tenantId, o.id);
        const data: OpportunityDocumentUploadedData = {
          ...peopleOf(o),
          documentId: row!.id,
          fileName,
          contentType: sniffed.mime,
          sizeBytes: file.bytes.length,
          uploadedBy: user.id,
          uploadedAt: row!.created_at.toISOString(),
        };
        await this.outbox.publish(em, { type: OPPORTUNITIES_DOCUMENT_UPLOADED, subject: o.id, tenantId: user.tenantId, data });
        return toDocumentView(row!);
      });
    } catch (error) {
      await this.storage.remove(objectKey).catch(() => undefined);
      throw error;
    }
  }

  /** The opportunity's files, newest first, a keyset page at a time. */
  async list(user: AuthUser, opportunityId: string, page: PageQueryDto) {
    const o = await this.access.findVisible(user, opportunityId);
    return newestFirstPage<DocumentRow, ReturnType<typeof toDocumentView>>(
      this.dataSource.manager,
      { table: 'opportunities.opportunity_document', where: 'tenant_id = $1 AND opportunity_id = $2', params: [user.tenantId, o.id], limit: page.limit, cursor: page.cursor },
      toDocumentView,
    );
  }

  async downloadLink(user: AuthUser, opportunityId: string, documentId: string) {
    const document = await this.find(user, opportunityId, documentId);
    const url = await this.storage.presignGet(document.object_key, { fileName: document.file_name, ttlSeconds: DOWNLOAD_LINK_TTL_SECONDS });
    return { url, expiresAt: new Date(Date.now() + DOWNLOAD_LINK_TTL_SECONDS * 1000).toISOString() };
  }

  /** The uploader, the deal's owner, a manager of its team or an admin. */
  async remove(user: AuthUser, opportunityId: string, documentId: string): Promise<void> {
    if (!canWrite(user)) throw Problems.forbidden();
    const o = await this.access.findVisible(user, opportunityId);
    const document = await this.find(user, opportunityId, documentId);
    const allowed =
      user.kind === 'api-key' ||
      hasRole(user, 'admin') ||
      document.uploaded_by === user.id ||
      o.ownerId === user.id ||
      (hasRole(user, 'manager') && o.teamId !== null && user.teamIds.includes(o.teamId));
    if (!allowed) throw Problems.forbidden('Solo quien subió el archivo, el propietario de la oportunidad, un gerente de su equipo o un administrador puede eliminarlo.');
    await this.dataSource.transaction(async (em) => {
      await em.query('DELETE FROM opportunities.opportunity_document WHERE id = $1', [document.id]);
      const data: OpportunityDocumentDeletedData = { ...peopleOf(o), documentId: document.id, deletedBy: user.id, deletedAt: new Date().toISOString() };
      await this.outbox.publish(em, { type: OPPORTUNITIES_DOCUMENT_DELETED, subject: o.id, tenantId: user.tenantId, data });
    });
    await this.storage.remove(document.object_key).catch(() => undefined);
  }

  private async find(user: AuthUser, opportunityId: string, documentId: string): Promise<DocumentRow> {
    const o = await this.access.findVisible(user, opportunityId);
    const rows = UUID.test(documentId)
      ? ((await this.dataSource.query('SELECT * FROM opportunities.opportunity_document WHERE tenant_id = $1 AND opportunity_id = $2 AND id = $3', [
          user.tenantId,
          o.id,
          documentId,
        ])) as DocumentRow[])
      : [];
    if (!rows[0]) throw Problems.notFound('El archivo no existe o no es visible para usted.');
    return rows[0];
  }
}
