import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  CONTACTS_PQR_REQUESTER_LINKED,
  TICKETS_TICKET_CREATED,
  TICKETS_TICKET_REQUESTER_CHANGED,
  type CloudEvent,
  type PqrRequesterLinkedData,
  type TicketCreatedData,
  type TicketRequesterChangedData,
} from '@crm/contracts';
import { InboxService, OutboxService } from '@crm/messaging';
import { PqrRequesterLinker } from './pqr-requester-linker.service.js';

const CONSUMER = 'contacts.pqr-requester';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * tickets.ticket.created without a contact but with a requester e-mail (a public PQR) → the
 * contact with that e-mail (following merges), or a new one (person, lifecycle contact, source
 * "PQR"), then `contacts.pqr_requester.linked` so tickets points the ticket at it. The link is
 * published once (inbox); the contact is created once (idempotency key per ticket).
 */
@Controller()
export class PqrRequesterHandler {
  private readonly logger = new Logger(PqrRequesterHandler.name);

  constructor(
    private readonly inbox: InboxService,
    private readonly outbox: OutboxService,
    private readonly linker: PqrRequesterLinker,
  ) {}

  @EventPattern<string>(TICKETS_TICKET_CREATED)
  async onTicketCreated(@Payload() event: CloudEvent<TicketCreatedData>): Promise<void> {
    await this.linkRequester(event);
  }

  /** Staff changed the requester's e-mail: the ticket was unlinked; link the contact of the new e-mail (own idempotency key per change). */
  @EventPattern<string>(TICKETS_TICKET_REQUESTER_CHANGED)
  async onRequesterChanged(@Payload() event: CloudEvent<TicketRequesterChangedData>): Promise<void> {
    if (!event.data?.changedFields?.includes('email')) return;
    await this.linkRequester(event, `pqr-ticket:${event.data.ticketId}:requester-changed:${event.id}`);
  }

  private async linkRequester(event: CloudEvent<TicketCreatedData | TicketRequesterChangedData>, key?: string): Promise<void> {
    const data = event.data;
    const email = data?.requester?.email?.trim().toLowerCase();
    // Nothing to do (a known contact, no e-mail) or nothing retrying could fix: acknowledge.
    if (!data || data.contactId || !email || !EMAIL.test(email) || !UUID.test(String(data.ticketId)) || !UUID.test(String(event.tenantid))) return;
    const link = await this.linker.link(event.tenantid, data, email, key);
    if (!link) {
      this.logger.warn(`ticket ${data.radicado}: the contact with that e-mail is anonymised or merged away; not linked`);
      return;
    }
    const { duplicate } = await this.inbox.handleOnce(event, CONSUMER, async (em) => {
      const linked: PqrRequesterLinkedData = { ticketId: data.ticketId, radicado: data.radicado, contactId: link.contactId, created: link.created, linkedAt: new Date().toISOString() };
      await this.outbox.publish(em, { type: CONTACTS_PQR_REQUESTER_LINKED, subject: link.contactId, tenantId: event.tenantid, data: linked });
    });
    if (!duplicate) this.logger.log(`ticket ${data.radicado}: requester ${link.created ? 'created as' : 'linked to'} contact ${link.contactId}`);
  }
}
