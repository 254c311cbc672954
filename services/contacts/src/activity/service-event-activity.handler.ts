import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { CloudEvent } from '@crm/contracts';
import { InboxService } from '@crm/messaging';
import { ActivityRecorder } from './activity-recorder.service.js';
import { serviceEventEntry } from './service-event-entry.js';
import { isUuid } from '@crm/common';

const CONSUMER = 'contacts.timeline-activity';

/**
 * Opportunities and tickets report what happens to a contact: every `opportunities.opportunity.*`
 * and `tickets.ticket.*` event whose data carries the `contactId` of a contact of the tenant
 * becomes a timeline entry (docs/contacts/timeline.md). Anything else is acknowledged and ignored:
 * retrying cannot make a missing contact appear.
 */
@Controller()
export class ServiceEventActivityHandler {
  private readonly logger = new Logger(ServiceEventActivityHandler.name);

  constructor(
    private readonly inbox: InboxService,
    private readonly activities: ActivityRecorder,
  ) {}

  @EventPattern<string>('opportunities.opportunity.*')
  async onOpportunityEvent(@Payload() event: CloudEvent<Record<string, unknown>>): Promise<void> {
    await this.handle(event);
  }

  @EventPattern<string>('tickets.ticket.*')
  async onTicketEvent(@Payload() event: CloudEvent<Record<string, unknown>>): Promise<void> {
    await this.handle(event);
  }

  private async handle(event: CloudEvent<Record<string, unknown>>): Promise<void> {
    const data = event.data && typeof event.data === 'object' ? event.data : {};
    const contactId = data.contactId;
    if (typeof contactId !== 'string' || !isUuid(contactId) || typeof event.tenantid !== 'string' || !isUuid(event.tenantid)) return;
    if (typeof event.id !== 'string' || !event.id) return;
    await this.inbox.handleOnce(event, CONSUMER, async (em) => {
      const known: unknown[] = await em.query('SELECT 1 FROM contacts.contact WHERE id = $1 AND tenant_id = $2', [contactId, event.tenantid]);
      if (known.length === 0) {
        this.logger.warn(`${event.type} ${event.id}: contact ${contactId} is not in tenant ${event.tenantid}; not on any timeline`);
        return;
      }
      const entry = serviceEventEntry(event.type, event.subject, data);
      const time = new Date(event.time);
      await this.activities.record(em, {
        tenantId: event.tenantid,
        contactId,
        ...entry,
        occurredAt: Number.isNaN(time.getTime()) ? new Date() : time,
        messageId: event.id,
      });
    });
  }
}
