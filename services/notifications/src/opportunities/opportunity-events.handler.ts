import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  OPPORTUNITIES_DOCUMENT_UPLOADED,
  OPPORTUNITIES_NOTE_ADDED,
  OPPORTUNITIES_OPPORTUNITY_ASSIGNED,
  OPPORTUNITIES_OPPORTUNITY_STALLED,
  type CloudEvent,
  type OpportunityAssignedData,
  type OpportunityDocumentUploadedData,
  type OpportunityNoteAddedData,
  type OpportunityStalledData,
} from '@crm/contracts';
import { InboxService } from '@crm/messaging';
import { EmailDeliverySender } from '../deliveries/email-delivery-sender.service.js';
import { OpportunityNotifier, type OpportunityNotice } from './opportunity-notifier.service.js';
import { OPPORTUNITY_TEMPLATES } from './opportunity-templates.js';

/**
 * HolaGest's opportunity notifications: new-opportunity-agent / -assignee (to the person set),
 * new-opportunity-file / -note (to creator, agent and assignee, never the actor; private notes
 * tell nobody) and opportunity-stalled (agent and assignee). Once per event and recipient: the
 * inbox records them; after a redelivery only unsent e-mails are (re)sent.
 */
@Controller()
export class OpportunityEventsHandler {
  constructor(
    private readonly inbox: InboxService,
    private readonly notifier: OpportunityNotifier,
    private readonly sender: EmailDeliverySender,
  ) {}

  @EventPattern<string>(OPPORTUNITIES_OPPORTUNITY_ASSIGNED)
  async onAssigned(@Payload() event: CloudEvent<OpportunityAssignedData>): Promise<void> {
    const d = event.data;
    await this.handle(
      event,
      'notifications.opportunity-assigned',
      {
        ...this.base(event, d.opportunityId, d.title),
        actorId: null,
        recipientIds: [d.userId],
        template: d.role === 'agent' ? OPPORTUNITY_TEMPLATES.agent : OPPORTUNITY_TEMPLATES.assignee,
        detail: null,
        data: { opportunityId: d.opportunityId, contactId: d.contactId, role: d.role, assignedBy: d.assignedBy },
      },
      d.assignedBy,
    );
  }

  @EventPattern<string>(OPPORTUNITIES_DOCUMENT_UPLOADED)
  async onDocument(@Payload() event: CloudEvent<OpportunityDocumentUploadedData>): Promise<void> {
    const d = event.data;
    await this.handle(event, 'notifications.opportunity-file', {
      ...this.base(event, d.opportunityId, d.title),
      actorId: d.uploadedBy,
      recipientIds: [d.createdBy, d.agentId, d.assigneeId],
      template: OPPORTUNITY_TEMPLATES.file,
      detail: d.fileName,
      data: { opportunityId: d.opportunityId, documentId: d.documentId, fileName: d.fileName },
    });
  }

  @EventPattern<string>(OPPORTUNITIES_NOTE_ADDED)
  async onNote(@Payload() event: CloudEvent<OpportunityNoteAddedData>): Promise<void> {
    const d = event.data;
    // A private note is its author's only: nobody else hears of it.
    if (d.visibility !== 'shared') return;
    await this.handle(event, 'notifications.opportunity-note', {
      ...this.base(event, d.opportunityId, d.title),
      actorId: d.authorId,
      recipientIds: [d.createdBy, d.agentId, d.assigneeId],
      template: OPPORTUNITY_TEMPLATES.note,
      detail: d.excerpt ?? null,
      data: { opportunityId: d.opportunityId, noteId: d.noteId },
    });
  }

  @EventPattern<string>(OPPORTUNITIES_OPPORTUNITY_STALLED)
  async onStalled(@Payload() event: CloudEvent<OpportunityStalledData>): Promise<void> {
    const d = event.data;
    await this.handle(event, 'notifications.opportunity-stalled', {
      ...this.base(event, d.opportunityId, d.title),
      actorId: null,
      recipientIds: [d.agentId, d.assigneeId],
      template: OPPORTUNITY_TEMPLATES.stalled,
      detail: null,
      days: d.thresholdDays,
      data: { opportunityId: d.opportunityId, stageId: d.stageId, stalledAt: d.stalledAt },
    });
  }

  private base(event: CloudEvent<unknown>, opportunityId: string, title: string) {
    return { tenantId: event.tenantid, messageId: event.id, opportunityId, title };
  }

  private async handle(event: CloudEvent<unknown>, consumer: string, notice: OpportunityNotice, actorForNames?: string): Promise<void> {
    // For assignments the assigner is named in the mail but still receives it when self-assigned.
    await this.inbox.handleOnce(event, consumer, (em) => this.notifier.record(em, notice, actorForNames));
    await this.sender.sendOutstanding(event.id);
  }
}
