import { randomUUID } from 'node:crypto';
import type { CloudEvent, TicketEventBase, TicketRequester } from '@crm/contracts';

/** A tickets event as the tickets service publishes it (base fields filled with a plausible PQR). */
export function ticketEvent<T extends object>(type: string, tenantId: string, data: Partial<TicketEventBase> & T): CloudEvent<TicketEventBase & T> {
  const id = randomUUID();
  const base: TicketEventBase = {
    ticketId: randomUUID(),
    radicado: `PQR-2026-${String(Math.floor(Math.random() * 900_000) + 100_000)}`,
    contactId: null,
    pqrClass: 'reclamo',
    categoryId: null,
    priority: 'media',
    status: 'abierto',
    channel: 'web',
    subject: 'Cobro doble en la factura de marzo',
    assigneeId: null,
    teamId: null,
    // End of Friday 24 April 2026 in Bogotá.
    legalDueAt: '2026-04-25T04:59:59.999Z',
    timeZone: 'America/Bogota',
  };
  const payload = { ...base, ...data } as TicketEventBase & T;
  return {
    specversion: '1.0',
    id,
    source: 'crm/tickets',
    type,
    time: new Date().toISOString(),
    subject: payload.ticketId,
    datacontenttype: 'application/json',
    tenantid: tenantId,
    correlationid: id,
    data: payload,
  };
}

export function requester(overrides: Partial<TicketRequester> = {}): TicketRequester {
  return { name: 'María Pérez', email: `maria-${randomUUID().slice(0, 8)}@cliente.test`, language: 'es', ...overrides };
}
