import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CrmWorld, waitFor, type WorldUser } from '@crm/testing';
import { TicketsWorld } from './tickets-world.js';

describe('tickets follow contacts and users from their events; automatic assignment is fair', () => {
  let world: CrmWorld;
  let t: TicketsWorld;

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['tickets', 'contacts'] });
    t = new TicketsWorld(world);
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  /** Creates a ticket for the contact once tickets has consumed contacts.contact.created. */
  async function ticketFor(contactId: string, body: Record<string, unknown> = {}) {
    return waitFor(
      async () => {
        const response = await world.api.post('/api/v1/tickets', { pqrClass: 'reclamo', subject: 'Reclamo de un contacto', description: 'd', contactId, ...body }, world.adminToken);
        if (response.status === 201) return response.body as { id: string; radicado: string; requester: { name: string; email: string | null } };
        if (response.status !== 400 || response.body.errors?.[0]?.field !== 'contactId') throw new Error(`ticket: ${response.status} ${JSON.stringify(response.body)}`);
        return undefined;
      },
      { timeoutMs: 15_000, description: `tickets to learn contact ${contactId}` },
    );
  }

  it('takes the requester from a contact, and the ticket appears on the contact timeline', async () => {
    const contact = await world.createContact(world.adminToken, { firstName: 'Valentina', lastName: 'Rojas', email: 'valentina.rojas@example.com' });
    const ticket = await ticketFor(contact.id);
    expect(ticket.requester).toMatchObject({ name: contact.displayName, email: 'valentina.rojas@example.com' });
    const entry = await waitFor(
      async () => {
        const timeline = await world.api.get(`/api/v1/contacts/${contact.id}/timeline`, world.adminToken);
        return timeline.body.items.find((item: { kind: string }) => item.kind === 'tickets.ticket.created');
      },
      { timeoutMs: 15_000, description: 'the ticket on the contact timeline' },
    );
    expect(entry).toMatchObject({ source: 'tickets', title: `PQR radicada: ${ticket.radicado}`, referenceId: ticket.id });

    const updated = await world.api.patch(`/api/v1/contacts/${contact.id}`, { email: 'vrojas@example.com', version: contact.version }, world.adminToken);
    expect(updated.status).toBe(200);
    await waitFor(
      async () => {
        const read = await world.api.get(`/api/v1/tickets/${ticket.id}`, world.adminToken);
        return read.body.requester.email === 'vrojas@example.com' ? read.body : undefined;
      },
      { timeoutMs: 15_000, description: "the ticket to follow the contact's new e-mail" },
    );
  });

  it('moves tickets of a merged contact to the survivor and drops personal data when the contact is anonymised', async () => {
    const survivor = await world.createContact(world.adminToken, { firstName: 'Jorge', lastName: 'Luna', email: 'jorge.luna@example.com' });
    const duplicate = await world.createContact(world.adminToken, { firstName: 'Jorge', lastName: 'Luna B', email: 'jluna@example.com' });
    const ticket = await ticketFor(duplicate.id, { description: 'Soy Jorge Luna, cédula 80123456, vivo en la calle 10.' });
    await ticketFor(survivor.id);
    const current = await world.api.get(`/api/v1/contacts/${survivor.id}`, world.adminToken);
    const merged = await world.api.post('/api/v1/contacts/merge', { primaryId: survivor.id, duplicateIds: [duplicate.id], version: current.body.version }, world.adminToken);
    expect(merged.status).toBe(200);
    const moved = await waitFor(
      async () => {
        const read = await world.api.get(`/api/v1/tickets/${ticket.id}`, world.adminToken);
        return read.body.contactId === survivor.id ? read.body : undefined;
      },
      { timeoutMs: 15_000, description: 'the ticket to move to the survivor' },
    );
    expect(moved.requester.email).toBe('jorge.luna@example.com');
    const bySurvivor = await world.api.get(`/api/v1/tickets?contactId=${survivor.id}`, world.adminToken);
    expect(bySurvivor.body.items).toHaveLength(2);

    const anonymized = await world.api.post(`/api/v1/contacts/${survivor.id}/anonymize`, { confirm: true }, world.adminToken);
    expect(anonymized.status).toBe(200);
    const wiped = await waitFor(
      async () => {
        const read = await world.api.get(`/api/v1/tickets/${ticket.id}`, world.adminToken);
        return read.body.requester.email === null ? read.body : undefined;
      },
      { timeoutMs: 15_000, description: 'the personal data to leave the ticket' },
    );
    expect(wiped.requester).toEqual({ name: 'Titular anonimizado', documentType: null, documentNumber: null, email: null, phone: null, language: 'es' });
    expect(wiped.description).toBe('[Contenido eliminado por anonimización del titular]');
    expect(wiped.radicado).toBe(ticket.radicado);
    const search = await world.api.get('/api/v1/tickets?q=jorge', world.adminToken);
    expect(search.body.items.map((x: { id: string }) => x.id)).not.toContain(ticket.id);
  });

  it("hands out a team's tickets in turn under concurrency, then to whoever has the fewest open", async () => {
    const team = await world.createTeam('Mesa de ayuda');
    const agents: WorldUser[] = [];
    for (const name of ['Ana Uno', 'Beto Dos', 'Ceci Tres']) agents.push(await t.knownUser(['support'], [team], name));
    const support = await world.createUser(['support']);
    expect((await world.api.request('PUT', `/api/v1/tickets/assignment-rules/${team}`, { body: { strategy: 'round_robin' }, token: support.token })).status).toBe(403);
    const rule = await world.api.request('PUT', `/api/v1/tickets/assignment-rules/${team}`, { body: { strategy: 'round_robin' }, token: world.adminToken });
    expect(rule.status).toBe(200);

    const openOf = async (agentId: string) =>
      (await world.api.get(`/api/v1/tickets?assigneeId=${agentId}&status=abierto,en_proceso,pendiente&limit=200`, world.adminToken)).body.items.length;
    const before = await Promise.all(agents.map((agent) => openOf(agent.id)));
    const created = await Promise.all(Array.from({ length: 9 }, (_, i) => t.createTicket(world.adminToken, { teamId: team, subject: `Turno ${i}` })));
    const counts = new Map<string, number>();
    for (const ticket of created) counts.set(ticket.assigneeId ?? 'none', (counts.get(ticket.assigneeId ?? 'none') ?? 0) + 1);
    expect([...counts.entries()].sort()).toEqual(agents.map((agent) => [agent.id, 3] as [string, number]).sort());

    // Two more for the first agent by hand: the rule "fewest open" now skips them.
    for (let i = 0; i < 2; i++) {
      const extra = await t.createTicket(world.adminToken, { teamId: team, assigneeId: agents[0].id, subject: `Manual ${i}` });
      expect(extra.assigneeId).toBe(agents[0].id);
    }
    const leastOpen = await world.api.request('PUT', `/api/v1/tickets/assignment-rules/${team}`, { body: { strategy: 'least_open' }, token: world.adminToken });
    expect(leastOpen.status).toBe(200);
    const more = await Promise.all(Array.from({ length: 4 }, (_, i) => t.createTicket(world.adminToken, { teamId: team, subject: `Menos carga ${i}` })));
    expect(more.map((ticket) => ticket.assigneeId)).not.toContain(agents[0].id);
    const after = await Promise.all(agents.map((agent) => openOf(agent.id)));
    expect(after.map((count, i) => count - before[i])).toEqual([5, 5, 5]);

    const unassigned = await t.createTicket(world.adminToken, { subject: 'Sin equipo' });
    const auto = await world.api.post(`/api/v1/tickets/${unassigned.id}/assign`, { auto: true, teamId: team, version: unassigned.version }, world.adminToken);
    expect(auto.status).toBe(200);
    expect(agents.map((agent) => agent.id)).toContain(auto.body.assigneeId);
    expect(auto.body.teamId).toBe(team);
    const history = await world.api.get(`/api/v1/tickets/${unassigned.id}/assignments`, world.adminToken);
    expect(history.body.items[0].details).toMatchObject({ from: null, to: auto.body.assigneeId, fromTeam: null, toTeam: team, via: 'least_open' });
  });
});
