import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { OPPORTUNITIES_ACTIVITY_DUE, type ActivityDueData, type CloudEvent } from '@crm/contracts';
import { InboxService } from '@crm/messaging';
import { EmailDeliverySender } from '../deliveries/email-delivery-sender.service.js';
import { ActivityReminderNotifier } from './activity-reminder-notifier.service.js';

const CONSUMER = 'notifications.activity-due';

/**
 * opportunities.activity.due → the assignee's reminder e-mail (template activity-reminder) and
 * feed entry, once per event and recipient: the inbox transaction records them, they are sent
 * after commit, and a redelivery sends only rows that are not `sent` yet.
 */
@Controller()
export class ActivityDueHandler {
  private readonly logger = new Logger(ActivityDueHandler.name);

  constructor(
    private readonly inbox: InboxService,
    private readonly notifier: ActivityReminderNotifier,
    private readonly sender: EmailDeliverySender,
  ) {}

  @EventPattern<string>(OPPORTUNITIES_ACTIVITY_DUE)
  async onDue(@Payload() event: CloudEvent<ActivityDueData>): Promise<void> {
    const { duplicate, result } = await this.inbox.handleOnce(event, CONSUMER, (em) => this.notifier.record(em, event));
    if (!duplicate && result === 0) {
      this.logger.log(`reminder of activity ${event.data.activityId}: nobody active to remind`);
      return;
    }
    await this.sender.sendOutstanding(event.id);
  }
}
