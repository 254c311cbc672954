import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ContactProjection } from '../contact.projection.js';
import { OpportunityProjection } from '../opportunity.projection.js';
import type { AnyEvent, Row, StateProjection } from '../projection.js';
import { TicketProjection } from '../ticket.projection.js';

const tenant = randomUUID();
const ev = (type: string, data: Record<string, unknown>, time = '2026-03-02T15:00:00.000Z'): AnyEvent => ({
  specversion: '1.0',
  id: randomUUID(),
  source: 'crm/test',
  type,
  time,
  subject: 'x',
  datacontenttype: 'application/json',
  tenantid: tenant,
  correlationid: 'c',
  data,
});
const fold = (p: StateProjection, key: string, events: AnyEvent[]): Row => events.reduce((row, e) => p.apply(row, e), p.blank(tenant, key));

describe('projections are idempotent and tolerate any order', () => {
  const contactId = randomUUID();
  const owner1 = randomUUID();
  const owner2 = randomUUID();
  const created = ev('contacts.contact.created', {
    contactId,
    lifecycle: 'prospect',
    displayName: 'Ana',
    ownerId: owner1,
    teamId: null,
    sourceId: null,
    createdAt: '2026-03-02T15:00:00.000Z',
    version: 1,
  });
  const assigned = ev('contacts.contact.assigned', { contactId, ownerId: owner2, teamId: null, version: 2 });
  const converted = ev('contacts.contact.converted', { contactId, to: 'customer', isCustomer: true, convertedAt: '2026-03-20T15:00:00.000Z', version: 3 });

  it('a contact ends the same whatever the order, and repeats change nothing', () => {
    const p = new ContactProjection();
    const inOrder = fold(p, contactId, [created, assigned, converted]);
    expect(inOrder).toMatchObject({ created: true, lifecycle: 'customer', owner_id: owner2, initial_lifecycle: 'prospect', customer_at: '2026-03-20T15:00:00.000Z' });
    expect(fold(p, contactId, [converted, assigned, created])).toEqual(inOrder);
    expect(fold(p, contactId, [created, assigned, converted, created, converted, assigned])).toEqual(inOrder);
    // Unchanged → the same object (nothing to write).
    expect(p.apply(inOrder, assigned)).toBe(inOrder);
  });

  it('an opportunity: the newest version decides, creation-only facts are kept', () => {
    const p = new OpportunityProjection();
    const id = randomUUID();
    const ref = { opportunityId: id, contactId, title: 'T', pipelineId: randomUUID(), ownerId: owner1, teamId: null, agentId: null, assigneeId: null, createdBy: owner1 };
    const [s1, s2] = [randomUUID(), randomUUID()];
    const c = ev('opportunities.opportunity.created', {
      ...ref,
      stageId: s1,
      status: 'open',
      amount: { amount: '100.00', currency: 'COP' },
      probability: 10,
      expectedCloseDate: null,
      createdAt: '2026-03-02T15:00:00.000Z',
      version: 1,
    });
    const moved = ev('opportunities.opportunity.stage_changed', {
      ...ref,
      stageId: s2,
      fromStageId: s1,
      toStageId: s2,
      toStageName: 'B',
      probability: 30,
      secondsInPreviousStage: 60,
      version: 2,
    });
    const won = ev('opportunities.opportunity.won', {
      opportunityId: id,
      contactId,
      amount: { amount: '120.00', currency: 'COP' },
      wonAt: '2026-03-05T15:00:00.000Z',
      ownerId: owner1,
      pipelineId: ref.pipelineId,
      // As the service publishes it (1.1): the won stage and the title.
      title: 'T',
      stageId: s2,
      version: 3,
    });
    const expected = fold(p, id, [c, moved, won]);
    expect(expected).toMatchObject({
      status: 'won',
      stage_id: s2,
      initial_stage_id: s1,
      amount: '120.00',
      closed_at: '2026-03-05T15:00:00.000Z',
      created_at: '2026-03-02T15:00:00.000Z',
      version: 3,
    });
    expect(fold(p, id, [won, moved, c])).toEqual(expected);
    expect(fold(p, id, [c, won, moved, c, won])).toEqual(expected);
  });

  it('a ticket: first response is the earliest staff reply, flags only turn on, minutes in business time', () => {
    const p = new TicketProjection({ REPORTING_TIME_ZONE: 'America/Bogota' } as never);
    const ticketId = randomUUID();
    const base = {
      ticketId,
      radicado: 'PQR-2026-000001',
      contactId: null,
      pqrClass: 'queja',
      categoryId: null,
      priority: 'alta',
      channel: 'web',
      subject: 's',
      assigneeId: null,
      teamId: null,
      legalDueAt: null,
    };
    const events = [
      ev('tickets.ticket.created', { ...base, status: 'abierto', receivedAt: '2026-03-02T14:00:00.000Z' }, '2026-03-02T14:00:00.000Z'),
      ev('tickets.ticket.replied', { ...base, status: 'en_proceso', authorKind: 'staff', repliedAt: '2026-03-02T16:30:00.000Z' }, '2026-03-02T16:30:00.000Z'),
      ev('tickets.ticket.replied', { ...base, status: 'en_proceso', authorKind: 'staff', repliedAt: '2026-03-02T18:00:00.000Z' }, '2026-03-02T18:00:00.000Z'),
      ev('tickets.ticket.sla_breached', { ...base, status: 'en_proceso' }, '2026-03-02T19:00:00.000Z'),
      ev('tickets.ticket.closed', { ...base, status: 'cerrado', closedAt: '2026-03-03T15:00:00.000Z', legalState: 'answered_on_time', slaState: 'met' }, '2026-03-03T15:00:00.000Z'),
    ];
    const expected = fold(p, ticketId, events);
    expect(expected).toMatchObject({ status: 'cerrado', first_response_minutes: 150, resolution_minutes: 600, sla_breached: true, legal_state: 'answered_on_time' });
    expect(fold(p, ticketId, [...events].reverse())).toEqual(expected);
    expect(fold(p, ticketId, [...events, ...events])).toEqual(expected);
  });
});
