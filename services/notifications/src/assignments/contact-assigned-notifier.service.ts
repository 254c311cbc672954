import { Inject, Injectable } from '@nestjs/common';
import type { CloudEvent, ContactAssignedData } from '@crm/contracts';
import type { EntityManager } from 'typeorm';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../config/notifications-env.js';
import { RecipientNotifier } from '../recipients/recipient-notifier.service.js';
import { contactUrl, newContactAgentSummary, newContactAgentTemplate, type NewContactAgentVars } from '../templates/new-contact-agent.template.js';
import { UserProjectionService } from '../users/user-projection.service.js';

export type AssignmentOutcome = 'notified' | 'recipient-inactive';

export const CONTACT_ASSIGNED_NOTIFICATION_TYPE = 'contact.assigned';

/** What an assignment causes, decided inside the event's inbox transaction. */
@Injectable()
export class ContactAssignedNotifier {
  constructor(
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    private readonly users: UserProjectionService,
    private readonly recipients: RecipientNotifier,
  ) {}

  /**
   * Records the e-mail (pending) and the in-app notification for the new owner. Throws
   * UserNotKnownYetError when the owner is not projected yet, so the whole event is retried.
   */
  async record(em: EntityManager, event: CloudEvent<ContactAssignedData>): Promise<AssignmentOutcome> {
    const { data } = event;
    const tenantId = event.tenantid;
    const recipient = await this.users.recipient(em, tenantId, data.ownerId);
    // A deactivated user cannot act on it; nothing to tell them.
    if (!recipient.active) return 'recipient-inactive';

    const selfAssigned = data.assignedBy === data.ownerId;
    const assigner = selfAssigned || !data.assignedBy ? null : await this.users.find(em, tenantId, data.assignedBy);
    const vars: NewContactAgentVars = {
      recipientName: recipient.name,
      contactName: data.displayName,
      contactUrl: contactUrl(this.config.APP_BASE_URL ?? 'http://localhost:3000', data.contactId),
      assignedByName: assigner?.name ?? null,
      selfAssigned,
    };
    const mail = newContactAgentTemplate.render(recipient.locale, vars);
    await this.recipients.notify(em, {
      tenantId,
      messageId: event.id,
      recipient: { userId: recipient.userId, email: recipient.email },
      template: newContactAgentTemplate.id,
      mail,
      inApp: {
        type: CONTACT_ASSIGNED_NOTIFICATION_TYPE,
        body: newContactAgentSummary(recipient.locale, vars),
        link: `/contacts/${encodeURIComponent(data.contactId)}`,
        data: { contactId: data.contactId, displayName: data.displayName, assignedBy: data.assignedBy, previousOwnerId: data.previousOwnerId },
      },
    });
    return 'notified';
  }
}
