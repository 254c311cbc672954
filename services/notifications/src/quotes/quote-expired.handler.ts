import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { OPPORTUNITIES_QUOTE_EXPIRED, type CloudEvent, type QuoteExpiredData } from '@crm/contracts';
import { InboxService } from '@crm/messaging';
import { EmailDeliverySender } from '../deliveries/email-delivery-sender.service.js';
import { QuoteExpiredNotifier } from './quote-expired-notifier.service.js';

const CONSUMER = 'notifications.quote-expired';

/**
 * opportunities.quote.expired → the seller's e-mail (template quote-expired) and feed entry, once
 * per event and recipient, like the activity reminders: the inbox transaction records them, they
 * are sent after commit, and a redelivery sends only rows that are not `sent` yet.
 */
@Controller()
export class QuoteExpiredHandler {
  private readonly logger = new Logger(QuoteExpiredHandler.name);

  constructor(
    private readonly inbox: InboxService,
    private readonly notifier: QuoteExpiredNotifier,
    private readonly sender: EmailDeliverySender,
  ) {}

  @EventPattern<string>(OPPORTUNITIES_QUOTE_EXPIRED)
  async onExpired(@Payload() event: CloudEvent<QuoteExpiredData>): Promise<void> {
    const { duplicate, result } = await this.inbox.handleOnce(event, CONSUMER, (em) => this.notifier.record(em, event));
    if (!duplicate && result === 0) {
      this.logger.log(`quote ${event.data.number} expired: no active seller to tell`);
      return;
    }
    // Also after a duplicate: a crash or an SMTP failure may have left it unsent.
    await this.sender.sendOutstanding(event.id);
  }
}
