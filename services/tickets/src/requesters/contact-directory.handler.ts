import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  CONTACTS_CONTACT_ANONYMIZED,
  CONTACTS_CONTACT_CREATED,
  CONTACTS_CONTACT_MERGED,
  CONTACTS_CONTACT_UPDATED,
  type CloudEvent,
  type ContactAnonymizedData,
  type ContactCreatedData,
  type ContactMergedData,
  type ContactUpdatedData,
} from '@crm/contracts';
import { InboxService } from '@crm/messaging';
import { updateReturning } from './update-returning.js';

const CONSUMER = 'tickets.contact-directory';
/** Fields of contacts.contact.updated that tickets keeps a copy of (column in contact_ref). */
const COPIED_FIELDS: Record<string, string> = { displayName: 'display_name', email: 'email', phone: 'phone', taxId: 'tax_id' };
/** What an anonymised requester is called from then on. */
export const ANONYMIZED_NAME = 'Titular anonimizado';
/** What replaces the texts the person wrote (the PQR's description and their own messages). */
export const ANONYMIZED_TEXT = '[Contenido eliminado por anonimización del titular]';

/**
 * Keeps tickets' copy of contacts (to check a requester exists and to address e-mails), and
 * follows the contact's life: copies on tickets are refreshed on update, tickets of merged
 * contacts move to the survivor, and an anonymised contact's personal data leaves every ticket.
 */
@Controller()
export class ContactDirectoryHandler {
  constructor(private readonly inbox: InboxService) {}

  @EventPattern<string>(CONTACTS_CONTACT_CREATED)
  async onCreated(@Payload() event: CloudEvent<ContactCreatedData>): Promise<void> {
    const c = event.data;
    // One autocommit statement with the inbox claim: a new requester's contact arrives with
    // every PQR filed by someone not yet a contact.
    await this.inbox.applyOnce(event, CONSUMER, {
      ctes: `copied AS (
               INSERT INTO tickets.contact_ref (contact_id, tenant_id, display_name, email, phone, tax_id)
               SELECT $1::uuid, $2::uuid, $3::text, $4::text, $5::text, $6::text WHERE EXISTS (SELECT 1 FROM claim) ON CONFLICT (contact_id) DO NOTHING
             )`,
      params: [c.contactId, event.tenantid, c.displayName, c.email ?? null, c.phone ?? null, c.taxId ?? null],
    });
  }

  @EventPattern<string>(CONTACTS_CONTACT_UPDATED)
  async onUpdated(@Payload() event: CloudEvent<ContactUpdatedData>): Promise<void> {
    const data = event.data;
    const sets: string[] = [];
    const params: unknown[] = [data.contactId, event.tenantid];
    for (const change of data.changes ?? []) {
      const column = COPIED_FIELDS[change.field];
      if (!column) continue;
      params.push(typeof change.to === 'string' ? change.to : null);
      sets.push(`${column} = $${params.length}`);
    }
    if (sets.length === 0) return;
    await this.inbox.handleOnce(event, CONSUMER, async (em) => {
      const updated = await updateReturning(
        em,
        `UPDATE tickets.contact_ref SET ${sets.join(', ')}, updated_at = now() WHERE contact_id = $1 AND tenant_id = $2 AND anonymized_at IS NULL RETURNING contact_id`,
        params,
      );
      if (updated.length > 0) await this.refreshTicketCopies(em, event.tenantid, [data.contactId]);
    });
  }

  @EventPattern<string>(CONTACTS_CONTACT_MERGED)
  async onMerged(@Payload() event: CloudEvent<ContactMergedData>): Promise<void> {
    const { survivorId, mergedIds } = event.data;
    await this.inbox.handleOnce(event, CONSUMER, async (em) => {
      await em.query('UPDATE tickets.contact_ref SET merged_into_id = $1, updated_at = now() WHERE tenant_id = $2 AND contact_id = ANY($3::uuid[])', [survivorId, event.tenantid, mergedIds]);
      const moved = await updateReturning<{ id: string; contact_id: string }>(
        em,
        `UPDATE tickets.ticket t SET contact_id = $1, version = t.version + 1, updated_at = now()
         FROM (SELECT id, contact_id FROM tickets.ticket WHERE tenant_id = $2 AND contact_id = ANY($3::uuid[]) FOR UPDATE) old
         WHERE t.id = old.id RETURNING t.id, old.contact_id`,
        [survivorId, event.tenantid, mergedIds],
      );
      if (moved.length > 0) {
        await em.query(
          `INSERT INTO tickets.ticket_history (tenant_id, ticket_id, kind, details)
           SELECT $1, m.id, 'requester_merged', jsonb_build_object('from', m.contact_id, 'to', $2::text) FROM unnest($3::uuid[], $4::uuid[]) AS m(id, contact_id)`,
          [event.tenantid, survivorId, moved.map((row) => row.id), moved.map((row) => row.contact_id)],
        );
        await this.refreshTicketCopies(em, event.tenantid, [survivorId]);
      }
    });
  }

  @EventPattern<string>(CONTACTS_CONTACT_ANONYMIZED)
  async onAnonymized(@Payload() event: CloudEvent<ContactAnonymizedData>): Promise<void> {
    const { contactId } = event.data;
    await this.inbox.handleOnce(event, CONSUMER, async (em) => {
      await em.query(
        `INSERT INTO tickets.contact_ref (contact_id, tenant_id, display_name, anonymized_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (contact_id) DO UPDATE SET display_name = $3, email = NULL, phone = NULL, tax_id = NULL, anonymized_at = now(), updated_at = now()`,
        [contactId, event.tenantid, ANONYMIZED_NAME],
      );
      // Copies of the person's data on their tickets, and what they wrote themselves (the
      // description and their messages); ids, dates, classes and staff replies stay for the record.
      await em.query(
        `UPDATE tickets.ticket SET requester_name = $3, requester_email = NULL, requester_phone = NULL, requester_document_type = NULL,
           requester_document_number = NULL, description = $4, version = version + 1, updated_at = now()
         WHERE tenant_id = $1 AND contact_id = $2`,
        [event.tenantid, contactId, ANONYMIZED_NAME, ANONYMIZED_TEXT],
      );
      await em.query(
        `UPDATE tickets.ticket_message m SET author_name = NULL, body = $3 FROM tickets.ticket t
         WHERE t.id = m.ticket_id AND t.tenant_id = $1 AND t.contact_id = $2 AND m.author_kind = 'requester'`,
        [event.tenantid, contactId, ANONYMIZED_TEXT],
      );
    });
  }

  /** The requester copies on the contacts' tickets follow the contact's current name, e-mail and phone. */
  private async refreshTicketCopies(em: import('typeorm').EntityManager, tenantId: string, contactIds: string[]): Promise<void> {
    await em.query(
      `UPDATE tickets.ticket t SET requester_name = c.display_name, requester_email = c.email, requester_phone = coalesce(c.phone, t.requester_phone)
       FROM tickets.contact_ref c
       WHERE c.contact_id = t.contact_id AND t.tenant_id = $1 AND t.contact_id = ANY($2::uuid[]) AND c.anonymized_at IS NULL
         AND (t.requester_name IS DISTINCT FROM c.display_name OR t.requester_email IS DISTINCT FROM c.email)`,
      [tenantId, contactIds],
    );
  }
}
