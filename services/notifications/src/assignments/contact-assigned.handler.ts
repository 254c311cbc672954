import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CONTACTS_CONTACT_ASSIGNED, type CloudEvent, type ContactAssignedData } from '@crm/contracts';
import { InboxService } from '@crm/messaging';
import { EmailDeliverySender } from '../deliveries/email-delivery-sender.service.js';
import { ContactAssignedNotifier } from './contact-assigned-notifier.service.js';

const CONSUMER = 'notifications.contact-assigned';

/**
 * contacts.contact.assigned → an e-mail (template new-contact-agent) and an in-app notification
 * for the new owner. The inbox transaction records both; the e-mail is sent after commit. On a
 * redelivery the inbox skips the recording, and only rows not `sent` yet are (re)sent.
 */
@Controller()
export class ContactAssignedHandler {
  private readonly logger = new Logger(ContactAssignedHandler.name);

  constructor(
    private readonly inbox: InboxService,
    private readonly notifier: ContactAssignedNotifier,
    private readonly sender: EmailDeliverySender,
  ) {}

  @EventPattern<string>(CONTACTS_CONTACT_ASSIGNED)
  async onContactAssigned(@Payload() event: CloudEvent<ContactAssignedData>): Promise<void> {
    const { duplicate, result } = await this.inbox.handleOnce(event, CONSUMER, (em) => this.notifier.record(em, event));
    if (!duplicate && result === 'recipient-inactive') {
      this.logger.log(`contact ${event.data.contactId} assigned to inactive user ${event.data.ownerId}: nothing sent`);
      return;
    }
    // Also after a duplicate: a crash (or an SMTP failure) may have left the e-mail unsent.
    await this.sender.sendOutstanding(event.id);
  }
}
