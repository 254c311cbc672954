import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  CONTACTS_CONTACT_ASSIGNED,
  CONTACTS_CONTACT_CREATED,
  CONTACTS_CONTACT_UPDATED,
  type CloudEvent,
  type ContactAssignedData,
  type ContactCreatedData,
  type ContactUpdatedData,
} from '@crm/contracts';
import { InboxService } from '@crm/messaging';
import { calendarDay } from '../config/calendar-day.js';
import { REPORTING_CONFIG, type ReportingConfig } from '../config/reporting-env.js';
import { applyAssigned, applyCreated, applyUpdated } from './contact-stats.math.js';
import { ContactStatsProjector } from './contact-stats.projector.js';

/**
 * contacts.contact.created / assigned / updated → the contact counters. Each handler runs in
 * the inbox (consumer name per event type), so a redelivered event is not counted twice; the
 * per-field versions in contact_fact absorb the same change arriving under another event id.
 */
@Controller()
export class ContactEventsHandler {
  constructor(
    private readonly inbox: InboxService,
    private readonly projector: ContactStatsProjector,
    @Inject(REPORTING_CONFIG) private readonly config: ReportingConfig,
  ) {}

  @EventPattern<string>(CONTACTS_CONTACT_CREATED)
  async onCreated(@Payload() event: CloudEvent<ContactCreatedData>): Promise<void> {
    const { data } = event;
    const createdAt = new Date(data.createdAt ?? event.time);
    const createdDay = calendarDay(Number.isNaN(createdAt.getTime()) ? new Date(event.time) : createdAt, this.config.REPORTING_TIME_ZONE);
    await this.inbox.handleOnce(event, 'reporting.contact-created', (em) =>
      this.projector.apply(em, event.tenantid, data.contactId, (state) =>
        applyCreated(state, { lifecycle: data.lifecycle, ownerId: data.ownerId ?? null, version: data.version ?? 1, createdDay }),
      ),
    );
  }

  @EventPattern<string>(CONTACTS_CONTACT_ASSIGNED)
  async onAssigned(@Payload() event: CloudEvent<ContactAssignedData>): Promise<void> {
    const { data } = event;
    await this.inbox.handleOnce(event, 'reporting.contact-assigned', (em) =>
      this.projector.apply(em, event.tenantid, data.contactId, (state) => applyAssigned(state, { ownerId: data.ownerId, version: data.version })),
    );
  }

  @EventPattern<string>(CONTACTS_CONTACT_UPDATED)
  async onUpdated(@Payload() event: CloudEvent<ContactUpdatedData>): Promise<void> {
    const { data } = event;
    await this.inbox.handleOnce(event, 'reporting.contact-updated', (em) =>
      this.projector.apply(em, event.tenantid, data.contactId, (state) => applyUpdated(state, { changes: data.changes ?? [], version: data.version })),
    );
  }
}
