import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CloudEvent, QuoteExpiredData } from '@crm/contracts';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../config/notifications-env.js';
import { opportunityUrl } from '../opportunities/opportunity-templates.js';
import { RecipientNotifier } from '../recipients/recipient-notifier.service.js';
import { templateLocale } from '../templates/email-template.js';
import { UserProjectionService } from '../users/user-projection.service.js';
import { quoteExpiredSummary, quoteExpiredTemplate, type QuoteExpiredVars } from './quote-expired.template.js';
import { formatTotal } from './quote-sent.template.js';

export const QUOTE_EXPIRED_NOTIFICATION_TYPE = 'opportunity.quote-expired';

/**
 * The seller who made an expired quote gets one e-mail and one feed entry (each as their
 * preferences for `quote-expired` say, default both), recorded in the event's inbox transaction.
 * An event without the seller (published before it carried one) or an inactive seller: nothing.
 * A seller not projected yet makes the event retry.
 */
@Injectable()
export class QuoteExpiredNotifier {
  constructor(
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    private readonly users: UserProjectionService,
    private readonly recipients: RecipientNotifier,
  ) {}

  async record(em: EntityManager, event: CloudEvent<QuoteExpiredData>): Promise<number> {
    const d = event.data;
    if (!d.createdBy) return 0;
    const recipient = await this.users.recipient(em, event.tenantid, d.createdBy);
    if (!recipient.active) return 0;
    const locale = templateLocale(recipient.locale);
    const vars: QuoteExpiredVars = {
      recipientName: recipient.name,
      number: d.number,
      opportunityTitle: d.opportunityTitle ?? null,
      total: formatTotal(locale, d.total.amount, d.total.currency),
      validUntil: d.validUntil,
      timeZone: d.timeZone,
      url: opportunityUrl(this.config.APP_BASE_URL ?? 'http://localhost:3000', d.opportunityId),
    };
    await this.recipients.notify(em, {
      tenantId: event.tenantid,
      messageId: event.id,
      recipient: { userId: recipient.userId, email: recipient.email },
      template: quoteExpiredTemplate.id,
      mail: quoteExpiredTemplate.render(recipient.locale, vars),
      inApp: {
        type: QUOTE_EXPIRED_NOTIFICATION_TYPE,
        body: quoteExpiredSummary(recipient.locale, vars),
        link: `/opportunities/${encodeURIComponent(d.opportunityId)}`,
        data: { quoteId: d.quoteId, opportunityId: d.opportunityId, number: d.number, validUntil: d.validUntil },
      },
    });
    return 1;
  }
}
