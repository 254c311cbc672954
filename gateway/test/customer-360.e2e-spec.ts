import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CrmWorld, waitFor, type WorldUser } from '@crm/testing';

const BUDGET_MS = 800;

/** A service that accepts connections and never answers: what a hung upstream looks like. */
async function startSilentServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer(() => undefined);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Issue #10 item 4: the customer 360, composed by the gateway with a time budget and the contact's visibility. */
describe('GET /customers/{id}/360 through the gateway', () => {
  let world: CrmWorld;
  let silentReporting: Awaited<ReturnType<typeof startSilentServer>>;
  let seller: WorldUser;
  let otherTeamSeller: WorldUser;
  let contactId: string;
  let opportunityId: string;
  let activityId: string;
  let ticket: { id: string; radicado: string; legalDueAt: string };

  beforeAll(async () => {
    silentReporting = await startSilentServer();
    world = await CrmWorld.start({
      services: ['contacts', 'opportunities', 'tickets'],
      gatewayEnv: { CUSTOMER_360_BUDGET_MS: String(BUDGET_MS), REPORTING_URL: silentReporting.url },
    });
    const tag = randomUUID().slice(0, 6);
    const [north, south] = await Promise.all([world.createTeam(`Norte ${tag}`), world.createTeam(`Sur ${tag}`)]);
    [seller, otherTeamSeller] = await Promise.all([world.createUser(['sales'], [north]), world.createUser(['sales'], [south])]);
    contactId = (await world.createContact(seller.token, { firstName: 'Lucía', lastName: `Cliente360 ${tag}`, email: `lucia.${tag}@example.com`, teamId: north })).id;

    // Opportunities learns the contact from an event: until then the contact is "unknown" (400).
    opportunityId = await waitFor(
      async () => {
        const response = await world.api.post('/api/v1/opportunities', { title: 'Renovación de licencias', contactId, value: { amount: '2500000' } }, seller.token);
        if (response.status === 201) return response.body.id as string;
        if (response.status !== 400) throw new Error(`opportunity: ${response.status} ${JSON.stringify(response.body)}`);
        return undefined;
      },
      { timeoutMs: 20_000, description: 'opportunities to learn the contact' },
    );
    const activity = await world.api.post(
      '/api/v1/activities',
      { type: 'call', subject: 'Llamar para confirmar la propuesta', opportunityId, contactId, dueAt: new Date(Date.now() + 86_400_000).toISOString() },
      seller.token,
    );
    expect(activity.status).toBe(201);
    activityId = activity.body.id;

    ticket = await waitFor(
      async () => {
        const response = await world.api.post('/api/v1/tickets', { pqrClass: 'queja', subject: 'Demora en la entrega', description: 'El pedido no llegó.', contactId }, world.adminToken);
        if (response.status === 201) return response.body as { id: string; radicado: string; legalDueAt: string };
        if (response.status !== 400) throw new Error(`ticket: ${response.status} ${JSON.stringify(response.body)}`);
        return undefined;
      },
      { timeoutMs: 20_000, description: 'tickets to learn the contact' },
    );
  }, 180_000);

  afterAll(async () => {
    await world?.stop();
    await silentReporting?.close();
  });

  it('gives the seller the profile, the open opportunity, the activity and the timeline in one call; the hung reporting part is an error within the budget', async () => {
    const started = Date.now();
    const response = await world.api.get(`/api/v1/customers/${contactId}/360`, seller.token);
    const elapsed = Date.now() - started;
    expect(response.status).toBe(200);
    expect(response.body.profile).toMatchObject({ id: contactId, email: expect.stringContaining('@example.com') });
    expect(response.body.openOpportunities.items.map((item: { id: string }) => item.id)).toContain(opportunityId);
    expect(response.body.recentActivities.items.map((item: { id: string }) => item.id)).toContain(activityId);
    expect(response.body.timeline.items.length).toBeGreaterThan(0);
    expect(response.body.erpAccount).not.toHaveProperty('error');
    expect(response.body.lifetimeValue).toEqual({ error: expect.objectContaining({ service: 'reporting', status: 504 }) });
    expect(response.body.failedParts).toEqual(['lifetimeValue']);
    // The budget bounds the whole answer, not each part one after another.
    expect(elapsed).toBeLessThan(BUDGET_MS + 1000);
  });

  it('shows the admin the open ticket with its legal due date', async () => {
    const response = await world.api.get(`/api/v1/customers/${contactId}/360`, world.adminToken);
    expect(response.status).toBe(200);
    const open = response.body.openTickets.items.find((item: { id: string }) => item.id === ticket.id);
    expect(open).toMatchObject({ radicado: ticket.radicado, legalDueAt: ticket.legalDueAt });
  });

  it('answers 404 to a seller of another team, and for a contact that does not exist, with nothing of the customer in the body', async () => {
    const hidden = await world.api.get(`/api/v1/customers/${contactId}/360`, otherTeamSeller.token);
    expect(hidden.status).toBe(404);
    expect(hidden.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(hidden.body)).not.toContain('Renovación');
    const activities = await world.api.get(`/api/v1/activities?contactId=${contactId}`, otherTeamSeller.token);
    expect(activities.status).toBe(400);
    expect(activities.body.errors).toEqual([expect.objectContaining({ field: 'contactId' })]);
    const missing = await world.api.get(`/api/v1/customers/${randomUUID()}/360`, world.adminToken);
    expect(missing.status).toBe(404);
    const malformed = await world.api.get('/api/v1/customers/not-a-uuid/360', world.adminToken);
    expect(malformed.status).toBe(400);
  });

  it('with the tickets service stopped, still answers 200 with the tickets part marked failed, in under the budget', async () => {
    await world.platform.stopService('tickets');
    const started = Date.now();
    const response = await world.api.get(`/api/v1/customers/${contactId}/360`, world.adminToken);
    const elapsed = Date.now() - started;
    expect(response.status).toBe(200);
    expect(response.body.openTickets).toEqual({ error: expect.objectContaining({ service: 'tickets', status: expect.any(Number) }) });
    expect(response.body.failedParts).toEqual(expect.arrayContaining(['openTickets', 'lifetimeValue']));
    expect(response.body.openOpportunities.items.map((item: { id: string }) => item.id)).toContain(opportunityId);
    expect(elapsed).toBeLessThan(BUDGET_MS + 1000);
  });
});
