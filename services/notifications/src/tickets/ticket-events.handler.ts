import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  TICKETS_TICKET_ASSIGNED,
  TICKETS_TICKET_CLOSED,
  TICKETS_TICKET_CREATED,
  TICKETS_TICKET_EXTENDED,
  TICKETS_TICKET_LEGAL_DUE_SOON,
  TICKETS_TICKET_LEGAL_OVERDUE,
  TICKETS_TICKET_REPLIED,
  TICKETS_TICKET_SLA_BREACHED,
  TICKETS_TICKET_SLA_WARNING,
  TICKETS_TICKET_SUSPENDED,
  type CloudEvent,
  type TicketAssignedData,
  type TicketClosedData,
  type TicketCreatedData,
  type TicketExtendedData,
  type TicketLegalAlertData,
  type TicketRepliedData,
  type TicketSlaAlertData,
  type TicketSuspendedData,
} from '@crm/contracts';
import { InboxBatcher, InboxService } from '@crm/messaging';
import type { EntityManager } from 'typeorm';
import { EmailDeliverySender } from '../deliveries/email-delivery-sender.service.js';
import { RequesterNoticesService } from './requester-notices.service.js';
import { StaffAlertsService } from './staff-alerts.service.js';

/**
 * tickets.ticket.* → e-mails (and in-app entries for staff). Each event is recorded once in its
 * inbox transaction (one delivery row per recipient); after commit every row not yet `sent` is
 * sent, also on a redelivery, so a crash or an SMTP failure never loses nor doubles an e-mail.
 */
@Controller()
export class TicketEventsHandler {
  private readonly logger = new Logger(TicketEventsHandler.name);
  private readonly acknowledgements: InboxBatcher<CloudEvent<TicketCreatedData>>;

  constructor(
    private readonly inbox: InboxService,
    private readonly requesters: RequesterNoticesService,
    private readonly staff: StaffAlertsService,
    private readonly sender: EmailDeliverySender,
  ) {
    this.acknowledgements = new InboxBatcher<CloudEvent<TicketCreatedData>>(inbox, { consumer: 'notifications.ticket-acknowledgement', maxBatch: 50, maxWaitMs: 2 }, async (em, events) => {
      await this.requesters.acknowledgeAll(em, events);
    });
  }

  /**
   * The acuse de recibo, the one e-mail of every public filing: a burst of filings shares its
   * inbox transaction (InboxBatcher: inbox rows, tracking links and delivery rows, one statement
   * each per batch) and its send (EmailDeliverySender coalesces concurrent sends).
   */
  @EventPattern<string>(TICKETS_TICKET_CREATED)
  async onCreated(@Payload() event: CloudEvent<TicketCreatedData>): Promise<void> {
    await this.acknowledgements.submit(event);
    // Also after a duplicate: a crash (or an SMTP failure) may have left the e-mail unsent.
    await this.sender.sendOutstanding(event.id);
  }

  @EventPattern<string>(TICKETS_TICKET_REPLIED)
  async onReplied(@Payload() event: CloudEvent<TicketRepliedData>): Promise<void> {
    // A staff reply is e-mailed to the requester; the requester's own reply is news for the agents.
    await this.handle(event, 'public-reply', (em) => (event.data.authorKind === 'requester' ? this.staff.requesterReplied(em, event) : this.requesters.publicReply(em, event)));
  }

  @EventPattern<string>(TICKETS_TICKET_EXTENDED)
  async onExtended(@Payload() event: CloudEvent<TicketExtendedData>): Promise<void> {
    await this.handle(event, 'extension-notice', (em) => this.requesters.extension(em, event));
  }

  @EventPattern<string>(TICKETS_TICKET_SUSPENDED)
  async onSuspended(@Payload() event: CloudEvent<TicketSuspendedData>): Promise<void> {
    await this.handle(event, 'completion-request', (em) => this.requesters.completionRequest(em, event));
  }

  @EventPattern<string>(TICKETS_TICKET_CLOSED)
  async onClosed(@Payload() event: CloudEvent<TicketClosedData>): Promise<void> {
    await this.handle(event, 'satisfaction-request', (em) => this.requesters.satisfactionRequest(em, event));
  }

  @EventPattern<string>(TICKETS_TICKET_ASSIGNED)
  async onAssigned(@Payload() event: CloudEvent<TicketAssignedData>): Promise<void> {
    await this.handle(event, 'assigned', (em) => this.staff.assigned(em, event));
  }

  @EventPattern<string>(TICKETS_TICKET_LEGAL_DUE_SOON)
  async onLegalDueSoon(@Payload() event: CloudEvent<TicketLegalAlertData>): Promise<void> {
    await this.handle(event, 'legal-due-soon', (em) => this.staff.legal(em, event, 'due_soon'));
  }

  @EventPattern<string>(TICKETS_TICKET_LEGAL_OVERDUE)
  async onLegalOverdue(@Payload() event: CloudEvent<TicketLegalAlertData>): Promise<void> {
    await this.handle(event, 'legal-overdue', (em) => this.staff.legal(em, event, 'overdue'));
  }

  @EventPattern<string>(TICKETS_TICKET_SLA_WARNING)
  async onSlaWarning(@Payload() event: CloudEvent<TicketSlaAlertData>): Promise<void> {
    await this.handle(event, 'sla-warning', (em) => this.staff.sla(em, event, 'warning'));
  }

  @EventPattern<string>(TICKETS_TICKET_SLA_BREACHED)
  async onSlaBreached(@Payload() event: CloudEvent<TicketSlaAlertData>): Promise<void> {
    await this.handle(event, 'sla-breached', (em) => this.staff.sla(em, event, 'breached'));
  }

  private async handle(event: CloudEvent<{ ticketId: string; radicado: string }>, what: string, work: (em: EntityManager) => Promise<unknown>): Promise<void> {
    const { duplicate, result } = await this.inbox.handleOnce(event, `notifications.ticket-${what}`, work);
    if (!duplicate) this.logger.debug(`${event.type} ${event.data.radicado}: ${JSON.stringify(result)}`);
    // Also after a duplicate: a crash (or an SMTP failure) may have left an e-mail unsent.
    await this.sender.sendOutstanding(event.id);
  }
}
