import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { OPPORTUNITIES_NOTE_REMINDER_DUE, type CloudEvent, type OpportunityNoteReminderDueData } from '@crm/contracts';
import { InboxService } from '@crm/messaging';
import { EmailDeliverySender } from '../deliveries/email-delivery-sender.service.js';
import { OpportunityNoteReminderNotifier } from './opportunity-note-reminder-notifier.service.js';

const CONSUMER = 'notifications.opportunity-note-reminder';

/** opportunities.note.reminder_due → e-mail (opportunity-note-reminder) and feed entry, once per event and recipient. */
@Controller()
export class OpportunityNoteReminderHandler {
  private readonly logger = new Logger(OpportunityNoteReminderHandler.name);

  constructor(
    private readonly inbox: InboxService,
    private readonly notifier: OpportunityNoteReminderNotifier,
    private readonly sender: EmailDeliverySender,
  ) {}

  @EventPattern<string>(OPPORTUNITIES_NOTE_REMINDER_DUE)
  async onReminderDue(@Payload() event: CloudEvent<OpportunityNoteReminderDueData>): Promise<void> {
    const { duplicate, result } = await this.inbox.handleOnce(event, CONSUMER, (em) => this.notifier.record(em, event));
    if (!duplicate && result === 0) {
      this.logger.log(`reminder of opportunity note ${event.data.noteId}: nobody active to remind`);
      return;
    }
    await this.sender.sendOutstanding(event.id);
  }
}
