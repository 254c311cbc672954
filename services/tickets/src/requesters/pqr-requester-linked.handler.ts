import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CONTACTS_PQR_REQUESTER_LINKED, type CloudEvent, type PqrRequesterLinkedData } from '@crm/contracts';
import { InboxService } from '@crm/messaging';

/**
 * Contacts found (or created) the contact of a PQR filed without one: the ticket now points at
 * it, so it shows on the contact's timeline and follows the contact's merges and anonymisation.
 * A ticket that already has a contact keeps it. A system projection, not an edit: the version
 * (and updated_at) stay, so staff editing the freshly filed ticket do not get a 412.
 */
@Controller()
export class PqrRequesterLinkedHandler {
  constructor(private readonly inbox: InboxService) {}

  @EventPattern<string>(CONTACTS_PQR_REQUESTER_LINKED)
  async onLinked(@Payload() event: CloudEvent<PqrRequesterLinkedData>): Promise<void> {
    const { ticketId, contactId } = event.data;
    // One autocommit statement: the inbox claim, the link, and its history entry only when the
    // ticket had no contact yet (this runs for every PQR filed by a new requester).
    await this.inbox.applyOnce(event, 'tickets.pqr-requester-linked', {
      ctes: `linked AS (
               UPDATE tickets.ticket SET contact_id = $3
                WHERE id = $1 AND tenant_id = $2 AND contact_id IS NULL AND EXISTS (SELECT 1 FROM claim) RETURNING id
             ),
             history AS (
               INSERT INTO tickets.ticket_history (tenant_id, ticket_id, kind, details)
               SELECT $2, linked.id, 'requester_linked', jsonb_build_object('contactId', $3::text) FROM linked
             )`,
      params: [ticketId, event.tenantid, contactId],
    });
  }
}
