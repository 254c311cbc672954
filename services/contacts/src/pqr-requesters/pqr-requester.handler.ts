import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TICKETS_TICKET_CREATED, TICKETS_TICKET_REQUESTER_CHANGED, type CloudEvent, type TicketCreatedData, type TicketRequesterChangedData } from '@crm/contracts';
import { PqrRequesterLinker } from './pqr-requester-linker.service.js';

const CONSUMER = 'contacts.pqr-requester';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * tickets.ticket.created without a contact but with a requester e-mail (a public PQR) → the
 * contact with that e-mail (following merges), or a new one (person, lifecycle contact, source
 * "PQR"), then `contacts.pqr_requester.linked` so tickets points the ticket at it. The link is
 * published once and the contact created once: both in the event's inbox transaction
 * (PqrRequesterLinker, four statements for a new requester).
 */
@Controller()
export class PqrRequesterHandler {
  private readonly logger = new Logger(PqrRequesterHandler.name);

  constructor(private readonly linker: PqrRequesterLinker) {}

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
    const outcome = await this.linker.linkOnce(event, CONSUMER, event.tenantid, data, email, key);
    if (outcome.duplicate) return;
    if (!outcome.link) {
      this.logger.warn(`ticket ${data.radicado}: the contact with that e-mail is anonymised or merged away; not linked`);
      return;
    }
    this.logger.log(`ticket ${data.radicado}: requester ${outcome.link.created ? 'created as' : 'linked to'} contact ${outcome.link.contactId}`);
  }
}
