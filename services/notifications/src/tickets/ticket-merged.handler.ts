import { Controller, Inject, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TICKETS_TICKET_MERGED, type CloudEvent, type TicketMergedData } from '@crm/contracts';
import { InboxService } from '@crm/messaging';
import type { EntityManager } from 'typeorm';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../config/notifications-env.js';
import { EmailDeliverySender } from '../deliveries/email-delivery-sender.service.js';
import { usableTimeZone } from '../templates/ticket-labels.js';
import { ticketMergedNoticeTemplate } from '../templates/ticket-merged-notice.template.js';
import { requesterRecipientId } from './requester-recipient-id.js';
import { TrackingLinksService } from './tracking-links.service.js';

/**
 * tickets.ticket.merged → one e-mail to the requester (same person on both tickets, the tickets
 * service makes sure) with the radicado that stays and the primary's tracking link. Recorded once
 * in the inbox transaction, sent after commit (also on a redelivery, if it was not sent yet).
 */
@Controller()
export class TicketMergedHandler {
  private readonly logger = new Logger(TicketMergedHandler.name);

  constructor(
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    private readonly inbox: InboxService,
    private readonly deliveries: EmailDeliverySender,
    private readonly links: TrackingLinksService,
  ) {}

  @EventPattern<string>(TICKETS_TICKET_MERGED)
  async onMerged(@Payload() event: CloudEvent<TicketMergedData>): Promise<void> {
    const { duplicate } = await this.inbox.handleOnce(event, 'notifications.ticket-merged-notice', (em) => this.notice(em, event));
    if (!duplicate) this.logger.debug(`${event.type} ${event.data.duplicateRadicado} → ${event.data.radicado}`);
    await this.deliveries.sendOutstanding(event.id);
  }

  private async notice(em: EntityManager, event: CloudEvent<TicketMergedData>): Promise<'mailed' | 'no-email'> {
    const { data } = event;
    const email = data.requester.email?.trim();
    if (!email) return 'no-email';
    const mail = ticketMergedNoticeTemplate.render(data.requester.language, {
      requesterName: data.requester.name,
      radicado: data.radicado,
      duplicateRadicado: data.duplicateRadicado,
      subject: data.subject,
      legalDueAt: data.legalDueAt,
      trackingUrl: await this.links.resolve(em, event.tenantid, data.ticketId, null),
      timeZone: usableTimeZone(data.timeZone, this.config.MAIL_TIME_ZONE ?? 'America/Bogota'),
    });
    await this.deliveries.record(em, {
      tenantId: event.tenantid,
      messageId: event.id,
      recipientUserId: requesterRecipientId(email),
      template: ticketMergedNoticeTemplate.id,
      locale: mail.locale,
      toAddress: email,
      subject: mail.subject,
      bodyText: mail.text,
      bodyHtml: mail.html,
    });
    return 'mailed';
  }
}
