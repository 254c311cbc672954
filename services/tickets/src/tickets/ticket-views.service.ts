import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { TicketClocks, type ClockFigures } from './ticket-clocks.port.js';
import type { Ticket } from './ticket.entity.js';
import { NO_CLOCK, toTicketView, type TicketClockFigures, type TicketView } from './ticket.view.js';

const iso = (value: Date | string | null | undefined): string | null => (value instanceof Date ? value.toISOString() : (value ?? null));

function figuresOf(clock: ClockFigures | undefined): TicketClockFigures {
  if (!clock) return NO_CLOCK;
  return {
    legalDueAt: iso(clock.legalDueAt),
    legalBusinessDaysLeft: clock.legalBusinessDaysLeft ?? null,
    legalState: clock.legalState ?? null,
    firstResponseDueAt: iso(clock.firstResponseDueAt),
    resolutionDueAt: iso(clock.resolutionDueAt),
    slaState: clock.slaState ?? null,
  };
}

/**
 * Ticket views with their clock figures (legal and SLA due dates and states), one query per page,
 * and for merged-away duplicates the radicado that stays (one more query, only when the page has any).
 */
@Injectable()
export class TicketViews {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clocks: TicketClocks,
  ) {}

  async one(ticket: Ticket, em: EntityManager = this.dataSource.manager): Promise<TicketView> {
    const [view] = await this.many([ticket], em);
    return view;
  }

  async many(tickets: Ticket[], em: EntityManager = this.dataSource.manager): Promise<TicketView[]> {
    if (tickets.length === 0) return [];
    const clocks = await this.clocks.views(
      em,
      tickets[0].tenantId,
      tickets.map((ticket) => ticket.id),
    );
    const primaries = [...new Set(tickets.map((ticket) => ticket.mergedIntoId).filter((id): id is string => id !== null))];
    const radicados = new Map<string, string>();
    if (primaries.length) {
      const rows = (await em.query('SELECT id, radicado FROM tickets.ticket WHERE tenant_id = $1 AND id = ANY($2::uuid[])', [tickets[0].tenantId, primaries])) as {
        id: string;
        radicado: string;
      }[];
      for (const row of rows) radicados.set(row.id, row.radicado);
    }
    return tickets.map((ticket) => toTicketView(ticket, figuresOf(clocks.get(ticket.id)), ticket.mergedIntoId ? (radicados.get(ticket.mergedIntoId) ?? null) : null));
  }
}
