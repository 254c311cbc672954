import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { canWrite, type AuthUser } from '@crm/auth';
import { Problems } from '@crm/common';
import { TICKETS_TICKET_MERGED, TICKETS_TICKET_STATUS_CHANGED, type TicketMergedData, type TicketStatusChangedData } from '@crm/contracts';
import { assertVersion } from '@crm/database';
import { TicketAccessService } from '../tickets/ticket-access.service.js';
import { TicketClocks, clockTicketOf } from '../tickets/ticket-clocks.port.js';
import { TicketEventsPublisher } from '../tickets/ticket-events.publisher.js';
import { TicketHistoryService } from '../tickets/ticket-history.service.js';
import { TICKET_IDEMPOTENCY } from '../tickets/ticket-idempotency.js';
import type { Ticket } from '../tickets/ticket.entity.js';
import { moveConversation, moveReceptionDate } from './merge-moves.js';
import type { MergeResultView } from './merge-result.view.js';
import { sameRequester } from './same-requester.js';

const iso = (value: Date | string | null | undefined): string | null => (value instanceof Date ? value.toISOString() : (value ?? null));

/** Thrown at the end of a dry run so the transaction rolls back everything it did. */
class DryRunRollback extends Error {
  constructor(readonly result: MergeResultView) {
    super('dry run');
  }
}

export interface MergeRequest {
  duplicateTicketId: string;
  dryRun: boolean;
  version: number | undefined;
  duplicateVersion: number | undefined;
}

/**
 * Merges a duplicate PQR into a primary one. The dry run performs the very same merge inside a
 * transaction that is then rolled back, so what it answers is exactly what the merge would do.
 */
@Injectable()
export class TicketMergeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: TicketAccessService,
    private readonly clocks: TicketClocks,
    private readonly events: TicketEventsPublisher,
    private readonly history: TicketHistoryService,
  ) {}

  async merge(user: AuthUser, primaryId: string, request: MergeRequest): Promise<MergeResultView> {
    if (!canWrite(user)) throw Problems.forbidden();
    if (request.duplicateTicketId === primaryId) throw Problems.invalid([{ field: 'duplicateTicketId', message: 'Una PQR no se puede fusionar consigo misma.' }]);
    if (!request.dryRun && request.version === undefined) throw Problems.invalid([{ field: 'version', message: 'Envíe la versión de la PQR principal (o If-Match).' }]);
    if (!request.dryRun && request.duplicateVersion === undefined) throw Problems.invalid([{ field: 'duplicateVersion', message: 'Envíe la versión de la PQR duplicada.' }]);
    try {
      return await this.dataSource.transaction(async (em) => {
        const result = await this.apply(em, user, primaryId, request);
        if (request.dryRun) throw new DryRunRollback(result);
        return result;
      });
    } catch (error) {
      if (error instanceof DryRunRollback) return error.result;
      throw error;
    }
  }

  private async apply(em: EntityManager, user: AuthUser, primaryId: string, request: MergeRequest): Promise<MergeResultView> {
    const { primary, duplicate } = await this.lockBoth(em, user, primaryId, request.duplicateTicketId);
    if (request.version !== undefined) assertVersion(primary, request.version);
    if (request.duplicateVersion !== undefined && duplicate.version !== request.duplicateVersion) {
      throw Problems.staleVersion(duplicate.version);
    }
    if (primary.status === 'cerrado') throw Problems.conflict('La PQR principal está cerrada; reábrala antes de fusionar.');
    if (duplicate.status === 'cerrado') throw Problems.conflict('La PQR duplicada ya está cerrada.');
    if (!sameRequester(primary, duplicate)) {
      throw Problems.conflict('Las PQR son de solicitantes distintos (contacto, correo o documento); solo se fusionan PQR del mismo solicitante.');
    }
    const now = new Date();
    const previousClock = await this.events.clockOf(em, primary);
    const previousReceivedAt = primary.receivedAt;
    const moved = await moveConversation(em, primary, duplicate);

    // The earliest legal reception date stays: the legal term counts from it (due date recomputed).
    const before = clockTicketOf(primary);
    const receivedAtChanged = duplicate.receivedAt.getTime() < primary.receivedAt.getTime();
    if (receivedAtChanged) {
      primary.receivedAt = duplicate.receivedAt;
      await moveReceptionDate(em, primary, duplicate.receivedAt);
    }
    primary.updatedBy = user.id;
    await em.save(primary);
    await this.clocks.onChanged(em, before, clockTicketOf(primary), now);

    // The duplicate is closed with a link to the primary.
    const duplicateBefore = clockTicketOf(duplicate);
    const previousStatus = duplicate.status;
    Object.assign(duplicate, { status: 'cerrado', closedAt: now, closedBy: user.id, resolution: `Fusionada con la PQR ${primary.radicado}.`, mergedIntoId: primary.id, updatedBy: user.id });
    await em.save(duplicate);
    await this.clocks.onChanged(em, duplicateBefore, clockTicketOf(duplicate), now);
    await TICKET_IDEMPOTENCY.repoint(em, primary.tenantId, [duplicate.id], primary.id);

    const details = { duplicateTicketId: duplicate.id, duplicateRadicado: duplicate.radicado, movedMessages: moved.messages, movedAttachments: moved.attachments };
    await this.history.record(em, {
      tenantId: primary.tenantId,
      ticketId: primary.id,
      kind: 'merged',
      actorId: user.id,
      details: { ...details, ...(receivedAtChanged ? { receivedAt: { from: previousReceivedAt.toISOString(), to: primary.receivedAt.toISOString() } } : {}) },
    });
    await this.history.record(em, {
      tenantId: duplicate.tenantId,
      ticketId: duplicate.id,
      kind: 'merged_into',
      actorId: user.id,
      details: { primaryTicketId: primary.id, primaryRadicado: primary.radicado, from: previousStatus, to: 'cerrado' },
    });

    const duplicateClock = await this.events.clockOf(em, duplicate);
    const closed: TicketStatusChangedData = { ...this.events.base(duplicate, duplicateClock), previousStatus, changedBy: user.id, changedAt: now.toISOString() };
    await this.events.publish(em, duplicate, TICKETS_TICKET_STATUS_CHANGED, closed);
    const clock = await this.events.clockOf(em, primary);
    const merged: TicketMergedData = {
      ...this.events.base(primary, clock),
      ...details,
      receivedAt: primary.receivedAt.toISOString(),
      previousLegalDueAt: iso(previousClock?.legalDueAt),
      mergedBy: user.id,
      mergedAt: now.toISOString(),
      requester: this.events.requester(primary),
    };
    await this.events.publish(em, primary, TICKETS_TICKET_MERGED, merged);

    return {
      dryRun: request.dryRun,
      primary: { id: primary.id, radicado: primary.radicado, version: primary.version, receivedAt: primary.receivedAt.toISOString(), legalDueAt: iso(clock?.legalDueAt) },
      duplicate: { id: duplicate.id, radicado: duplicate.radicado, status: 'cerrado', mergedIntoId: primary.id },
      movedMessages: moved.messages,
      movedAttachments: moved.attachments,
      receivedAtChanged,
      previousReceivedAt: previousReceivedAt.toISOString(),
      previousLegalDueAt: iso(previousClock?.legalDueAt),
      requesterNotified: !!primary.requesterEmail?.trim(),
    };
  }

  /**
   * Both visible to the caller (same tenant by construction), locked in id order so two merges
   * cannot deadlock. A ticket already merged into another is 409 (it is read-only), not 404.
   */
  private async lockBoth(em: EntityManager, user: AuthUser, primaryId: string, duplicateId: string): Promise<{ primary: Ticket; duplicate: Ticket }> {
    const locked = new Map<string, Ticket>();
    for (const id of [primaryId, duplicateId].sort()) {
      try {
        locked.set(id, await this.access.findReadable(user, id, em, true));
      } catch (error) {
        if (id === duplicateId) throw Problems.notFound('La PQR duplicada no existe o no es visible para usted.');
        throw error;
      }
    }
    for (const ticket of locked.values()) {
      if (ticket.mergedIntoId) throw await this.access.mergedConflict(ticket, em);
    }
    return { primary: locked.get(primaryId)!, duplicate: locked.get(duplicateId)! };
  }
}
