import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { hasRole, type AuthUser } from '@crm/auth';
import { Problems } from '@crm/common';
import { CONTACTS_CONTACT_ANONYMIZED, CONTACTS_DOCUMENT_DELETED, type ContactAnonymizedData, type DocumentDeletedData } from '@crm/contracts';
import { DeadLetterService, OutboxBulkWriter, OutboxService } from '@crm/messaging';
import { serviceEventTitle } from '../activity/service-event-entry.js';
import { ContactAccess } from '../contacts/contact-access.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { ObjectRemovalQueue } from './object-removal.queue.js';
import { ANONYMIZED_NAME, ANONYMIZED_NOTE_BODY, PERSONAL_DETAIL_KEYS, PERSONAL_FIELDS } from './personal-data.js';

export interface AnonymizationResult {
  contactId: string;
  anonymizedAt: string;
  documentsDeleted: number;
  notesScrubbed: number;
}

interface PersonalRow {
  id: string;
  email: string | null;
  phone: string | null;
  tax_id: string | null;
  emails: { value?: string }[] | null;
  phones: { value?: string }[] | null;
}

const DEAD_LETTER_NOTE = 'Datos personales eliminados: contacto anonimizado.';
const REJECTED_ROW_NOTE = 'Fila vaciada: sus datos eran de un contacto anonimizado.';

/**
 * Irreversible anonymisation of a contact on request (Ley 1581 / GDPR "derecho de supresión"):
 * personal data goes, aggregates stay. One transaction with the contact locked wipes it and the
 * contacts merged into it earlier (they live on as pointers, with their old data), the names in
 * its merge history, note bodies, personal values in its timeline, published copies of its
 * events and the personal data of stored dead letters that mention it. Its documents' rows go in
 * that transaction; their S3 objects are queued there and deleted only after the commit
 * (ObjectRemovalQueue): a rollback deletes nothing, and an S3 outage does not block the request.
 */
@Injectable()
export class AnonymizationService {
  private readonly logger = new Logger(AnonymizationService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ContactAccess,
    private readonly outbox: OutboxService,
    private readonly bulkOutbox: OutboxBulkWriter,
    private readonly deadLetters: DeadLetterService,
    private readonly timeline: TimelineService,
    private readonly objects: ObjectRemovalQueue,
  ) {}

  async anonymize(user: AuthUser, contactId: string): Promise<AnonymizationResult> {
    if (user.kind !== 'user' || !hasRole(user, 'admin')) throw Problems.forbidden('Solo un administrador puede anonimizar un contacto.');
    const { result, objectKeys } = await this.dataSource.transaction(async (em) => {
      const contact = await this.access.findVisible(user, contactId, em, true);
      if (contact.anonymizedAt) throw Problems.conflict('El contacto ya fue anonimizado.');
      const tenantId = user.tenantId;
      // Contacts merged into this one earlier: the same person, kept as pointers with their old data.
      const merged: { id: string }[] = await em.query('SELECT id FROM contacts.contact WHERE tenant_id = $1 AND merged_into_id = $2 ORDER BY id FOR UPDATE', [tenantId, contact.id]);
      const ids = [contact.id, ...merged.map((row) => row.id)];
      const personal: PersonalRow[] = await em.query('SELECT id, email, phone, tax_id, emails, phones FROM contacts.contact WHERE tenant_id = $1 AND id = ANY($2::uuid[])', [tenantId, ids]);

      const documents: { id: string; object_key: string }[] = await em.query('SELECT id, object_key FROM contacts.contact_document WHERE tenant_id = $1 AND contact_id = ANY($2::uuid[])', [
        tenantId,
        ids,
      ]);
      await em.query('DELETE FROM contacts.contact_document WHERE tenant_id = $1 AND contact_id = ANY($2::uuid[])', [tenantId, ids]);
      const objectKeys = documents.map((document) => document.object_key);
      await this.objects.enqueue(em, tenantId, objectKeys, `anonymisation of contact ${contact.id}`);

      // An UPDATE … RETURNING answers [rows, count].
      const [rows]: [{ id: string; anonymized_at: Date }[], number] = await em.query(
        `UPDATE contacts.contact SET
           first_name = CASE WHEN kind = 'person' THEN 'Contacto' END, last_name = CASE WHEN kind = 'person' THEN 'anonimizado' END,
           company_name = CASE WHEN kind = 'organization' THEN $3 END, display_name = $3,
           email = NULL, phone = NULL, emails = '[]', phones = '[]', linkedin_url = NULL, website = NULL,
           street = NULL, city = NULL, region = NULL, postal_code = NULL, tax_id = NULL, position = NULL, tags = '{}',
           marketing_consent = false, consent_at = NULL, consent_channel = NULL,
           anonymized_at = now(), updated_by = $4, version = version + 1, updated_at = now()
         WHERE id = ANY($1::uuid[]) AND tenant_id = $2 RETURNING id, anonymized_at`,
        [ids, tenantId, ANONYMIZED_NAME, user.id],
      );
      const anonymizedAt = rows.find((row) => row.id === contact.id)!.anonymized_at.toISOString();
      const notesScrubbed = await this.scrubNotes(em, tenantId, ids);
      await this.scrubHistory(em, tenantId, ids);
      // Published copies of their earlier events (created, updated…) carry the old data.
      await this.bulkOutbox.deletePublished(em, tenantId, ids);
      const terms = personal.flatMap(personalTerms);
      const deadLetters = await this.deadLetters.redactMentions(em, tenantId, [...ids, ...terms], DEAD_LETTER_NOTE);
      await this.scrubRejectedImportRows(em, tenantId, terms);

      await this.timeline.record(em, { tenantId, contactId: contact.id, kind: 'anonymized', actorId: user.id, details: { documentsDeleted: documents.length, notesScrubbed } });
      for (const document of documents) {
        const data: DocumentDeletedData = { contactId: contact.id, documentId: document.id, deletedBy: user.id, deletedAt: anonymizedAt };
        await this.outbox.publish(em, { type: CONTACTS_DOCUMENT_DELETED, subject: contact.id, tenantId, data });
      }
      // One per id: other services may hold copies about a duplicate made before the merge.
      await this.outbox.publishAll(
        em,
        ids.map((id) => ({ type: CONTACTS_CONTACT_ANONYMIZED, subject: id, tenantId, data: { contactId: id, anonymizedAt, anonymizedBy: user.id } satisfies ContactAnonymizedData })),
      );
      this.logger.log(
        `contact ${contact.id} of tenant ${tenantId} anonymised by ${user.id} (${merged.length} merged contacts, ${documents.length} documents, ${notesScrubbed} notes, ${deadLetters} dead letters)`,
      );
      return { result: { contactId: contact.id, anonymizedAt, documentsDeleted: documents.length, notesScrubbed }, objectKeys };
    });
    // Only now that the change is committed; what S3 refuses stays queued and is retried.
    await this.objects.removeNow(objectKeys);
    return result;
  }

  /**
   * Rows an import refused keep the file's cells (for the rejected-rows CSV): those that carry
   * the person's e-mail, phone or tax id lose their cells; the row and its count stay.
   */
  private async scrubRejectedImportRows(em: EntityManager, tenantId: string, terms: string[]): Promise<void> {
    const needles = [...new Set(terms.map((term) => term.trim().toLowerCase()).filter((term) => term.length >= 5))];
    if (needles.length === 0) return;
    await em.query(
      `UPDATE contacts.import_rejected_row SET raw = '[]', reason = $3
       WHERE tenant_id = $1 AND EXISTS (SELECT 1 FROM unnest($2::text[]) n WHERE strpos(lower(raw || ' ' || reason), n) > 0)`,
      [tenantId, needles, REJECTED_ROW_NOTE],
    );
  }

  /** Note bodies go (the row and its count stay); pending reminders are cancelled. */
  private async scrubNotes(em: EntityManager, tenantId: string, contactIds: string[]): Promise<number> {
    const [, count]: [unknown[], number] = await em.query(
      `UPDATE contacts.contact_note SET body = $3, remind_at = NULL, remind_audience = NULL, version = version + 1, updated_at = now()
       WHERE tenant_id = $1 AND contact_id = ANY($2::uuid[])`,
      [tenantId, contactIds, ANONYMIZED_NOTE_BODY],
    );
    return count;
  }

  /**
   * The timeline keeps who did what and when, but not the personal values: old → new of
   * personal fields become null (marked `redacted`), personal detail keys are dropped, and
   * entries other systems reported lose their details and get a generic title. The names of
   * merged duplicates (`mergedNames` of a merge entry) are among the personal detail keys.
   */
  private async scrubHistory(em: EntityManager, tenantId: string, contactIds: string[]): Promise<void> {
    await em.query(
      `UPDATE contacts.contact_change SET
         changes = coalesce((SELECT jsonb_agg(CASE WHEN e->>'field' = ANY($3::text[]) THEN jsonb_build_object('field', e->>'field', 'from', NULL, 'to', NULL, 'redacted', true) ELSE e END ORDER BY n)
                             FROM jsonb_array_elements(changes) WITH ORDINALITY AS t(e, n)), '[]'::jsonb),
         details = details - $4::text[]
       WHERE tenant_id = $1 AND contact_id = ANY($2::uuid[])`,
      [tenantId, contactIds, [...PERSONAL_FIELDS], [...PERSONAL_DETAIL_KEYS]],
    );
    const reported: { id: string; kind: string; source: string }[] = await em.query(
      "SELECT id, kind, source FROM contacts.contact_activity WHERE tenant_id = $1 AND contact_id = ANY($2::uuid[]) AND source <> 'erp'",
      [tenantId, contactIds],
    );
    for (const activity of reported) {
      await em.query("UPDATE contacts.contact_activity SET title = $2, details = '{}' WHERE id = $1", [activity.id, serviceEventTitle(activity.source, activity.kind)]);
    }
  }
}

/** What identifies the person in free text (dead letters): e-mails, phones, tax id. */
function personalTerms(row: PersonalRow): string[] {
  const values = [row.email, row.phone, row.tax_id, ...(row.emails ?? []).map((c) => c.value), ...(row.phones ?? []).map((c) => c.value)];
  return values.filter((value): value is string => typeof value === 'string' && value.trim().length > 0);
}
