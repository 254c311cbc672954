import { Injectable } from '@nestjs/common';
import { TicketClocks, type ClockFigures } from './ticket-clocks.port.js';

/** Stand-in until tickets-time's TicketClocksService is merged: no clock, no figures. */
@Injectable()
export class NoTicketClocks extends TicketClocks {
  async start(): Promise<void> {}
  async onChanged(): Promise<void> {}
  async onFirstResponse(): Promise<void> {}
  async views(): Promise<Map<string, ClockFigures>> {
    return new Map();
  }
  clockFilterSql(): null {
    return null;
  }
}
