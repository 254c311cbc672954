import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  CONTACTS_CONTACT_ANONYMIZED,
  CONTACTS_CONTACT_ASSIGNED,
  CONTACTS_CONTACT_CREATED,
  CONTACTS_CONTACT_MERGED,
  CONTACTS_CONTACT_UPDATED,
  type CloudEvent,
  type ContactAnonymizedData,
  type ContactAssignedData,
  type ContactCreatedData,
  type ContactMergedData,
  type ContactUpdatedData,
} from '@crm/contracts';
import { InboxService } from '@crm/messaging';
import { ContactRefWriter } from './contact-ref.writer.js';

/** Keeps opportunities' copy of contacts (name, e-mail, tax id, visibility) from contacts' events. */
@Controller()
export class ContactEventsHandler {
  constructor(
    private readonly inbox: InboxService,
    private readonly writer: ContactRefWriter,
  ) {}

  @EventPattern<string>(CONTACTS_CONTACT_CREATED)
  async onCreated(@Payload() event: CloudEvent<ContactCreatedData>): Promise<void> {
    await this.inbox.handleOnce(event, 'opportunities.contact-created', (em) => this.writer.created(em, event.tenantid, event.data));
  }

  @EventPattern<string>(CONTACTS_CONTACT_UPDATED)
  async onUpdated(@Payload() event: CloudEvent<ContactUpdatedData>): Promise<void> {
    await this.inbox.handleOnce(event, 'opportunities.contact-updated', (em) => this.writer.updated(em, event.tenantid, event.data));
  }

  @EventPattern<string>(CONTACTS_CONTACT_ASSIGNED)
  async onAssigned(@Payload() event: CloudEvent<ContactAssignedData>): Promise<void> {
    await this.inbox.handleOnce(event, 'opportunities.contact-assigned', (em) => this.writer.assigned(em, event.tenantid, event.data));
  }

  @EventPattern<string>(CONTACTS_CONTACT_MERGED)
  async onMerged(@Payload() event: CloudEvent<ContactMergedData>): Promise<void> {
    await this.inbox.handleOnce(event, 'opportunities.contact-merged', (em) => this.writer.merged(em, event.tenantid, event.data));
  }

  @EventPattern<string>(CONTACTS_CONTACT_ANONYMIZED)
  async onAnonymized(@Payload() event: CloudEvent<ContactAnonymizedData>): Promise<void> {
    await this.inbox.handleOnce(event, 'opportunities.contact-anonymized', (em) => this.writer.anonymized(em, event.tenantid, event.data));
  }
}
