import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { hasRole, type AuthUser } from '@crm/auth';
import { Problems } from '@crm/common';
import { CONTACTS_CONTACT_ANONYMIZED, CONTACTS_DOCUMENT_DELETED, type ContactAnonymizedData, type DocumentDeletedData } from '@crm/contracts';
import { OutboxService } from '@crm/messaging';
import { DOCUMENT_STORAGE, type DocumentStorage } from '@crm/storage';
import { serviceEventTitle } from '../activity/service-event-entry.js';
import { ContactAccess } from '../contacts/contact-access.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { ANONYMIZED_NAME, ANONYMIZED_NOTE_BODY, PERSONAL_DETAIL_KEYS, PERSONAL_FIELDS } from './personal-data.js';

const S3_PARALLELISM = 8;

export interface AnonymizationResult {
  contactId: string;
  anonymizedAt: string;
  documentsDeleted: number;
  notesScrubbed: number;
}

/**
 * Irreversible anonymisation of a contact on request (Ley 1581 / GDPR "derecho de supresión"):
 * personal data goes, aggregates stay. One transaction with the contact locked; the documents'
 * objects are removed from S3 *before* the commit, so a success means no object is left (an S3
 * failure aborts with 503 and changes nothing in the database; retrying is safe).
 */
@Injectable()
export class AnonymizationService {
  private readonly logger = new Logger(AnonymizationService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ContactAccess,
    private readonly outbox: OutboxService,
    private readonly timeline: TimelineService,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  async anonymize(user: AuthUser, contactId: string): Promise<AnonymizationResult> {
    if (user.kind !== 'user' || !hasRole(user, 'admin')) throw Problems.forbidden('Solo un administrador puede anonimizar un contacto.');
    return this.dataSource.transaction(async (em) => {
      const contact = await this.access.findVisible(user, contactId, em, true);
      if (contact.anonymizedAt) throw Problems.conflict('El contacto ya fue anonimizado.');
      const tenantId = user.tenantId;

      const documents: { id: string; object_key: string }[] = await em.query('SELECT id, object_key FROM contacts.contact_document WHERE tenant_id = $1 AND contact_id = $2', [tenantId, contact.id]);
      await this.removeObjects(documents.map((d) => d.object_key));
      await em.query('DELETE FROM contacts.contact_document WHERE tenant_id = $1 AND contact_id = $2', [tenantId, contact.id]);

      const [[row]]: [{ anonymized_at: Date }[], number] = await em.query(
        `UPDATE contacts.contact SET
           first_name = CASE WHEN kind = 'person' THEN 'Contacto' END, last_name = CASE WHEN kind = 'person' THEN 'anonimizado' END,
           company_name = CASE WHEN kind = 'organization' THEN $3 END, display_name = $3,
           email = NULL, phone = NULL, emails = '[]', phones = '[]', linkedin_url = NULL, website = NULL,
           street = NULL, city = NULL, region = NULL, postal_code = NULL, tax_id = NULL, position = NULL, tags = '{}',
           marketing_consent = false, consent_at = NULL, consent_channel = NULL,
           anonymized_at = now(), updated_by = $4, version = version + 1, updated_at = now()
         WHERE id = $1 AND tenant_id = $2 RETURNING anonymized_at`,
        [contact.id, tenantId, ANONYMIZED_NAME, user.id],
      );
      const anonymizedAt = row!.anonymized_at.toISOString();
      const notesScrubbed = await this.scrubNotes(em, tenantId, contact.id);
      await this.scrubHistory(em, tenantId, contact.id);
      // Published copies of its earlier events (created, updated…) carry the old data.
      await em.query('DELETE FROM contacts.outbox_message WHERE tenant_id = $1 AND subject = $2 AND published_at IS NOT NULL', [tenantId, contact.id]);

      await this.timeline.record(em, { tenantId, contactId: contact.id, kind: 'anonymized', actorId: user.id, details: { documentsDeleted: documents.length, notesScrubbed } });
      for (const document of documents) {
        const data: DocumentDeletedData = { contactId: contact.id, documentId: document.id, deletedBy: user.id, deletedAt: anonymizedAt };
        await this.outbox.publish(em, { type: CONTACTS_DOCUMENT_DELETED, subject: contact.id, tenantId, data });
      }
      const data: ContactAnonymizedData = { contactId: contact.id, anonymizedAt, anonymizedBy: user.id };
      await this.outbox.publish(em, { type: CONTACTS_CONTACT_ANONYMIZED, subject: contact.id, tenantId, data });
      this.logger.log(`contact ${contact.id} of tenant ${tenantId} anonymised by ${user.id} (${documents.length} documents, ${notesScrubbed} notes)`);
      return { contactId: contact.id, anonymizedAt, documentsDeleted: documents.length, notesScrubbed };
    });
  }

  private async removeObjects(keys: string[]): Promise<void> {
    for (let start = 0; start < keys.length; start += S3_PARALLELISM) {
      try {
        await Promise.all(keys.slice(start, start + S3_PARALLELISM).map((key) => this.storage.remove(key)));
      } catch (error) {
        this.logger.error(`S3 removal failed during anonymisation: ${(error as Error).message}`);
        throw Problems.unavailable('El almacenamiento de documentos no está disponible; no se anonimizó nada. Intente de nuevo en unos minutos.');
      }
    }
  }

  /** Note bodies go (the row and its count stay); pending reminders are cancelled. */
  private async scrubNotes(em: EntityManager, tenantId: string, contactId: string): Promise<number> {
    const [, count]: [unknown[], number] = await em.query(
      `UPDATE contacts.contact_note SET body = $3, remind_at = NULL, remind_audience = NULL, version = version + 1, updated_at = now()
       WHERE tenant_id = $1 AND contact_id = $2`,
      [tenantId, contactId, ANONYMIZED_NOTE_BODY],
    );
    return count;
  }

  /**
   * The timeline keeps who did what and when, but not the personal values: old → new of
   * personal fields become null (marked `redacted`), personal detail keys are dropped, and
   * entries other systems reported lose their details and get a generic title.
   */
  private async scrubHistory(em: EntityManager, tenantId: string, contactId: string): Promise<void> {
    await em.query(
      `UPDATE contacts.contact_change SET
         changes = coalesce((SELECT jsonb_agg(CASE WHEN e->>'field' = ANY($3::text[]) THEN jsonb_build_object('field', e->>'field', 'from', NULL, 'to', NULL, 'redacted', true) ELSE e END ORDER BY n)
                             FROM jsonb_array_elements(changes) WITH ORDINALITY AS t(e, n)), '[]'::jsonb),
         details = details - $4::text[]
       WHERE tenant_id = $1 AND contact_id = $2`,
      [tenantId, contactId, [...PERSONAL_FIELDS], [...PERSONAL_DETAIL_KEYS]],
    );
    const reported: { id: string; kind: string; source: string }[] = await em.query(
      "SELECT id, kind, source FROM contacts.contact_activity WHERE tenant_id = $1 AND contact_id = $2 AND source <> 'erp'",
      [tenantId, contactId],
    );
    for (const activity of reported) {
      await em.query("UPDATE contacts.contact_activity SET title = $2, details = '{}' WHERE id = $1", [activity.id, serviceEventTitle(activity.source, activity.kind)]);
    }
  }
}
