import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { canWrite, hasRole, type AuthUser } from '@crm/auth';
import { Problems, type PageQueryDto } from '@crm/common';
import { OPPORTUNITIES_DOCUMENT_DELETED, OPPORTUNITIES_DOCUMENT_UPLOADED, type OpportunityDocumentDeletedData, type OpportunityDocumentUploadedData } from '@crm/contracts';
import { OutboxService } from '@crm/messaging';
import { commitOrDiscard, DOCUMENT_STORAGE, downloadLink, storeUpload, type DocumentStorage, type UploadedBytes } from '@crm/storage';
import { OpportunityAccessService } from '../opportunities/opportunity-access.service.js';
import { peopleOf } from '../notes/opportunity-notes.service.js';
import { newestFirstPage } from '../shared/newest-first-page.js';

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

  async upload(user: AuthUser, opportunityId: string, file: UploadedBytes) {
    if (!canWrite(user)) throw Problems.forbidden();
    const o = await this.access.findVisible(user, opportunityId);
    const stored = await storeUpload(this.storage, file, { tenantId: user.tenantId, folder: 'opportunity-documents', noun: 'documentos' });
    return commitOrDiscard(this.storage, stored, () =>
      this.dataSource.transaction(async (em) => {
        const [row] = (await em.query(
          `INSERT INTO opportunities.opportunity_document (tenant_id, opportunity_id, file_name, content_type, size_bytes, object_key, uploaded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
          [user.tenantId, o.id, stored.fileName, stored.contentType, stored.sizeBytes, stored.objectKey, user.id],
        )) as DocumentRow[];
        await this.access.touchActivity(em, user.tenantId, o.id);
        const data: OpportunityDocumentUploadedData = {
          ...peopleOf(o),
          documentId: row!.id,
          fileName: stored.fileName,
          contentType: stored.contentType,
          sizeBytes: stored.sizeBytes,
          uploadedBy: user.id,
          uploadedAt: row!.created_at.toISOString(),
        };
        await this.outbox.publish(em, { type: OPPORTUNITIES_DOCUMENT_UPLOADED, subject: o.id, tenantId: user.tenantId, data });
        return toDocumentView(row!);
      }),
    );
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
    return downloadLink(this.storage, document.object_key, document.file_name);
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
