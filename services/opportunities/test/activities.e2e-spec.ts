import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AmqpSpy, CrmWorld, type WorldUser } from '@crm/testing';
import { createOpportunity } from './opportunities-test-kit.js';

/** Issue #7 item 6: activities on an opportunity, delegation, agenda and overdue list through the gateway. */
describe('activities and agenda through the gateway (issue #7)', () => {
  let world: CrmWorld;
  let spy: AmqpSpy;
  let seller: WorldUser;
  let agent: WorldUser;
  let manager: WorldUser;
  let southSeller: WorldUser;
  let opportunityId: string;
  let contactId: string;

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts', 'opportunities'] });
    spy = await AmqpSpy.connect();
    await spy.listen(`${world.platform.amqpPrefix}crm.events`, 'opportunities.activity.#');
    const tag = randomUUID().slice(0, 6);
    const north = await world.createTeam(`Norte ${tag}`);
    const south = await world.createTeam(`Sur ${tag}`);
    [seller, agent, manager, southSeller] = await Promise.all([
      world.createUser(['sales'], [north]),
      world.createUser(['sales'], [north]),
      world.createUser(['manager'], [north]),
      world.createUser(['sales'], [south]),
    ]);
    contactId = (await world.createContact(seller.token, { lastName: 'Agenda', teamId: north })).id;
    const created = await createOpportunity(world.api, seller.token, { title: 'Visitas sede Bogotá', contactId, value: { amount: '1000000' } });
    expect(created.status).toBe(201);
    opportunityId = created.body.id;
  }, 120_000);

  afterAll(async () => {
    await spy?.close();
    await world?.stop();
  });

  /** Users and contacts reach opportunities by event: retry while assignedTo or contactId is not known yet. */
  async function createActivity(token: string, body: Record<string, unknown>) {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const response = await world.api.post('/api/v1/activities', body, token);
      const errors = JSON.stringify(response.body.errors ?? []);
      const waiting = response.status === 400 && (errors.includes('assignedTo') || errors.includes('contactId'));
      if (!waiting || Date.now() > deadline) return response;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }

  it('delegates a call: creator and assignee kept, on the opportunity with its contact, in the agenda and the overdue list', async () => {
    const dueAt = new Date(Date.now() - 3_600_000).toISOString();
    const created = await createActivity(seller.token, { type: 'call', subject: 'Llamar por la cotización', opportunityId, dueAt, durationMinutes: 15, assignedTo: agent.id });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ type: 'call', opportunityId, contactId, createdBy: seller.id, assignedTo: agent.id, status: 'pending', overdue: true, version: 1 });
    const event = await spy.waitForMessage((m) => m.routingKey === 'opportunities.activity.created' && m.body.data.activityId === created.body.id);
    expect(event.body.data).toMatchObject({ contactId, opportunityId, assignedTo: agent.id, createdBy: seller.id });

    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const agenda = await world.api.get(`/api/v1/activities/agenda?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, agent.token);
    expect(agenda.body.items.map((a: { id: string }) => a.id)).toContain(created.body.id);
    const sellersAgenda = await world.api.get(`/api/v1/activities/agenda?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, seller.token);
    expect(sellersAgenda.body.items.map((a: { id: string }) => a.id)).not.toContain(created.body.id);
    const overdue = await world.api.get('/api/v1/activities/overdue', agent.token);
    expect(overdue.body.items.map((a: { id: string }) => a.id)).toContain(created.body.id);
    expect((await world.api.get(`/api/v1/activities/overdue?userId=${agent.id}`, seller.token)).status).toBe(403);
    const managersView = await world.api.get(`/api/v1/activities/overdue?userId=${agent.id}`, manager.token);
    expect(managersView.body.items.map((a: { id: string }) => a.id)).toContain(created.body.id);
    const onOpportunity = await world.api.get(`/api/v1/opportunities/${opportunityId}/activities`, seller.token);
    expect(onOpportunity.body.items.map((a: { id: string }) => a.id)).toContain(created.body.id);
  });

  it('completes with an outcome once (412 stale, 409 again) and leaves the overdue list', async () => {
    const created = await createActivity(seller.token, { type: 'visit', subject: 'Visita técnica', opportunityId, dueAt: new Date(Date.now() - 60_000).toISOString() });
    const id = created.body.id as string;
    expect((await world.api.post(`/api/v1/activities/${id}/complete`, { version: 9 }, seller.token)).status).toBe(412);
    expect((await world.api.post(`/api/v1/activities/${id}/complete`, {}, seller.token)).status).toBe(428);
    const done = await world.api.post(`/api/v1/activities/${id}/complete`, { version: 1, outcome: 'Pidió ajustar el descuento.' }, seller.token);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', outcome: 'Pidió ajustar el descuento.', overdue: false });
    await spy.waitForMessage((m) => m.routingKey === 'opportunities.activity.completed' && m.body.data.activityId === id);
    expect((await world.api.post(`/api/v1/activities/${id}/cancel`, { version: done.body.version }, seller.token)).status).toBe(409);
    const overdue = await world.api.get('/api/v1/activities/overdue', seller.token);
    expect(overdue.body.items.map((a: { id: string }) => a.id)).not.toContain(id);
  });

  it('refuses bad input with 400 naming the field, and hides activities from other teams (404)', async () => {
    expect(JSON.stringify((await world.api.post('/api/v1/activities', { type: 'fax', subject: 'x', opportunityId }, seller.token)).body.errors)).toContain('type');
    expect((await world.api.post('/api/v1/activities', { type: 'task', subject: 'Sin vínculo' }, seller.token)).status).toBe(400);
    expect((await world.api.post('/api/v1/activities', { type: 'task', subject: 'x', opportunityId, dueAt: 'mañana' }, seller.token)).status).toBe(400);
    const created = await createActivity(seller.token, { type: 'task', subject: 'Preparar propuesta', opportunityId });
    expect((await world.api.get(`/api/v1/activities/${created.body.id}`, southSeller.token)).status).toBe(404);
    expect((await world.api.get(`/api/v1/opportunities/${opportunityId}/activities`, southSeller.token)).status).toBe(404);
    const foreign = await world.api.post('/api/v1/activities', { type: 'task', subject: 'x', opportunityId }, southSeller.token);
    expect(foreign.status).toBe(400);
    expect(JSON.stringify(foreign.body.errors)).toContain('opportunityId');
  });

  it('reports activities per seller by type and status: admins see everyone, managers the users of their teams, sales themselves', async () => {
    // The other team's seller logs a call on their own contact: it is in the period too.
    const southContact = (await world.createContact(southSeller.token, { lastName: 'Informe Sur' })).id;
    expect((await createActivity(southSeller.token, { type: 'call', subject: 'Llamada equipo sur', contactId: southContact })).status).toBe(201);
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const query = `/api/v1/activities/report?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    type Row = { userId: string; type: string; status: string; count: number };
    const count = (items: Row[], userId: string, type: string, status: string) => items.find((row) => row.userId === userId && row.type === type && row.status === status)?.count ?? 0;
    const managers = (await world.api.get(query, manager.token)).body.items as Row[];
    // From the tests above: the agent has one pending call; the seller a done visit and a pending task.
    expect(count(managers, agent.id, 'call', 'pending')).toBe(1);
    expect(count(managers, seller.id, 'visit', 'done')).toBe(1);
    expect(count(managers, seller.id, 'task', 'pending')).toBe(1);
    // The north manager does not manage the south team: none of its seller's rows.
    expect(managers.some((row) => row.userId === southSeller.id)).toBe(false);
    const admins = (await world.api.get(query, world.adminToken)).body.items as Row[];
    expect(count(admins, southSeller.id, 'call', 'pending')).toBe(1);
    expect(count(admins, agent.id, 'call', 'pending')).toBe(1);
    const own = (await world.api.get(query, seller.token)).body.items as Row[];
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((row) => row.userId === seller.id)).toBe(true);
    const south = (await world.api.get(query, southSeller.token)).body.items as Row[];
    expect(south).toEqual([{ userId: southSeller.id, type: 'call', status: 'pending', count: 1 }]);
    expect((await world.api.get('/api/v1/activities/report?from=x&to=y', manager.token)).status).toBe(400);
  });
});
