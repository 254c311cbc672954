import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Ticket } from './ticket.entity.js';
import { toTicketView, type TicketView } from './ticket.view.js';

/** Ticket views with their clock figures (legal and SLA due dates and states). */
@Injectable()
export class TicketViews {
  constructor(private readonly dataSource: DataSource) {}

  async one(ticket: Ticket, em: EntityManager = this.dataSource.manager): Promise<TicketView> {
    const [view] = await this.many([ticket], em);
    return view;
  }

  async many(tickets: Ticket[], _em: EntityManager = this.dataSource.manager): Promise<TicketView[]> {
    return tickets.map((ticket) => toTicketView(ticket));
  }
}
