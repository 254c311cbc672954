import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AmqpSpy, CrmWorld, waitFor, type WorldUser } from '@crm/testing';
import { TicketsWorld } from './tickets-world.js';

// The legal clock through the gateway. The tickets clocks stand on Wed 8 Apr 2026 10:00 Bogotá
// (TICKETS_CLOCK_TEST_NOW, a test-only setting; time then runs normally), so every expected date
// below is a hand-counted day of the official 2026 calendar (hand-calendar.ts):
// Mon 23 Mar San José, Thu 2/Fri 3 Apr Semana Santa, Fri 1 May Día del Trabajo.
const CLOCK_NOW = '2026-04-08T10:00:00-05:00';

describe('the legal clock of a PQR (Ley 1755): due dates, suspension, extension, alerts', () => {
  let world: CrmWorld;
  let t: TicketsWorld;
  let spy: AmqpSpy;
  let teamId: string;
  let manager: WorldUser;
  let agent: WorldUser;
  let outsider: WorldUser;

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['tickets'], env: { TICKETS_CLOCK_TEST_NOW: CLOCK_NOW, TICKETS_CLOCK_POLL_MS: '300' } });
    t = new TicketsWorld(world);
    spy = await AmqpSpy.connect();
    await spy.listen(`${world.platform.amqpPrefix}crm.events`, 'tickets.#');
    teamId = await world.createTeam('PQR Bogotá');
    const otherTeam = await world.createTeam('PQR Medellín');
    manager = await t.knownUser(['manager'], [teamId]);
    agent = await t.knownUser(['support'], [teamId]);
    outsider = await t.knownUser(['support'], [otherTeam]);
  }, 120_000);

  afterAll(async () => {
    await spy?.close();
    await world?.stop();
  });

  const ticket = (body: Record<string, unknown>) => t.createTicket(agent.token, { teamId, assigneeId: agent.id, ...body });
  const read = async (id: string) => (await world.api.get(`/api/v1/tickets/${id}`, agent.token)).body;
  const eventsOf = (type: string, ticketId: string) => spy.messages.filter((m) => m.routingKey === type && m.body.subject === ticketId);

  it('a Friday-night receipt in Bogotá (Saturday in UTC) is due at the end of Mon 30 Mar 2026, local time', async () => {
    // Fri 6 Mar 21:30 Bogotá = Sat 7 Mar 02:30Z. Mon 9(1) … Fri 20(10), Mon 23 San José, Tue 24(11)
    // … Fri 27(14), Mon 30(15). On Wed 8 Apr it is overdue by Tue 31, Wed 1, Mon 6, Tue 7, Wed 8 = 5
    // business days (Thu 2/Fri 3 are Semana Santa).
    const created = await ticket({ pqrClass: 'reclamo', receivedAt: '2026-03-07T02:30:00.000Z' });
    const view = await read(created.id);
    expect(view).toMatchObject({ legalDueAt: '2026-03-31T04:59:59.999Z', legalState: 'overdue', legalBusinessDaysLeft: -5 });
    const createdEvent = await spy.waitForMessage((m) => m.routingKey === 'tickets.ticket.created' && m.body.subject === created.id);
    expect(createdEvent.body.data).toMatchObject({ legalDueAt: '2026-03-31T04:59:59.999Z', timeZone: 'America/Bogota' });
  });

  it('10 business days for documents and 30 for a consulta, across Semana Santa', async () => {
    // Documents, received Mon 30 Mar: Tue 31(1) Wed 1(2), Thu 2/Fri 3 holidays, Mon 6(3) … Wed 15 Apr(10).
    // On Wed 8 Apr: Thu 9, Fri 10, Mon 13, Tue 14, Wed 15 left = 5 → on time.
    const documents = await ticket({ pqrClass: 'peticion_documentos', receivedAt: '2026-03-30T09:00:00-05:00' });
    expect(await read(documents.id)).toMatchObject({ legalDueAt: '2026-04-16T04:59:59.999Z', legalState: 'on_time', legalBusinessDaysLeft: 5 });
    // Consulta, received Fri 6 Mar night: day 15 is Mon 30 Mar (above), Tue 31(16) Wed 1(17), Semana Santa,
    // Mon 6(18) … Fri 10(22), Mon 13(23) … Fri 17(27), Mon 20(28) Tue 21(29) Wed 22 Apr(30).
    const consulta = await ticket({ pqrClass: 'consulta', receivedAt: '2026-03-06T21:30:00-05:00' });
    expect(await read(consulta.id)).toMatchObject({ legalDueAt: '2026-04-23T04:59:59.999Z', legalState: 'on_time', legalBusinessDaysLeft: 10 });
  });

  it('a suspension across the Semana Santa week: the days up to the answer do not count (art. 17)', async () => {
    // Received Mon 16 Mar, 15 days: Tue 17(1) … Fri 20(4), Mon 23 San José, Tue 24(5) … Fri 27(8), Mon 30(9)
    // Tue 31(10) Wed 1(11), Semana Santa, Mon 6(12) Tue 7(13) Wed 8(14) Thu 9 Apr(15). Due soon on Wed 8.
    const created = await ticket({ pqrClass: 'reclamo', receivedAt: '2026-03-16T09:00:00-05:00' });
    expect(await read(created.id)).toMatchObject({ legalDueAt: '2026-04-10T04:59:59.999Z', legalState: 'due_soon', legalBusinessDaysLeft: 1 });

    // The completion request went out Fri 27 Mar 10:00 (day 8 had run); 7 days are left while suspended.
    const suspended = await world.api.post(`/api/v1/tickets/${created.id}/legal-suspension`, { reason: 'Falta copia de la factura', requestedAt: '2026-03-27T10:00:00-05:00' }, agent.token);
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ legalState: 'suspended', legalDueAt: null, legalBusinessDaysLeft: 7, legalSuspendedSince: '2026-03-27T15:00:00.000Z' });
    const suspendedEvent = await spy.waitForMessage((m) => m.routingKey === 'tickets.ticket.suspended' && m.body.subject === created.id);
    expect(suspendedEvent.body.data).toMatchObject({ reason: 'Falta copia de la factura', suspendedBy: agent.id, suspendedAt: '2026-03-27T15:00:00.000Z', legalDueAt: null });
    expect(suspendedEvent.body.data.requester).toMatchObject({ email: 'maria.perez@example.com' });
    expect((await world.api.post(`/api/v1/tickets/${created.id}/legal-suspension`, { reason: 'Otra vez' }, agent.token)).status).toBe(409);

    // Answered Tue 7 Apr 15:00. Not counted: Mon 30, Tue 31, Wed 1, Mon 6, Tue 7 (Thu 2/Fri 3 holidays anyway).
    // The term continues Wed 8(9) Thu 9(10) Fri 10(11) Mon 13(12) Tue 14(13) Wed 15(14) Thu 16 Apr(15).
    const resumed = await world.api.post(`/api/v1/tickets/${created.id}/legal-suspension/resume`, { answeredAt: '2026-04-07T15:00:00-05:00' }, agent.token);
    expect(resumed.status).toBe(200);
    // On Wed 8 Apr: Thu 9, Fri 10, Mon 13, Tue 14, Wed 15, Thu 16 left = 6.
    expect(resumed.body).toMatchObject({ legalState: 'on_time', legalDueAt: '2026-04-17T04:59:59.999Z', legalBusinessDaysLeft: 6, legalSuspendedSince: null });
    const resumedEvent = await spy.waitForMessage((m) => m.routingKey === 'tickets.ticket.resumed' && m.body.subject === created.id);
    expect(resumedEvent.body.data).toMatchObject({ resumedBy: agent.id, legalDueAt: '2026-04-17T04:59:59.999Z' });
    expect((await world.api.post(`/api/v1/tickets/${created.id}/legal-suspension/resume`, {}, agent.token)).status).toBe(409);
    const history = await world.api.get(`/api/v1/tickets/${created.id}/history`, agent.token);
    expect(history.body.items.map((h: { kind: string }) => h.kind)).toEqual(expect.arrayContaining(['legal_suspended', 'legal_resumed']));
  });

  it('bad suspension instants are 400s naming the field; after the term expired it is a 409', async () => {
    const created = await ticket({ pqrClass: 'reclamo', receivedAt: '2026-03-16T09:00:00-05:00' });
    const beforeReceipt = await world.api.post(`/api/v1/tickets/${created.id}/legal-suspension`, { reason: 'Antes', requestedAt: '2026-03-10T10:00:00-05:00' }, agent.token);
    expect(beforeReceipt.status).toBe(400);
    expect(beforeReceipt.body.errors[0].field).toBe('requestedAt');
    // The Friday-night PQR expired on Mon 30 Mar; a request dated Tue 31 Mar is too late.
    const old = await ticket({ pqrClass: 'reclamo', receivedAt: '2026-03-07T02:30:00.000Z' });
    const late = await world.api.post(`/api/v1/tickets/${old.id}/legal-suspension`, { reason: 'Tarde', requestedAt: '2026-03-31T10:00:00-05:00' }, agent.token);
    expect(late.status).toBe(409);
    expect(late.body.currentDueAt).toBe('2026-03-31T04:59:59.999Z');
    expect((await world.api.post(`/api/v1/tickets/${created.id}/legal-suspension`, { reason: 'x', colour: 'red' }, agent.token)).status).toBe(400);
  });

  it('an extension: refused beyond twice the term and past the due date; accepted up to the limit (art. 14 parágrafo)', async () => {
    // Received Mon 16 Mar, due Thu 9 Apr (above). Twice the term from the same start: Thu 9(15) Fri 10(16),
    // Mon 13(17) … Fri 17(21), Mon 20(22) … Fri 24(26), Mon 27(27) Tue 28(28) Wed 29(29) Thu 30 Apr(30).
    const created = await ticket({ pqrClass: 'reclamo', receivedAt: '2026-03-16T09:00:00-05:00' });
    const beyond = await world.api.post(`/api/v1/tickets/${created.id}/extend`, { reason: 'Concepto jurídico pendiente', newDate: '2026-05-04' }, agent.token);
    expect(beyond.status).toBe(400);
    expect(beyond.body).toMatchObject({ maxDueDate: '2026-04-30', maxTermDays: 30, maxDueAt: '2026-05-01T04:59:59.999Z' });
    expect(beyond.body.detail).toContain('doble del término inicial');
    const english = await world.api.request('POST', `/api/v1/tickets/${created.id}/extend`, {
      body: { reason: 'x x x', newDate: '2026-05-04' },
      token: agent.token,
      headers: { 'accept-language': 'en' },
    });
    expect(english.body.detail).toContain('twice the initial term');
    const notLater = await world.api.post(`/api/v1/tickets/${created.id}/extend`, { reason: 'Concepto jurídico pendiente', newDate: '2026-04-09' }, agent.token);
    expect(notLater.status).toBe(400);
    const saturday = await world.api.post(`/api/v1/tickets/${created.id}/extend`, { reason: 'Concepto jurídico pendiente', newDate: '2026-04-18' }, agent.token);
    expect(saturday.status).toBe(400);
    expect((await world.api.post(`/api/v1/tickets/${created.id}/extend`, { reason: 'Concepto', newDate: '2026-04-30' }, outsider.token)).status).toBe(404);

    const extended = await world.api.post(`/api/v1/tickets/${created.id}/extend`, { reason: 'Concepto jurídico pendiente', newDate: '2026-04-30' }, agent.token);
    expect(extended.status).toBe(200);
    expect(extended.body).toMatchObject({ legalDueAt: '2026-05-01T04:59:59.999Z', legalExtendedTermDays: 30, legalState: 'on_time' });
    const event = await spy.waitForMessage((m) => m.routingKey === 'tickets.ticket.extended' && m.body.subject === created.id);
    expect(event.body.data).toMatchObject({
      reason: 'Concepto jurídico pendiente',
      previousDueAt: '2026-04-10T04:59:59.999Z',
      newDueAt: '2026-05-01T04:59:59.999Z',
      legalDueAt: '2026-05-01T04:59:59.999Z',
      extendedBy: agent.id,
      requester: { name: 'María Pérez', email: 'maria.perez@example.com', language: 'es' },
    });
    expect((await read(created.id)).legalDueAt).toBe('2026-05-01T04:59:59.999Z');

    // The Friday-night PQR was due Mon 30 Mar: too late to extend on Wed 8 Apr.
    const old = await ticket({ pqrClass: 'reclamo', receivedAt: '2026-03-07T02:30:00.000Z' });
    const pastDue = await world.api.post(`/api/v1/tickets/${old.id}/extend`, { reason: 'Tarde', newDate: '2026-04-20' }, agent.token);
    expect(pastDue.status).toBe(409);
    expect(pastDue.body).toMatchObject({ currentDueAt: '2026-03-31T04:59:59.999Z' });
  });

  it('the scheduler sends the overdue alert once, with the team managers, and due-soon to the assignee', async () => {
    // Both received Mon 16 Mar: one overdue (Fri-night receipt), one due tomorrow (due soon, 1 day left).
    const overdue = await ticket({ pqrClass: 'queja', receivedAt: '2026-03-07T02:30:00.000Z' });
    const soon = await ticket({ pqrClass: 'queja', receivedAt: '2026-03-16T09:00:00-05:00' });
    const alert = await spy.waitForMessage((m) => m.routingKey === 'tickets.ticket.legal_overdue' && m.body.subject === overdue.id);
    expect(alert.body.data).toMatchObject({ legalDueAt: '2026-03-31T04:59:59.999Z', businessDaysLeft: -5, managerIds: [manager.id], assigneeId: agent.id, teamId });
    const dueSoon = await spy.waitForMessage((m) => m.routingKey === 'tickets.ticket.legal_due_soon' && m.body.subject === soon.id);
    expect(dueSoon.body.data).toMatchObject({ legalDueAt: '2026-04-10T04:59:59.999Z', businessDaysLeft: 1, assigneeId: agent.id });
    // A later ticket's alert proves later passes ran; the first alerts were not repeated.
    const marker = await ticket({ pqrClass: 'queja', receivedAt: '2026-03-07T02:30:00.000Z' });
    await spy.waitForMessage((m) => m.routingKey === 'tickets.ticket.legal_overdue' && m.body.subject === marker.id);
    expect(eventsOf('tickets.ticket.legal_overdue', overdue.id)).toHaveLength(1);
    expect(eventsOf('tickets.ticket.legal_due_soon', soon.id)).toHaveLength(1);
    expect(eventsOf('tickets.ticket.legal_due_soon', overdue.id)).toHaveLength(0);
  });

  it('closing records the answer: on time before the due instant, late after it', async () => {
    const close = async (id: string) => {
      const current = await read(id);
      const response = await world.api.post(
        `/api/v1/tickets/${id}/status`,
        { status: 'cerrado', resolution: 'Se entregaron las copias solicitadas.', version: current.version },
        agent.token,
      );
      expect(response.status).toBe(200);
      return response.body;
    };
    // Documents received Mon 30 Mar are due Wed 15 Apr; closed on Wed 8 Apr.
    const onTime = await ticket({ pqrClass: 'peticion_documentos', receivedAt: '2026-03-30T09:00:00-05:00' });
    expect(await close(onTime.id)).toMatchObject({ legalState: 'answered_on_time', legalDueAt: '2026-04-16T04:59:59.999Z' });
    // The Friday-night reclamo was due Mon 30 Mar.
    const late = await ticket({ pqrClass: 'reclamo', receivedAt: '2026-03-07T02:30:00.000Z' });
    expect(await close(late.id)).toMatchObject({ legalState: 'answered_late', legalDueAt: '2026-03-31T04:59:59.999Z' });
    const closed = await spy.waitForMessage((m) => m.routingKey === 'tickets.ticket.closed' && m.body.subject === late.id);
    expect(closed.body.data.legalState).toBe('answered_late');
    expect((await world.api.post(`/api/v1/tickets/${late.id}/extend`, { reason: 'Tarde', newDate: '2026-04-20' }, agent.token)).status).toBe(409);
  });

  it('re-classifying a ticket recomputes its legal term; a calendar edit moves open due dates', async () => {
    // The Friday-night reclamo (due Mon 30 Mar) becomes a consulta: 30 days → Wed 22 Apr (hand count above).
    const created = await ticket({ pqrClass: 'reclamo', receivedAt: '2026-03-07T02:30:00.000Z' });
    const current = await read(created.id);
    const changed = await world.api.patch(`/api/v1/tickets/${created.id}`, { pqrClass: 'consulta', version: current.version }, agent.token);
    expect(changed.status).toBe(200);
    expect(await read(created.id)).toMatchObject({ legalDueAt: '2026-04-23T04:59:59.999Z', legalState: 'on_time', legalBusinessDaysLeft: 10 });

    // Documents received Mon 30 Mar are due Wed 15 Apr; the tenant closes Tue 14 Apr → Thu 16 Apr.
    const documents = await ticket({ pqrClass: 'peticion_documentos', receivedAt: '2026-03-30T09:00:00-05:00' });
    const calendar = await world.api.get('/api/v1/business-calendars/default', world.adminToken);
    const edited = await world.api.patch(
      `/api/v1/business-calendars/${calendar.body.id}`,
      { extraNonWorkingDays: [{ date: '2026-04-14', reason: 'Traslado de sede' }], version: calendar.body.version },
      world.adminToken,
    );
    expect(edited.status).toBe(200);
    expect(await read(documents.id)).toMatchObject({ legalDueAt: '2026-04-17T04:59:59.999Z', legalBusinessDaysLeft: 5 });
    // The stored due date (list filters) follows once the scheduler recomputed the flagged clocks.
    await waitFor(
      async () => {
        const list = await world.api.get(`/api/v1/tickets?dueBefore=${encodeURIComponent('2026-04-16T12:00:00Z')}&limit=200`, agent.token);
        return !list.body.items.some((x: { id: string }) => x.id === documents.id);
      },
      { timeoutMs: 15_000, description: 'the scheduler to recompute the documents ticket' },
    );
  });
});
