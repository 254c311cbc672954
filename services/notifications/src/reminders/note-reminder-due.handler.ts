import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CONTACTS_NOTE_REMINDER_DUE, type CloudEvent, type NoteReminderDueData } from '@crm/contracts';
import { InboxService } from '@crm/messaging';
import { EmailDeliverySender } from '../deliveries/email-delivery-sender.service.js';
import { NoteReminderNotifier } from './note-reminder-notifier.service.js';

const CONSUMER = 'notifications.note-reminder';

/**
 * contacts.note.reminder_due → an e-mail (template note-reminder) and an in-app notification
 * for each person reminded. Same exactly-once scheme as assignments: the inbox transaction
 * records the delivery rows, they are sent after commit, and a redelivery sends only rows
 * that are not `sent` yet.
 */
@Controller()
export class NoteReminderDueHandler {
  private readonly logger = new Logger(NoteReminderDueHandler.name);

  constructor(
    private readonly inbox: InboxService,
    private readonly notifier: NoteReminderNotifier,
    private readonly sender: EmailDeliverySender,
  ) {}

  @EventPattern<string>(CONTACTS_NOTE_REMINDER_DUE)
  async onReminderDue(@Payload() event: CloudEvent<NoteReminderDueData>): Promise<void> {
    const { duplicate, result } = await this.inbox.handleOnce(event, CONSUMER, (em) => this.notifier.record(em, event));
    if (!duplicate && result === 0) {
      this.logger.log(`reminder of note ${event.data.noteId}: nobody active to remind`);
      return;
    }
    // Also after a duplicate: a crash (or an SMTP failure) may have left an e-mail unsent.
    await this.sender.sendOutstanding(event.id);
  }
}
