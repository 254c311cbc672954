import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CloudEvent, OpportunityNoteReminderDueData } from '@crm/contracts';
import { UserNotKnownYetError } from '../assignments/user-not-known-yet.error.js';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../config/notifications-env.js';
import { opportunityUrl } from '../opportunities/opportunity-templates.js';
import { RecipientNotifier } from '../recipients/recipient-notifier.service.js';
import { UserProjectionService } from '../users/user-projection.service.js';
import { opportunityNoteReminderSummary, opportunityNoteReminderTemplate, type OpportunityNoteReminderVars } from './opportunity-note-reminder.template.js';

export const OPPORTUNITY_NOTE_REMINDER_NOTIFICATION_TYPE = 'opportunity.note_reminder';

/**
 * Who an opportunity note reminder reaches, decided in the event's inbox transaction: the
 * people the event names, but a private note reminds its author only whatever the event says
 * (and its text never travels). An author not projected yet makes the event retry; other
 * unknown or inactive users are skipped.
 */
@Injectable()
export class OpportunityNoteReminderNotifier {
  constructor(
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    private readonly users: UserProjectionService,
    private readonly recipients: RecipientNotifier,
  ) {}

  async record(em: EntityManager, event: CloudEvent<OpportunityNoteReminderDueData>): Promise<number> {
    const d = event.data;
    const ids = d.visibility === 'shared' ? d.recipientIds : d.recipientIds.filter((id) => id === d.authorId);
    let notified = 0;
    for (const id of new Set(ids)) {
      const user = await this.users.find(em, event.tenantid, id);
      if (!user && id === d.authorId) throw new UserNotKnownYetError(event.tenantid, id);
      if (!user?.active) continue;
      const vars: OpportunityNoteReminderVars = {
        recipientName: user.name,
        title: d.title,
        url: opportunityUrl(this.config.APP_BASE_URL ?? 'http://localhost:3000', d.opportunityId),
        remindAt: d.remindAt,
        timeZone: this.config.MAIL_TIME_ZONE ?? 'America/Bogota',
        excerpt: d.visibility === 'shared' ? (d.excerpt ?? null) : null,
      };
      await this.recipients.notify(em, {
        tenantId: event.tenantid,
        messageId: event.id,
        recipient: { userId: user.userId, email: user.email },
        template: opportunityNoteReminderTemplate.id,
        mail: opportunityNoteReminderTemplate.render(user.locale, vars),
        inApp: {
          type: OPPORTUNITY_NOTE_REMINDER_NOTIFICATION_TYPE,
          body: opportunityNoteReminderSummary(user.locale, vars),
          link: `/opportunities/${encodeURIComponent(d.opportunityId)}`,
          data: { opportunityId: d.opportunityId, noteId: d.noteId, remindAt: d.remindAt },
        },
      });
      notified += 1;
    }
    return notified;
  }
}
