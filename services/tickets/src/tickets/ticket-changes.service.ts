import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { canWrite, type AuthUser } from '@crm/auth';
import { Problems } from '@crm/common';
import { TICKETS_TICKET_CLOSED, TICKETS_TICKET_REOPENED, TICKETS_TICKET_STATUS_CHANGED, type TicketClosedData, type TicketReopenedData, type TicketStatusChangedData } from '@crm/contracts';
import { assertVersion } from '@crm/database';
import { TicketCategoriesService } from '../categories/ticket-categories.service.js';
import type { ChangeStatusDto } from './dto/change-status.dto.js';
import type { UpdateTicketDto } from './dto/update-ticket.dto.js';
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
      if (changes.length === 0) return this.views.one(ticket, em);
      ticket.updatedBy = user.id;
      await em.save(ticket);
      const now = new Date();
      if (changes.some((change) => ['pqrClass', 'priority', 'categoryId'].includes(change.field))) {
        await this.clocks.onChanged(em, before, clockTicketOf(ticket), now);
      }
      // Texts are not copied into the history (they may hold personal data): only what changed.
      const recorded = changes.map((change) => (['subject', 'description'].includes(change.field) ? { field: change.field } : change));
      await this.history.record(em, { tenantId: user.tenantId, ticketId: ticket.id, kind: 'updated', actorId: user.id, details: { changes: recorded } });
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

  /** status_changed always; closed or reopened besides when that is what happened. */
  private async publishStatus(em: import('typeorm').EntityManager, ticket: Ticket, previousStatus: Ticket['status'], actorId: string, at: Date, reason: string | null): Promise<void> {
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
