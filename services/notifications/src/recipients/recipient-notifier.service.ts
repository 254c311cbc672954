import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EmailDeliverySender } from '../deliveries/email-delivery-sender.service.js';
import { NotificationsService } from '../in-app/notifications.service.js';
import { NotificationPreferencesService } from '../preferences/notification-preferences.service.js';

export interface RenderedMail {
  locale: string;
  subject: string;
  text: string;
  html: string;
}

export interface RecipientNotification {
  tenantId: string;
  /** The event that caused it: the key that makes both the e-mail and the feed entry happen once. */
  messageId: string;
  recipient: { userId: string; email: string };
  template: string;
  mail: RenderedMail;
  inApp: { type: string; body: string; link: string | null; data: Record<string, unknown> };
}

/**
 * What every notification does for one recipient, in the caller's inbox transaction: record the
 * e-mail delivery (sent after commit, once per event and recipient) and the in-app feed entry.
 * The single place deliveries to users are decided: the recipient's preferences for the
 * template (`/notification-preferences`, default both) switch each channel off.
 */
@Injectable()
export class RecipientNotifier {
  constructor(
    private readonly deliveries: EmailDeliverySender,
    private readonly notifications: NotificationsService,
    private readonly preferences: NotificationPreferencesService,
  ) {}

  async notify(em: EntityManager, notification: RecipientNotification): Promise<void> {
    const { tenantId, messageId, recipient, mail } = notification;
    const channels = await this.preferences.channelsFor(em, tenantId, recipient.userId, notification.template);
    if (channels.email) await this.recordEmail(em, notification);
    if (!channels.inApp) return;
    await this.notifications.create(em, {
      tenantId,
      userId: recipient.userId,
      template: notification.template,
      type: notification.inApp.type,
      title: mail.subject,
      body: notification.inApp.body,
      link: notification.inApp.link,
      data: notification.inApp.data,
      sourceMessageId: messageId,
    });
  }

  private async recordEmail(em: EntityManager, notification: RecipientNotification): Promise<void> {
    const { tenantId, messageId, recipient, mail } = notification;
    await this.deliveries.record(em, {
      tenantId,
      messageId,
      recipientUserId: recipient.userId,
      template: notification.template,
      locale: mail.locale,
      toAddress: recipient.email,
      subject: mail.subject,
      bodyText: mail.text,
      bodyHtml: mail.html,
    });
  }
}
