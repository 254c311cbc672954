import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CrmWorld, type WorldUser } from '@crm/testing';
import { TicketsWorld } from './tickets-world.js';

/**
 * Canned responses through the gateway (issue #9 item 5): the Spanish defaults, personal and team
 * ones with their visibility (another team's or another person's → 404), who may manage them,
 * optimistic locking, and the placeholders filled for a ticket.
 */
describe('canned responses', () => {
  let world: CrmWorld;
  let t: TicketsWorld;
  let teamA: string;
  let teamB: string;
  let managerA: WorldUser;
  let agentA: WorldUser;
  let agentB: WorldUser;

  const create = (token: string, body: Record<string, unknown>, headers: Record<string, string> = {}) => world.api.post('/api/v1/canned-responses', body, token, headers);

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['tickets'] });
    t = new TicketsWorld(world);
    teamA = await world.createTeam(`Canned A ${randomUUID().slice(0, 4)}`);
    teamB = await world.createTeam(`Canned B ${randomUUID().slice(0, 4)}`);
    managerA = await t.knownUser(['manager'], [teamA], 'Camila Gerente');
    agentA = await t.knownUser(['support'], [teamA], 'Laura Restrepo');
    agentB = await t.knownUser(['support'], [teamB], 'Pedro Gómez');
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('seeds Spanish defaults for everyone in the tenant, managed by admins only', async () => {
    const list = await world.api.get('/api/v1/canned-responses', agentA.token);
    expect(list.status).toBe(200);
    const defaults = (list.body.items as { scope: string; title: string; canManage: boolean }[]).filter((item) => item.scope === 'tenant');
    expect(defaults.map((d) => d.title).sort()).toEqual(['Respuesta final y cierre', 'Solicitar información adicional', 'Solicitud en revisión', 'Traslado por competencia']);
    expect(defaults.every((d) => d.canManage === false)).toBe(true);
    const admin = await world.api.get('/api/v1/canned-responses?scope=tenant', world.adminToken);
    expect(admin.body.items).toHaveLength(4);
    expect(admin.body.items.every((d: { canManage: boolean }) => d.canManage)).toBe(true);
    const seeded = defaults.find((d) => d.title === 'Solicitud en revisión') as unknown as { id: string; version: number };
    expect((await world.api.patch(`/api/v1/canned-responses/${seeded.id}`, { title: 'Mío', version: seeded.version }, agentA.token)).status).toBe(403);
    expect((await create(agentA.token, { scope: 'tenant', title: 'Para todos', body: 'x' })).status).toBe(403);
  });

  it("personal ones are their owner's only; team ones reach the team, managed by its managers", async () => {
    const personal = await create(agentA.token, { scope: 'personal', title: 'Mi saludo', body: 'Hola {{solicitante.nombre}}' }, { 'idempotency-key': `canned-${randomUUID()}` });
    expect(personal.status).toBe(201);
    expect(personal.body).toMatchObject({ scope: 'personal', ownerId: agentA.id, teamId: null, canManage: true, version: 1 });
    for (const other of [agentB, managerA]) expect((await world.api.get(`/api/v1/canned-responses/${personal.body.id}`, other.token)).status).toBe(404);
    expect((await world.api.get(`/api/v1/canned-responses/${personal.body.id}`, world.adminToken)).status).toBe(404);

    expect((await create(agentA.token, { scope: 'team', teamId: teamA, title: 'De equipo', body: 'x' })).status).toBe(403);
    expect((await create(managerA.token, { scope: 'team', teamId: teamB, title: 'Ajeno', body: 'x' })).status).toBe(403);
    const missingTeam = await create(managerA.token, { scope: 'team', title: 'Sin equipo', body: 'x' });
    expect(missingTeam.status).toBe(400);
    expect(missingTeam.body.errors[0].field).toBe('teamId');

    const team = await create(managerA.token, { scope: 'team', teamId: teamA, title: 'Devolución aprobada', body: 'Aprobamos la devolución de {{radicado}}.' });
    expect(team.status).toBe(201);
    const seen = await world.api.get(`/api/v1/canned-responses/${team.body.id}`, agentA.token);
    expect(seen.status).toBe(200);
    expect(seen.body.canManage).toBe(false);
    expect((await world.api.patch(`/api/v1/canned-responses/${team.body.id}`, { title: 'Otra', version: 1 }, agentA.token)).status).toBe(403);
    expect((await world.api.get(`/api/v1/canned-responses/${team.body.id}`, agentB.token)).status).toBe(404);
    const listB = await world.api.get('/api/v1/canned-responses', agentB.token);
    expect(JSON.stringify(listB.body)).not.toContain(team.body.id);
    expect(JSON.stringify(listB.body)).not.toContain(personal.body.id);

    // Optimistic locking: a stale version is 412; then the right one edits; delete with If-Match.
    const edited = await world.api.patch(`/api/v1/canned-responses/${team.body.id}`, { body: 'Aprobamos la devolución de **{{radicado}}**.', version: 1 }, managerA.token);
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(2);
    expect((await world.api.patch(`/api/v1/canned-responses/${team.body.id}`, { title: 'Tarde', version: 1 }, managerA.token)).status).toBe(412);
    const removed = await world.api.request('DELETE', `/api/v1/canned-responses/${team.body.id}`, { token: managerA.token, headers: { 'if-match': '"2"' } });
    expect(removed.status).toBe(204);
    expect((await world.api.get(`/api/v1/canned-responses/${team.body.id}`, agentA.token)).status).toBe(404);
  });

  it("fills the placeholders for a visible ticket; another team's canned response is 404", async () => {
    // Received Fri 6 Mar 2026 21:30 Bogotá (Sat 7 Mar 02:30Z), a reclamo (15 business days): Mon 9(1) … Fri 20(10),
    // Mon 23 Mar San José (holiday), Tue 24(11) … Fri 27(14), Mon 30 Mar(15): due "30 de marzo de 2026".
    const ticket = await t.createTicket(agentA.token, { teamId: teamA, assigneeId: agentA.id, receivedAt: '2026-03-07T02:30:00.000Z' });
    const seeded = (await world.api.get('/api/v1/canned-responses?q=revisi%C3%B3n', agentA.token)).body.items[0] as { id: string; title: string };
    expect(seeded.title).toBe('Solicitud en revisión');
    const rendered = await world.api.post(`/api/v1/tickets/${ticket.id}/canned-responses/${seeded.id}/render`, {}, agentA.token);
    expect(rendered.status).toBe(200);
    expect(rendered.body.text).toBe(
      `Hola María Pérez:\n\nRecibimos su solicitud con radicado **${ticket.radicado}** y ya la estamos revisando. Le daremos respuesta a más tardar el 30 de marzo de 2026.\n\nCordialmente,\nLaura Restrepo`,
    );
    expect(rendered.body.html).toContain(`<strong>${ticket.radicado}</strong>`);
    expect(rendered.body).toMatchObject({ emptyPlaceholders: [], unknownPlaceholders: [] });

    const aliases = await create(agentA.token, { scope: 'personal', title: 'English', body: '{{requester.name}} {{ticket.number}} {{due_date}} {{agent.name}} {{saldo}}' });
    const english = await world.api.post(`/api/v1/tickets/${ticket.id}/canned-responses/${aliases.body.id}/render`, {}, agentA.token);
    expect(english.body).toMatchObject({ text: `María Pérez ${ticket.radicado} 30 de marzo de 2026 Laura Restrepo {{saldo}}`, unknownPlaceholders: ['saldo'] });

    // Team B's canned response, used by team A on its own ticket: not found; and B cannot use A's personal one on a B ticket.
    const teamBManager = await t.knownUser(['manager'], [teamB]);
    const bCanned = await create(teamBManager.token, { scope: 'team', teamId: teamB, title: 'Solo B', body: 'B {{radicado}}' });
    expect(bCanned.status).toBe(201);
    expect((await world.api.post(`/api/v1/tickets/${ticket.id}/canned-responses/${bCanned.body.id}/render`, {}, agentA.token)).status).toBe(404);
    const bTicket = await t.createTicket(agentB.token, { teamId: teamB, assigneeId: agentB.id });
    expect((await world.api.post(`/api/v1/tickets/${bTicket.id}/canned-responses/${aliases.body.id}/render`, {}, agentB.token)).status).toBe(404);
    // A ticket the caller cannot see is 404 too, even with a canned response they can use.
    expect((await world.api.post(`/api/v1/tickets/${ticket.id}/canned-responses/${seeded.id}/render`, {}, agentB.token)).status).toBe(404);
  });
});
