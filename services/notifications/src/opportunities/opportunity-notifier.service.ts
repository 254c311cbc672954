import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../config/notifications-env.js';
import { RecipientNotifier } from '../recipients/recipient-notifier.service.js';
import type { EmailTemplate } from '../templates/email-template.js';
import { UserProjectionService } from '../users/user-projection.service.js';
import { opportunitySummary, opportunityUrl, type OpportunityMailVars } from './opportunity-templates.js';

export interface OpportunityNotice {
  tenantId: string;
  messageId: string;
  opportunityId: string;
  title: string;
  actorId: string | null;
  recipientIds: (string | null | undefined)[];
  template: EmailTemplate<OpportunityMailVars>;
  detail: string | null;
  days?: number;
  data: Record<string, unknown>;
}

/**
 * Records the e-mail and the feed entry for each recipient of an opportunity event, in the
 * event's inbox transaction: each person once (agent = assignee gets one), never the actor,
 * inactive users skipped; an unknown user makes the event retry.
 */
@Injectable()
export class OpportunityNotifier {
  constructor(
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    private readonly users: UserProjectionService,
    private readonly recipients: RecipientNotifier,
  ) {}

  /** `namedActorId`: who to name in the mail when the actor is not excluded (assignments). */
  async record(em: EntityManager, notice: OpportunityNotice, namedActorId?: string): Promise<number> {
    const ids = [...new Set(notice.recipientIds.filter((id): id is string => typeof id === 'string' && id !== notice.actorId))];
    const actorId = notice.actorId ?? namedActorId;
    const actor = actorId ? await this.users.find(em, notice.tenantId, actorId) : null;
    let notified = 0;
    for (const userId of ids) {
      const recipient = await this.users.recipient(em, notice.tenantId, userId);
      if (!recipient.active) continue;
      const vars: OpportunityMailVars = {
        recipientName: recipient.name,
        title: notice.title,
        actorName: actor?.name ?? null,
        url: opportunityUrl(this.config.APP_BASE_URL ?? 'http://localhost:3000', notice.opportunityId),
        detail: notice.detail,
        days: notice.days,
      };
      await this.recipients.notify(em, {
        tenantId: notice.tenantId,
        messageId: notice.messageId,
        recipient: { userId: recipient.userId, email: recipient.email },
        template: notice.template.id,
        mail: notice.template.render(recipient.locale, vars),
        inApp: {
          type: `opportunity.${notice.template.id}`,
          body: opportunitySummary(notice.template, recipient.locale, vars),
          link: `/opportunities/${encodeURIComponent(notice.opportunityId)}`,
          data: notice.data,
        },
      });
      notified += 1;
    }
    return notified;
  }
}
