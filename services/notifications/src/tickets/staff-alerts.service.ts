import { Inject, Injectable } from '@nestjs/common';
import type { CloudEvent, TicketAssignedData, TicketEventBase, TicketLegalAlertData, TicketRepliedData, TicketSlaAlertData } from '@crm/contracts';
import type { EntityManager } from 'typeorm';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../config/notifications-env.js';
import { RecipientNotifier } from '../recipients/recipient-notifier.service.js';
import { ticketAssignedAgentSummary, ticketAssignedAgentTemplate } from '../templates/ticket-assigned-agent.template.js';
import { usableTimeZone } from '../templates/ticket-labels.js';
import { ticketLegalAlertSummary, ticketLegalAlertTemplate } from '../templates/ticket-legal-alert.template.js';
import { ticketRequesterReplyAgentSummary, ticketRequesterReplyAgentTemplate } from '../templates/ticket-requester-reply-agent.template.js';
import { ticketSlaAlertSummary, ticketSlaAlertTemplate } from '../templates/ticket-sla-alert.template.js';
import type { TicketStaffAlertBase } from '../templates/ticket-staff-alert-mail.js';
import type { UserProjection } from '../users/user-projection.entity.js';
import { UserProjectionService } from '../users/user-projection.service.js';
import { ticketPath, ticketUrl } from './ticket-links.js';

/** How many staff members an event notified (inactive users are skipped). */
export type StaffOutcome = { notified: number };

interface StaffMessage {
  type: string;
  template: string;
  mail: { locale: string; subject: string; text: string; html: string };
  body: string;
  extra: Record<string, unknown>;
}

interface StaffRecipient {
  user: UserProjection;
  asManager: boolean;
}

/**
 * E-mail plus in-app entry for staff: the agent a ticket is assigned to, and the assignee (and,
 * when it escalates, the team managers) of legal and SLA alerts. A recipient not projected yet
 * throws UserNotKnownYetError, so nothing is recorded and the event is retried.
 */
@Injectable()
export class StaffAlertsService {
  constructor(
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    private readonly users: UserProjectionService,
    private readonly recipients: RecipientNotifier,
  ) {}

  async assigned(em: EntityManager, event: CloudEvent<TicketAssignedData>): Promise<StaffOutcome> {
    const { data } = event;
    // Taking a ticket oneself is no news to oneself.
    if (data.assignedBy === data.assigneeId) return { notified: 0 };
    const targets = await this.resolve(em, event.tenantid, [data.assigneeId], []);
    const assigner = data.assignedBy ? await this.users.find(em, event.tenantid, data.assignedBy) : null;
    for (const { user } of targets) {
      const vars = {
        recipientName: user.name,
        radicado: data.radicado,
        subject: data.subject,
        pqrClass: data.pqrClass,
        priority: data.priority,
        legalDueAt: data.legalDueAt,
        assignedByName: assigner?.name ?? null,
        ticketUrl: this.ticketUrl(data.ticketId),
        timeZone: this.timeZone(data),
      };
      await this.notify(
        em,
        event,
        user,
        'ticket.assigned',
        ticketAssignedAgentTemplate.id,
        ticketAssignedAgentTemplate.render(user.locale, vars),
        ticketAssignedAgentSummary(user.locale, vars),
        {
          assignedBy: data.assignedBy,
          previousAssigneeId: data.previousAssigneeId,
        },
      );
    }
    return { notified: targets.length };
  }

  /** Due soon: the assignee (the managers when nobody is assigned). Overdue: the assignee and the managers. */
  async legal(em: EntityManager, event: CloudEvent<TicketLegalAlertData>, kind: 'due_soon' | 'overdue'): Promise<StaffOutcome> {
    const { data } = event;
    return this.alert(em, event, kind === 'overdue', (base, user) => {
      const vars = { ...base, kind, pqrClass: data.pqrClass, legalDueAt: data.legalDueAt, businessDaysLeft: data.businessDaysLeft };
      return {
        type: `ticket.legal_${kind}`,
        template: ticketLegalAlertTemplate.id,
        mail: ticketLegalAlertTemplate.render(user.locale, vars),
        body: ticketLegalAlertSummary(user.locale, vars),
        extra: { legalDueAt: data.legalDueAt, businessDaysLeft: data.businessDaysLeft },
      };
    });
  }

  /** Warning: the assignee (the managers when nobody is assigned). Breach: the assignee and the managers. */
  async sla(em: EntityManager, event: CloudEvent<TicketSlaAlertData>, kind: 'warning' | 'breached'): Promise<StaffOutcome> {
    const { data } = event;
    return this.alert(em, event, kind === 'breached', (base, user) => {
      const vars = { ...base, kind, priority: data.priority, target: data.target, dueAt: data.dueAt };
      return {
        type: kind === 'breached' ? 'ticket.sla_breached' : 'ticket.sla_warning',
        template: ticketSlaAlertTemplate.id,
        mail: ticketSlaAlertTemplate.render(user.locale, vars),
        body: ticketSlaAlertSummary(user.locale, vars),
        extra: { target: data.target, dueAt: data.dueAt },
      };
    });
  }

  /**
   * The requester answered on the public page: the assignee, or the team's managers when nobody
   * is assigned (managerIds, sent by tickets for that case). Never the requester.
   */
  async requesterReplied(em: EntityManager, event: CloudEvent<TicketRepliedData>): Promise<StaffOutcome> {
    const { data } = event;
    if (data.authorKind !== 'requester') return { notified: 0 };
    const targets = data.assigneeId ? await this.resolve(em, event.tenantid, [data.assigneeId], []) : await this.resolve(em, event.tenantid, [], data.managerIds ?? []);
    for (const { user, asManager } of targets) {
      const vars = {
        recipientName: user.name,
        asManager,
        radicado: data.radicado,
        subject: data.subject,
        assigneeName: null,
        ticketUrl: this.ticketUrl(data.ticketId),
        requesterName: data.requester?.name ?? null,
        body: data.body,
      };
      await this.notify(
        em,
        event,
        user,
        'ticket.requester_replied',
        ticketRequesterReplyAgentTemplate.id,
        ticketRequesterReplyAgentTemplate.render(user.locale, vars),
        ticketRequesterReplyAgentSummary(user.locale, vars),
        { messageId: data.messageId },
      );
    }
    return { notified: targets.length };
  }

  /** One legal or SLA alert to each of its recipients; `message` adds what the alert itself says. */
  private async alert(
    em: EntityManager,
    event: CloudEvent<TicketEventBase & { managerIds: string[] }>,
    escalate: boolean,
    message: (base: TicketStaffAlertBase & { timeZone: string }, user: UserProjection) => StaffMessage,
  ): Promise<StaffOutcome> {
    const { data } = event;
    const targets = await this.alertTargets(em, event.tenantid, data, escalate);
    const assigneeName = await this.assigneeName(em, event.tenantid, data.assigneeId);
    for (const { user, asManager } of targets) {
      const base = {
        recipientName: user.name,
        asManager,
        radicado: data.radicado,
        subject: data.subject,
        assigneeName,
        ticketUrl: this.ticketUrl(data.ticketId),
        timeZone: this.timeZone(data),
      };
      const { type, template, mail, body, extra } = message(base, user);
      await this.notify(em, event, user, type, template, mail, body, extra);
    }
    return { notified: targets.length };
  }

  private async alertTargets(em: EntityManager, tenantId: string, data: TicketEventBase & { managerIds: string[] }, escalate: boolean): Promise<StaffRecipient[]> {
    const assignees = data.assigneeId ? [data.assigneeId] : [];
    const managers = escalate || assignees.length === 0 ? (data.managerIds ?? []) : [];
    return this.resolve(em, tenantId, assignees, managers);
  }

  /** Active recipients, each once (an assignee who is also a manager is told as the assignee). */
  private async resolve(em: EntityManager, tenantId: string, assigneeIds: string[], managerIds: string[]): Promise<StaffRecipient[]> {
    const seen = new Set<string>();
    const out: StaffRecipient[] = [];
    for (const [userId, asManager] of [...assigneeIds.map((id) => [id, false] as const), ...managerIds.map((id) => [id, true] as const)]) {
      if (seen.has(userId)) continue;
      seen.add(userId);
      const user = await this.users.recipient(em, tenantId, userId);
      if (user.active) out.push({ user, asManager });
    }
    return out;
  }

  private async assigneeName(em: EntityManager, tenantId: string, assigneeId: string | null): Promise<string | null> {
    return assigneeId ? ((await this.users.find(em, tenantId, assigneeId))?.name ?? null) : null;
  }

  private async notify(
    em: EntityManager,
    event: CloudEvent<TicketEventBase>,
    user: UserProjection,
    type: string,
    template: string,
    mail: { locale: string; subject: string; text: string; html: string },
    body: string,
    extra: Record<string, unknown>,
  ): Promise<void> {
    const { data } = event;
    await this.recipients.notify(em, {
      tenantId: event.tenantid,
      messageId: event.id,
      recipient: { userId: user.userId, email: user.email },
      template,
      mail,
      inApp: { type, body, link: ticketPath(data.ticketId), data: { ticketId: data.ticketId, radicado: data.radicado, contactId: data.contactId, ...extra } },
    });
  }

  private ticketUrl(ticketId: string): string {
    return ticketUrl(this.config.APP_BASE_URL ?? 'http://localhost:3000', ticketId);
  }

  private timeZone(data: TicketEventBase): string {
    return usableTimeZone(data.timeZone, this.config.MAIL_TIME_ZONE ?? 'America/Bogota');
  }
}
