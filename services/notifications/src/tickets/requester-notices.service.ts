import { Inject, Injectable } from '@nestjs/common';
import type { CloudEvent, TicketClosedData, TicketCreatedData, TicketExtendedData, TicketRepliedData, TicketRequester, TicketSuspendedData } from '@crm/contracts';
import type { EntityManager } from 'typeorm';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../config/notifications-env.js';
import { EmailDeliverySender } from '../deliveries/email-delivery-sender.service.js';
import type { PendingEmail } from '../deliveries/pending-email.js';
import type { EmailTemplate } from '../templates/email-template.js';
import { ticketAcknowledgementTemplate } from '../templates/ticket-acknowledgement.template.js';
import { ticketCompletionRequestTemplate } from '../templates/ticket-completion-request.template.js';
import { ticketExtensionNoticeTemplate } from '../templates/ticket-extension-notice.template.js';
import { usableTimeZone } from '../templates/ticket-labels.js';
import { ticketPublicReplyTemplate } from '../templates/ticket-public-reply.template.js';
import { ticketSatisfactionRequestTemplate } from '../templates/ticket-satisfaction-request.template.js';
import { requesterRecipientId } from './requester-recipient-id.js';
import { TicketMailThreads, type TicketMailThreading } from './ticket-mail-threads.js';
import { satisfactionUrl } from './ticket-links.js';
import { TrackingLinksService } from './tracking-links.service.js';

/** 'mailed' = a delivery row was recorded; 'no-email' = the requester gave no address; 'not-for-requester' = nothing to tell them. */
export type RequesterOutcome = 'mailed' | 'no-email' | 'not-for-requester';

/**
 * E-mails to the petitioner, who is not a user: addressed by the e-mail in the event, in the
 * language they chose. Runs in the event's inbox transaction; sent after commit.
 */
@Injectable()
export class RequesterNoticesService {
  private readonly threads: TicketMailThreads;

  constructor(
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    private readonly deliveries: EmailDeliverySender,
    private readonly links: TrackingLinksService,
  ) {
    this.threads = TicketMailThreads.fromEnv(process.env, config.MAIL_FROM);
  }

  /** Acuse de recibo: radicado, legal due date and the tracking link with its token. */
  async acknowledge(em: EntityManager, event: CloudEvent<TicketCreatedData>): Promise<RequesterOutcome> {
    const [outcome] = await this.acknowledgeAll(em, [event]);
    return outcome!;
  }

  /** {@link acknowledge} for a batch of `created` events: two statements whatever its size. */
  async acknowledgeAll(em: EntityManager, events: readonly CloudEvent<TicketCreatedData>[]): Promise<RequesterOutcome[]> {
    const links = events
      .filter((event) => event.data.trackingUrl)
      .map((event) => ({ tenantId: event.tenantid, ticketId: event.data.ticketId, radicado: event.data.radicado, trackingUrl: event.data.trackingUrl! }));
    await this.links.rememberAll(em, links);
    const emails: PendingEmail[] = [];
    const outcomes = events.map((event): RequesterOutcome => {
      const { data } = event;
      const vars = {
        requesterName: data.requester.name,
        radicado: data.radicado,
        pqrClass: data.pqrClass,
        subject: data.subject,
        receivedAt: data.receivedAt,
        legalDueAt: data.legalDueAt,
        trackingUrl: data.trackingUrl,
        timeZone: this.timeZone(data.timeZone),
      };
      const email = this.compose(event, data.requester, ticketAcknowledgementTemplate, vars, this.threads.root(data.ticketId, data.emailMessageId));
      if (!email) return 'no-email';
      emails.push(email);
      return 'mailed';
    });
    await this.deliveries.recordAll(em, emails);
    return outcomes;
  }

  /** A staff member's public reply; the requester's own messages are not mailed back to them. */
  async publicReply(em: EntityManager, event: CloudEvent<TicketRepliedData>): Promise<RequesterOutcome> {
    const { data } = event;
    if (data.authorKind !== 'staff') return 'not-for-requester';
    return this.mail(em, event, data.requester, ticketPublicReplyTemplate, {
      requesterName: data.requester.name,
      radicado: data.radicado,
      subject: data.subject,
      body: data.body,
      authorFirstName: data.authorFirstName,
      trackingUrl: await this.links.resolve(em, event.tenantid, data.ticketId, null),
    });
  }

  /** Art. 17: what is missing; the term waits for the petitioner's answer. */
  async completionRequest(em: EntityManager, event: CloudEvent<TicketSuspendedData>): Promise<RequesterOutcome> {
    const { data } = event;
    if (!data.requester) return 'no-email';
    return this.mail(em, event, data.requester, ticketCompletionRequestTemplate, {
      requesterName: data.requester.name,
      radicado: data.radicado,
      subject: data.subject,
      reason: data.reason,
      trackingUrl: await this.links.resolve(em, event.tenantid, data.ticketId, null),
    });
  }

  /** Art. 14 parágrafo: the reason and the new date. */
  async extension(em: EntityManager, event: CloudEvent<TicketExtendedData>): Promise<RequesterOutcome> {
    const { data } = event;
    return this.mail(em, event, data.requester, ticketExtensionNoticeTemplate, {
      requesterName: data.requester.name,
      radicado: data.radicado,
      subject: data.subject,
      reason: data.reason,
      previousDueAt: data.previousDueAt,
      newDueAt: data.newDueAt,
      trackingUrl: await this.links.resolve(em, event.tenantid, data.ticketId, null),
      timeZone: this.timeZone(data.timeZone),
    });
  }

  /** On close: the resolution and the satisfaction survey link. */
  async satisfactionRequest(em: EntityManager, event: CloudEvent<TicketClosedData>): Promise<RequesterOutcome> {
    const { data } = event;
    const tracking = await this.links.resolve(em, event.tenantid, data.ticketId, data.trackingUrl);
    return this.mail(em, event, data.requester, ticketSatisfactionRequestTemplate, {
      requesterName: data.requester.name,
      radicado: data.radicado,
      subject: data.subject,
      resolution: data.resolution,
      satisfactionUrl: satisfactionUrl(tracking),
    });
  }

  private async mail<TVars>(
    em: EntityManager,
    event: CloudEvent<{ ticketId: string }>,
    requester: TicketRequester | undefined,
    template: EmailTemplate<TVars>,
    vars: TVars,
    threading: TicketMailThreading = this.threads.followUp(event.data.ticketId, event.id),
  ): Promise<RequesterOutcome> {
    const email = this.compose(event, requester, template, vars, threading);
    if (!email) return 'no-email';
    await this.deliveries.record(em, email);
    return 'mailed';
  }

  /** The rendered e-mail to the requester, or null when they gave no address. */
  private compose<TVars>(
    event: CloudEvent<{ ticketId: string }>,
    requester: TicketRequester | undefined,
    template: EmailTemplate<TVars>,
    vars: TVars,
    threading: TicketMailThreading,
  ): PendingEmail | null {
    const email = requester?.email?.trim();
    if (!email) return null;
    const mail = template.render(requester?.language, vars);
    return {
      tenantId: event.tenantid,
      messageId: event.id,
      recipientUserId: requesterRecipientId(email),
      template: template.id,
      locale: mail.locale,
      toAddress: email,
      subject: mail.subject,
      bodyText: mail.text,
      bodyHtml: mail.html,
      threading,
    };
  }

  private timeZone(fromEvent: string | undefined): string {
    return usableTimeZone(fromEvent, this.config.MAIL_TIME_ZONE ?? 'America/Bogota');
  }
}
