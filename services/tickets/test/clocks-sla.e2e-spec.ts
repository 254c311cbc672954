import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AmqpSpy, CrmWorld, freePort, spawnServiceProcess, stopServiceProcess, waitUntilListening, type RunningProcess, type WorldUser } from '@crm/testing';
import { TicketsWorld } from './tickets-world.js';

// SLA clocks on a 24/7 calendar (no holidays), so a target of N business minutes is N wall minutes
// and the test can watch real time pass. Two tickets service processes run the scheduler at once.
describe('SLA clocks: pendiente pauses, warning and breach once each with two scheduler replicas', () => {
  let world: CrmWorld;
  let t: TicketsWorld;
  let spy: AmqpSpy;
  let replica: RunningProcess;
  let teamId: string;
  let manager: WorldUser;
  let agent: WorldUser;
  let categoryId: string;

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['tickets'], env: { TICKETS_CLOCK_POLL_MS: '200' } });
    replica = spawnServiceProcess(process.cwd(), 'tickets', await freePort(), world.platform.env);
    await waitUntilListening(replica);
    t = new TicketsWorld(world);
    spy = await AmqpSpy.connect();
    await spy.listen(`${world.platform.amqpPrefix}crm.events`, 'tickets.#');
    teamId = await world.createTeam('Mesa de ayuda');
    manager = await t.knownUser(['manager'], [teamId]);
    agent = await t.knownUser(['support'], [teamId]);

    const allWeek = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
    const calendar = await world.api.post('/api/v1/business-calendars', { name: 'Turnos 24/7', workingHours: allWeek, colombianHolidays: false }, world.adminToken);
    expect(calendar.status).toBe(201);
    categoryId = (await world.api.get('/api/v1/ticket-categories', world.adminToken)).body.items[0].id;
    const policy = (priority: string, raisePriorityOnBreach: boolean) =>
      world.api.post(
        '/api/v1/sla-policies',
        { name: `Soporte 24/7 ${priority}`, priority, categoryId, calendarId: calendar.body.id, firstResponseMinutes: 1, resolutionMinutes: 600, raisePriorityOnBreach },
        world.adminToken,
      );
    expect((await policy('alta', false)).status).toBe(201);
    expect((await policy('media', true)).status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await spy?.close();
    if (replica) await stopServiceProcess(replica);
    await world?.stop();
  });

  const ticket = (priority: string, receivedAt?: string) => t.createTicket(agent.token, { teamId, assigneeId: agent.id, priority, categoryId, ...(receivedAt ? { receivedAt } : {}) });
  const read = async (id: string) => (await world.api.get(`/api/v1/tickets/${id}`, agent.token)).body;
  const setStatus = async (id: string, status: string) => {
    const current = await read(id);
    const response = await world.api.post(`/api/v1/tickets/${id}/status`, { status, version: current.version }, agent.token);
    expect(response.status).toBe(200);
    return response.body;
  };
  const count = (type: string, ticketId: string, target: string) => spy.messages.filter((m) => m.routingKey === type && m.body.subject === ticketId && m.body.data.target === target).length;

  it('policies are listed with the seeded defaults; one active policy per priority and category', async () => {
    const list = await world.api.get('/api/v1/sla-policies', agent.token);
    expect(list.status).toBe(200);
    const defaults = list.body.items.filter((p: { categoryId: string | null }) => p.categoryId === null);
    expect(
      defaults
        .map((p: { priority: string; firstResponseMinutes: number; resolutionMinutes: number; warningPercent: number }) => [
          p.priority,
          p.firstResponseMinutes,
          p.resolutionMinutes,
          p.warningPercent,
        ])
        .sort(),
    ).toEqual([
      ['alta', 60, 540, 75],
      ['baja', 540, 2700, 75],
      ['media', 240, 1620, 75],
    ]);
    const clash = await world.api.post('/api/v1/sla-policies', { name: 'Otra', priority: 'alta', categoryId, firstResponseMinutes: 5, resolutionMinutes: 50 }, world.adminToken);
    expect(clash.status).toBe(409);
    expect((await world.api.post('/api/v1/sla-policies', { name: 'Agente', priority: 'baja', firstResponseMinutes: 5, resolutionMinutes: 50 }, agent.token)).status).toBe(403);
  });

  it('a pendiente period does not count: the first-response due time moves by exactly the pause', async () => {
    const created = await ticket('alta');
    const fresh = await read(created.id);
    const receivedAt = Date.parse(fresh.receivedAt);
    expect(Date.parse(fresh.firstResponseDueAt) - receivedAt).toBe(60_000);
    expect(Date.parse(fresh.resolutionDueAt) - receivedAt).toBe(600 * 60_000);

    const paused = await setStatus(created.id, 'pendiente');
    expect(paused).toMatchObject({ slaState: 'paused', firstResponseDueAt: null, resolutionDueAt: null });
    const pausedList = await world.api.get('/api/v1/tickets?slaState=paused&limit=200', agent.token);
    expect(pausedList.body.items.map((x: { id: string }) => x.id)).toContain(created.id);
    const onTrackList = await world.api.get('/api/v1/tickets?slaState=on_track&limit=200', agent.token);
    expect(onTrackList.body.items.map((x: { id: string }) => x.id)).not.toContain(created.id);
    await setStatus(created.id, 'en_proceso');
    const [pausedAt, resumedAt] = await Promise.all(
      ['pendiente', 'en_proceso'].map(async (status) =>
        Date.parse((await spy.waitForMessage((m) => m.routingKey === 'tickets.ticket.status_changed' && m.body.subject === created.id && m.body.data.status === status)).body.data.changedAt),
      ),
    );
    expect(resumedAt).toBeGreaterThan(pausedAt);
    const after = await read(created.id);
    expect(Date.parse(after.firstResponseDueAt) - receivedAt).toBe(60_000 + (resumedAt - pausedAt));
    expect(Date.parse(after.resolutionDueAt) - receivedAt).toBe(600 * 60_000 + (resumedAt - pausedAt));
  });

  it('warning at 75 % and breach at 100 % are each published once although two replicas run the scheduler', async () => {
    // Received 35 s ago (staff registering a call): with the 1-minute target the warning (45 s)
    // and the breach (60 s) still lie ahead, and the test waits 25 s for them instead of 60.
    const receivedAt = new Date(Date.now() - 35_000).toISOString();
    const tickets = await Promise.all(Array.from({ length: 8 }, () => ticket('alta', receivedAt)));
    const raised = await ticket('media', receivedAt);
    for (const created of [...tickets, raised]) {
      const breach = await spy.waitForMessage(
        (m) => m.routingKey === 'tickets.ticket.sla_breached' && m.body.subject === created.id && m.body.data.target === 'first_response',
        120_000,
        `first-response breach of ${created.id}`,
      );
      expect(breach.body.data).toMatchObject({ managerIds: [manager.id], assigneeId: agent.id, teamId });
      const view = await read(created.id);
      expect(breach.body.data.dueAt).toBe(view.firstResponseDueAt);
      expect(view.slaState).toBe('breached');
    }
    // The policy of `media` raises the priority one step on breach; the event carries the new one.
    const raisedBreach = spy.messages.find((m) => m.routingKey === 'tickets.ticket.sla_breached' && m.body.subject === raised.id)!;
    expect(raisedBreach.body.data.priority).toBe('alta');
    expect((await read(raised.id)).priority).toBe('alta');
    const breachedList = await world.api.get('/api/v1/tickets?slaState=breached&limit=200', agent.token);
    expect(breachedList.body.items.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([...tickets, raised].map((x) => x.id)));

    // A later alert (a ticket overdue since January) proves the replicas made further passes.
    const marker = await t.createTicket(agent.token, { teamId, pqrClass: 'queja', receivedAt: '2026-01-05T09:00:00-05:00' });
    await spy.waitForMessage((m) => m.routingKey === 'tickets.ticket.legal_overdue' && m.body.subject === marker.id, 30_000);
    for (const created of [...tickets, raised]) {
      expect(count('tickets.ticket.sla_warning', created.id, 'first_response')).toBe(1);
      expect(count('tickets.ticket.sla_breached', created.id, 'first_response')).toBe(1);
      expect(count('tickets.ticket.sla_breached', created.id, 'resolution')).toBe(0);
    }
    const warning = spy.messages.find((m) => m.routingKey === 'tickets.ticket.sla_warning' && m.body.subject === tickets[0].id)!;
    expect(warning.body.data).toMatchObject({ target: 'first_response', managerIds: [manager.id] });
  }, 180_000);
});
