import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { canWrite, type AuthUser } from '@crm/auth';
import { Problems } from '@crm/common';
import {
  TICKETS_TICKET_CLOSED,
  TICKETS_TICKET_REOPENED,
  TICKETS_TICKET_REQUESTER_CHANGED,
  TICKETS_TICKET_STATUS_CHANGED,
  type TicketClosedData,
  type TicketReopenedData,
  type TicketRequesterChangedData,
  type TicketStatusChangedData,
} from '@crm/contracts';
import { assertVersion } from '@crm/database';
import { TicketCategoriesService } from '../categories/ticket-categories.service.js';
import type { ChangeStatusDto } from './dto/change-status.dto.js';
import type { UpdateTicketDto } from './dto/update-ticket.dto.js';
import { REQUESTER_COLUMNS, requesterChangesOf, type RequesterField } from './requester-changes.js';
import { TicketAccessService } from './ticket-access.service.js';
import { TicketClocks, clockTicketOf } from './ticket-clocks.port.js';
import { TicketEventsPublisher } from './ticket-events.publisher.js';
import { TicketHistoryService } from './ticket-history.service.js';
import { TicketViews } from './ticket-views.service.js';
import type { Ticket } from './ticket.entity.js';
import type { TicketView } from './ticket.view.js';

const EDITABLE = ['pqrClass', 'categoryId', 'priority', 'subject', 'description', 'tags'] as const;

/**
 * Changes to a ticket under optimistic locking: field edits (class, priority and category
 * recompute the clocks) and status changes (close with a resolution, reopen), each with its
 * history entry, clock call and event in one transaction.
 */
@Injectable()
export class TicketChangesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: TicketAccessService,
    private readonly categories: TicketCategoriesService,
    private readonly clocks: TicketClocks,
    private readonly history: TicketHistoryService,
    private readonly events: TicketEventsPublisher,
    private readonly views: TicketViews,
  ) {}

  async update(user: AuthUser, id: string, dto: Omit<UpdateTicketDto, 'version'>, version: number): Promise<TicketView> {
    if (!canWrite(user)) throw Problems.forbidden();
    for (const field of ['pqrClass', 'priority', 'subject', 'description', 'tags'] as const) {
      if (dto[field] === null) throw Problems.invalid([{ field, message: `El campo "${field}" no puede quedar vacío.` }]);
    }
    return this.dataSource.transaction(async (em) => {
      const ticket = await this.access.findVisible(user, id, em, true);
      assertVersion(ticket, version);
      if (dto.categoryId && dto.categoryId !== ticket.categoryId) await this.categories.assertSelectable(em, user.tenantId, dto.categoryId);
      const before = clockTicketOf(ticket);
      const changes: { field: string; from: unknown; to: unknown }[] = [];
      for (const field of EDITABLE) {
        const next = dto[field];
        if (next === undefined || JSON.stringify(next) === JSON.stringify(ticket[field])) continue;
        changes.push({ field, from: ticket[field], to: next });
        Object.assign(ticket, { [field]: next });
      }
      const requesterChanges = dto.requester ? requesterChangesOf(ticket, dto.requester) : [];
      if (changes.length === 0 && requesterChanges.length === 0) return this.views.one(ticket, em);
      const previousContactId = ticket.contactId;
      for (const change of requesterChanges) Object.assign(ticket, { [REQUESTER_COLUMNS[change.field]]: change.to });
      // Another e-mail is maybe another person: the contact is linked again by contacts (requester_changed).
      if (requesterChanges.some((change) => change.field === 'email')) ticket.contactId = null;
      ticket.updatedBy = user.id;
      await em.save(ticket);
      const now = new Date();
      if (changes.some((change) => ['pqrClass', 'priority', 'categoryId'].includes(change.field))) {
        await this.clocks.onChanged(em, before, clockTicketOf(ticket), now);
      }
      // Texts are not copied into the history (they may hold personal data): only what changed.
      const recorded = changes.map((change) => (['subject', 'description'].includes(change.field) ? { field: change.field } : change));
      if (changes.length > 0) await this.history.record(em, { tenantId: user.tenantId, ticketId: ticket.id, kind: 'updated', actorId: user.id, details: { changes: recorded } });
      if (requesterChanges.length > 0) await this.requesterChanged(em, ticket, requesterChanges, previousContactId, user.id, now);
      return this.views.one(ticket, em);
    });
  }

  async changeStatus(user: AuthUser, id: string, dto: Omit<ChangeStatusDto, 'version'>, version: number): Promise<TicketView> {
    if (!canWrite(user)) throw Problems.forbidden();
    const resolution = dto.resolution?.trim();
    if (dto.status === 'cerrado' && !resolution) throw Problems.invalid([{ field: 'resolution', message: 'Para cerrar la PQR escriba la respuesta dada (resolution).' }]);
    if (dto.status !== 'cerrado' && dto.resolution !== undefined) throw Problems.invalid([{ field: 'resolution', message: 'La respuesta (resolution) solo se envía al cerrar.' }]);
    return this.dataSource.transaction(async (em) => {
      const ticket = await this.access.findVisible(user, id, em, true);
      assertVersion(ticket, version);
      if (ticket.status === dto.status) throw Problems.conflict(`La PQR ya está en estado "${dto.status}".`);
      const before = clockTicketOf(ticket);
      const previousStatus = ticket.status;
      const now = new Date();
      ticket.status = dto.status;
      ticket.updatedBy = user.id;
      if (dto.status === 'cerrado') {
        ticket.closedAt = now;
        ticket.closedBy = user.id;
        ticket.resolution = resolution!;
      } else if (previousStatus === 'cerrado') {
        ticket.closedAt = null;
        ticket.closedBy = null;
      }
      await em.save(ticket);
      await this.clocks.onChanged(em, before, clockTicketOf(ticket), now);
      const reopened = previousStatus === 'cerrado';
      await this.history.record(em, {
        tenantId: user.tenantId,
        ticketId: ticket.id,
        kind: dto.status === 'cerrado' ? 'closed' : reopened ? 'reopened' : 'status_changed',
        actorId: user.id,
        details: { from: previousStatus, to: dto.status, ...(dto.reason ? { reason: dto.reason } : {}) },
      });
      await this.publishStatus(em, ticket, previousStatus, user.id, now, dto.reason ?? null);
      return this.views.one(ticket, em);
    });
  }

  /**
   * The audit entry (which fields, by whom; the personal data itself stays on the ticket only)
   * and tickets.ticket.requester_changed, which contacts follows to link the new e-mail.
   */
  private async requesterChanged(em: EntityManager, ticket: Ticket, changes: { field: RequesterField }[], previousContactId: string | null, actorId: string, at: Date): Promise<void> {
    const fields = changes.map((change) => change.field);
    const unlinked = previousContactId !== ticket.contactId;
    await this.history.record(em, {
      tenantId: ticket.tenantId,
      ticketId: ticket.id,
      kind: 'requester_changed',
      actorId,
      details: { fields, ...(unlinked ? { previousContactId } : {}) },
    });
    const data: TicketRequesterChangedData = {
      ...this.events.base(ticket, await this.events.clockOf(em, ticket)),
      changedFields: fields,
      previousContactId,
      requester: this.events.requester(ticket, true),
      changedBy: actorId,
      changedAt: at.toISOString(),
    };
    await this.events.publish(em, ticket, TICKETS_TICKET_REQUESTER_CHANGED, data);
  }

  /** status_changed always; closed or reopened besides when that is what happened. */
  private async publishStatus(em: EntityManager, ticket: Ticket, previousStatus: Ticket['status'], actorId: string, at: Date, reason: string | null): Promise<void> {
    const clock = await this.events.clockOf(em, ticket);
    const base = this.events.base(ticket, clock);
    const changed: TicketStatusChangedData = { ...base, previousStatus, changedBy: actorId, changedAt: at.toISOString() };
    await this.events.publish(em, ticket, TICKETS_TICKET_STATUS_CHANGED, changed);
    if (ticket.status === 'cerrado') {
      const closed: TicketClosedData = {
        ...base,
        resolution: ticket.resolution,
        closedBy: actorId,
        closedAt: at.toISOString(),
        legalState: clock?.legalState ?? null,
        slaState: clock?.slaState ?? null,
        requester: this.events.requester(ticket),
        trackingUrl: this.events.trackingUrl(ticket),
      };
      await this.events.publish(em, ticket, TICKETS_TICKET_CLOSED, closed);
    } else if (previousStatus === 'cerrado') {
      const reopened: TicketReopenedData = { ...base, reopenedBy: actorId, reopenedAt: at.toISOString(), reason };
      await this.events.publish(em, ticket, TICKETS_TICKET_REOPENED, reopened);
    }
  }
}
