import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ActivityDueData, CloudEvent } from '@crm/contracts';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../config/notifications-env.js';
import { RecipientNotifier } from '../recipients/recipient-notifier.service.js';
import { contactUrl } from '../templates/new-contact-agent.template.js';
import { UserProjectionService } from '../users/user-projection.service.js';
import { activityReminderSummary, activityReminderTemplate, type ActivityReminderVars } from './activity-reminder.template.js';
import { opportunityUrl } from './opportunity-templates.js';

export const ACTIVITY_REMINDER_NOTIFICATION_TYPE = 'opportunity.activity-reminder';

/**
 * The assignee of a due activity gets one e-mail and one feed entry, recorded in the event's
 * inbox transaction. An inactive assignee is skipped; one not projected yet makes the event retry.
 */
@Injectable()
export class ActivityReminderNotifier {
  constructor(
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    private readonly users: UserProjectionService,
    private readonly recipients: RecipientNotifier,
  ) {}

  async record(em: EntityManager, event: CloudEvent<ActivityDueData>): Promise<number> {
    const d = event.data;
    // Defence in depth: opportunities only reminds pending activities.
    if (d.status !== undefined && d.status !== 'pending') return 0;
    if (!d.dueAt) return 0;
    const recipient = await this.users.recipient(em, event.tenantid, d.assignedTo);
    if (!recipient.active) return 0;
    const base = this.config.APP_BASE_URL ?? 'http://localhost:3000';
    const vars: ActivityReminderVars = {
      recipientName: recipient.name,
      type: d.type,
      subject: d.subject,
      dueAt: d.dueAt,
      timeZone: this.config.MAIL_TIME_ZONE ?? 'America/Bogota',
      opportunityTitle: d.opportunityTitle ?? null,
      contactName: d.contactName ?? null,
      url: d.opportunityId ? opportunityUrl(base, d.opportunityId) : contactUrl(base, d.contactId ?? ''),
    };
    await this.recipients.notify(em, {
      tenantId: event.tenantid,
      messageId: event.id,
      recipient: { userId: recipient.userId, email: recipient.email },
      template: activityReminderTemplate.id,
      mail: activityReminderTemplate.render(recipient.locale, vars),
      inApp: {
        type: ACTIVITY_REMINDER_NOTIFICATION_TYPE,
        body: activityReminderSummary(recipient.locale, vars),
        link: d.opportunityId ? `/opportunities/${encodeURIComponent(d.opportunityId)}` : `/contacts/${encodeURIComponent(d.contactId ?? '')}`,
        data: { activityId: d.activityId, opportunityId: d.opportunityId, contactId: d.contactId, dueAt: d.dueAt, type: d.type },
      },
    });
    return 1;
  }
}
