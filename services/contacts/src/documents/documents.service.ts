import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { canWrite, hasRole, type AuthUser } from '@crm/auth';
import { Problems } from '@crm/common';
import { CONTACTS_DOCUMENT_DELETED, CONTACTS_DOCUMENT_UPLOADED, type DocumentDeletedData, type DocumentUploadedData } from '@crm/contracts';
import { OutboxService } from '@crm/messaging';
import { commitOrDiscard, DOCUMENT_STORAGE, downloadLink, storeUpload, type DocumentStorage, type UploadedBytes } from '@crm/storage';
import { ContactAccess } from '../contacts/contact-access.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { ContactDocument } from './contact-document.entity.js';

function toDocumentView(document: ContactDocument) {
  return {
    id: document.id,
    contactId: document.contactId,
    fileName: document.fileName,
    contentType: document.contentType,
    sizeBytes: document.sizeBytes,
    uploadedBy: document.uploadedBy,
    createdAt: document.createdAt.toISOString(),
  };
}

export type DocumentView = ReturnType<typeof toDocumentView>;

/**
 * Files on a contact. Bytes go to S3 first; the row (and event) is committed only after the
 * object exists, and the object is removed again if the commit fails, so no row ever points at
 * a missing object.
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ContactAccess,
    private readonly outbox: OutboxService,
    private readonly timeline: TimelineService,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  async upload(user: AuthUser, contactId: string, file: UploadedBytes): Promise<DocumentView> {
    if (!canWrite(user)) throw Problems.forbidden();
    const contact = await this.access.findVisible(user, contactId);
    const stored = await storeUpload(this.storage, file, { tenantId: user.tenantId, folder: 'contact-documents', noun: 'documentos' });
    return commitOrDiscard(this.storage, stored, () =>
      this.dataSource.transaction(async (em) => {
        const document = em.create(ContactDocument, { tenantId: user.tenantId, contactId: contact.id, ...stored, uploadedBy: user.id });
        await em.save(document);
        await this.timeline.record(em, {
          tenantId: user.tenantId,
          contactId: contact.id,
          kind: 'document_uploaded',
          actorId: user.id,
          details: { documentId: document.id, fileName: stored.fileName },
        });
        const data: DocumentUploadedData = {
          contactId: contact.id,
          documentId: document.id,
          fileName: stored.fileName,
          contentType: stored.contentType,
          sizeBytes: document.sizeBytes,
          uploadedBy: user.id,
          uploadedAt: document.createdAt.toISOString(),
        };
        await this.outbox.publish(em, { type: CONTACTS_DOCUMENT_UPLOADED, subject: contact.id, tenantId: user.tenantId, data });
        return toDocumentView(document);
      }),
    );
  }

  async list(user: AuthUser, contactId: string): Promise<{ items: DocumentView[] }> {
    const contact = await this.access.findVisible(user, contactId);
    const documents = await this.dataSource.manager.find(ContactDocument, {
      where: { tenantId: user.tenantId, contactId: contact.id },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: 200,
    });
    return { items: documents.map(toDocumentView) };
  }

  async downloadLink(user: AuthUser, contactId: string, documentId: string): Promise<{ url: string; expiresAt: string }> {
    const document = await this.findVisibleDocument(user, contactId, documentId);
    return downloadLink(this.storage, document.objectKey, document.fileName);
  }

  /**
   * Deleting is for the uploader, the contact's owner (or its creator while it has none), a
   * manager of its team and admins. Others who can see the contact get a 403; those who cannot,
   * a 404 (findVisibleDocument).
   */
  async remove(user: AuthUser, contactId: string, documentId: string): Promise<void> {
    if (!canWrite(user)) throw Problems.forbidden();
    const contact = await this.access.findVisible(user, contactId);
    const document = await this.findDocument(user, contact.id, documentId);
    const allowed =
      user.kind === 'api-key' ||
      hasRole(user, 'admin') ||
      document.uploadedBy === user.id ||
      contact.ownerId === user.id ||
      (contact.ownerId === null && contact.createdBy === user.id) ||
      (hasRole(user, 'manager') && contact.teamId !== null && user.teamIds.includes(contact.teamId));
    if (!allowed) throw Problems.forbidden('Solo quien subió el documento, el responsable del contacto, un gerente de su equipo o un administrador puede eliminarlo.');
    await this.dataSource.transaction(async (em) => {
      await em.delete(ContactDocument, { id: document.id, tenantId: user.tenantId });
      await this.timeline.record(em, { tenantId: user.tenantId, contactId, kind: 'document_deleted', actorId: user.id, details: { documentId: document.id, fileName: document.fileName } });
      const data: DocumentDeletedData = { contactId, documentId: document.id, deletedBy: user.id, deletedAt: new Date().toISOString() };
      await this.outbox.publish(em, { type: CONTACTS_DOCUMENT_DELETED, subject: contactId, tenantId: user.tenantId, data });
    });
    // After the commit: an S3 failure here leaves an orphan object, never a dangling row.
    await this.storage.remove(document.objectKey).catch(() => undefined);
  }

  private async findVisibleDocument(user: AuthUser, contactId: string, documentId: string): Promise<ContactDocument> {
    const contact = await this.access.findVisible(user, contactId);
    return this.findDocument(user, contact.id, documentId);
  }

  private async findDocument(user: AuthUser, contactId: string, documentId: string): Promise<ContactDocument> {
    const document = await this.dataSource.manager.findOneBy(ContactDocument, { id: documentId, tenantId: user.tenantId, contactId });
    if (!document) throw Problems.notFound('El documento no existe o no es visible para usted.');
    return document;
  }
}
