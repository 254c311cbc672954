import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CrmWorld, waitFor, type WorldUser } from '@crm/testing';
import { TicketsWorld } from './tickets-world.js';

interface StaffTicket {
  id: string;
  radicado: string;
  version: number;
  contactId: string | null;
  assigneeId: string | null;
  teamId: string | null;
  legalBusinessDaysLeft: number;
  requester: { name: string; email: string | null; phone: string | null; documentType: string | null; documentNumber: string | null };
}

/**
 * Through the gateway with tickets, contacts and notifications running: staff correct the
 * requester's data (audited, a new e-mail re-links the contact), agents hear of the requester's
 * replies on the public page, and an admin's change of a legal term applies to the next filing
 * at once (the tenant settings cache is forgotten on change).
 */
describe('requester corrections, requester replies to agents, settings changes', () => {
  let world: CrmWorld;
  let tickets: TicketsWorld;
  let portal: string;
  let team: string;
  let agent: WorldUser;
  let manager: WorldUser;
  let otherTeamAgent: WorldUser;

  const filing = (overrides: Record<string, unknown> = {}) => ({
    portal,
    pqrClass: 'reclamo',
    subject: `Cobro doble ${randomUUID().slice(0, 6)}`,
    description: 'Me cobraron dos veces el servicio de marzo.',
    requester: { name: 'María Pérez Gómez', documentType: 'CC', documentNumber: '1020304050', email: `maria-${randomUUID().slice(0, 8)}@cliente.test`, phone: '+57 300 123 4567' },
    ...overrides,
  });

  async function staffTicket(radicado: string, token = world.adminToken): Promise<StaffTicket> {
    const list = await world.api.get(`/api/v1/tickets?q=${encodeURIComponent(radicado)}`, world.adminToken);
    const found = (list.body.items as { id: string; radicado: string }[]).find((item) => item.radicado === radicado);
    expect(found).toBeDefined();
    return (await world.api.get(`/api/v1/tickets/${found!.id}`, token)).body as StaffTicket;
  }

  async function linkedTicket(radicado: string, notContact?: string | null): Promise<StaffTicket> {
    return waitFor(
      async () => {
        const ticket = await staffTicket(radicado);
        return ticket.contactId && ticket.contactId !== notContact ? ticket : undefined;
      },
      { timeoutMs: 20_000, description: `${radicado} linked to a contact` },
    );
  }

  async function contactByEmail(email: string) {
    const found = await world.api.get(`/api/v1/contacts?q=${encodeURIComponent(email)}`, world.adminToken);
    return (found.body.items as { id: string; email: string }[]).find((c) => c.email === email);
  }

  async function feed(user: WorldUser) {
    const response = await world.api.get('/api/v1/notifications?limit=100', user.token);
    return response.body.items as { type: string; link: string; data: Record<string, unknown> }[];
  }

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['tickets', 'notifications', 'contacts'] });
    tickets = new TicketsWorld(world);
    team = await world.createTeam(`Atención ${randomUUID().slice(0, 4)}`);
    const otherTeam = await world.createTeam(`Cartera ${randomUUID().slice(0, 4)}`);
    [agent, manager, otherTeamAgent] = await Promise.all([
      tickets.knownUser(['support'], [team], 'Laura Restrepo'),
      tickets.knownUser(['manager'], [team], 'Gloria Manrique'),
      tickets.knownUser(['support'], [otherTeam], 'Pedro Ruiz'),
    ]);
    // The public page files into the team (unassigned: the team has no assignment rule).
    const settings = await world.api.get('/api/v1/pqr-portal', world.adminToken);
    const routed = await world.api.patch('/api/v1/pqr-portal', { teamId: team, version: settings.body.version }, world.adminToken);
    expect(routed.status).toBe(200);
    portal = routed.body.portalKey;
  }, 180_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('corrects the requester with If-Match, audits which fields changed, and links the contact of the new e-mail', async () => {
    const body = filing();
    const filed = await world.api.post('/api/v1/public/tickets', body);
    expect(filed.status).toBe(201);
    const before = await linkedTicket(filed.body.radicado);
    const firstContact = before.contactId;
    expect((await contactByEmail(body.requester.email))?.id).toBe(firstContact);

    const newEmail = `maria.perez-${randomUUID().slice(0, 8)}@otro.test`;
    const changes = { requester: { email: newEmail.toUpperCase(), phone: '+57 311 765 4321', documentNumber: null, name: 'María Pérez' } };
    // A stale version is refused and changes nothing.
    const stale = await world.api.patch(`/api/v1/tickets/${before.id}`, changes, world.adminToken, { 'if-match': `"${before.version + 5}"` });
    expect(stale.status).toBe(412);
    // Support of another team does not see the ticket: 404, as if it did not exist.
    expect((await world.api.patch(`/api/v1/tickets/${before.id}`, changes, otherTeamAgent.token, { 'if-match': `"${before.version}"` })).status).toBe(404);
    // The field in error is named.
    const invalid = await world.api.patch(`/api/v1/tickets/${before.id}`, { requester: { email: 'no-es-un-correo' } }, world.adminToken, { 'if-match': `"${before.version}"` });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body)).toContain('email');
    const blankName = await world.api.patch(`/api/v1/tickets/${before.id}`, { requester: { name: '  ' } }, world.adminToken, { 'if-match': `"${before.version}"` });
    expect(blankName.status).toBe(400);
    expect(JSON.stringify(blankName.body)).toContain('requester.name');

    const edited = await world.api.patch(`/api/v1/tickets/${before.id}`, changes, agent.token, { 'if-match': `"${before.version}"` });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      version: before.version + 1,
      requester: { name: 'María Pérez', email: newEmail, phone: '+57 311 765 4321', documentType: 'CC', documentNumber: null },
    });

    // The history says who changed which fields (not the personal data itself).
    const history = await world.api.get(`/api/v1/tickets/${before.id}/history`, world.adminToken);
    const entries = (history.body.items ?? history.body) as { kind: string; actorId: string | null; details: Record<string, unknown> }[];
    const entry = entries.find((e) => e.kind === 'requester_changed');
    expect(entry).toBeDefined();
    expect(entry!.actorId).toBe(agent.id);
    expect((entry!.details.fields as string[]).sort()).toEqual(['documentNumber', 'email', 'name', 'phone']);
    expect(entry!.details.previousContactId).toBe(firstContact);
    expect(JSON.stringify(entry)).not.toContain(newEmail);

    // Contacts creates (source PQR) the contact of the new e-mail and the ticket points at it.
    const relinked = await linkedTicket(filed.body.radicado, firstContact);
    const second = await waitFor(async () => contactByEmail(newEmail), { timeoutMs: 20_000, description: 'the contact of the new e-mail' });
    expect(relinked.contactId).toBe(second.id);
    expect(second.id).not.toBe(firstContact);
    // The first contact is still there, untouched.
    expect((await contactByEmail(body.requester.email))?.id).toBe(firstContact);

    // A name-only correction keeps the contact.
    const renamed = await world.api.patch(`/api/v1/tickets/${before.id}`, { requester: { name: 'María Pérez de Gómez' }, version: relinked.version }, world.adminToken);
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ contactId: second.id, requester: { name: 'María Pérez de Gómez', email: newEmail } });
  });

  it("tells the team's managers of a requester's reply on an unassigned ticket, and then the assignee only, each once, by e-mail and in the feed", async () => {
    const body = filing();
    const filed = await world.api.post('/api/v1/public/tickets', body);
    expect(filed.status).toBe(201);
    const { radicado, trackingToken } = filed.body as { radicado: string; trackingToken: string };
    const ticket = await staffTicket(radicado);
    expect(ticket).toMatchObject({ teamId: team, assigneeId: null });

    const first = await world.api.post(`/api/v1/public/tickets/${radicado}/messages?token=${encodeURIComponent(trackingToken)}`, { body: 'Adjunto el extracto que faltaba.' });
    expect(first.status).toBe(201);
    const [toManager] = await world.platform.smtp.waitForMessages((m) => m.to.includes(manager.email) && m.subject.includes(radicado), { timeoutMs: 20_000 });
    expect(toManager!.subject).toBe(`Nueva respuesta del peticionario: ${radicado} — ${body.subject}`);
    expect(toManager!.text).toContain(`María Pérez Gómez respondió en la PQR ${radicado} (sin asignar).`);
    expect(toManager!.text).toContain('> Adjunto el extracto que faltaba.');
    expect(toManager!.text).toContain(`/tickets/${ticket.id}`);
    const managerEntry = await waitFor(async () => (await feed(manager)).find((n) => n.type === 'ticket.requester_replied' && n.data.ticketId === ticket.id), {
      timeoutMs: 15_000,
      description: "the manager's feed entry",
    });
    expect(managerEntry).toMatchObject({ link: `/tickets/${ticket.id}`, data: { radicado } });

    const assigned = await tickets.assign(world.adminToken, ticket.id, { assigneeId: agent.id });
    expect(assigned.assigneeId).toBe(agent.id);
    const second = await world.api.post(`/api/v1/public/tickets/${radicado}/messages?token=${encodeURIComponent(trackingToken)}`, { body: '¿Tienen alguna novedad?' });
    expect(second.status).toBe(201);
    const [toAgent] = await world.platform.smtp.waitForMessages(
      (m) => m.to.includes(agent.email) && m.subject.startsWith('Nueva respuesta del peticionario') && m.subject.includes(radicado),
      {
        timeoutMs: 20_000,
      },
    );
    expect(toAgent!.text).toContain(`María Pérez Gómez respondió en la PQR ${radicado}.`);
    expect(toAgent!.text).toContain('> ¿Tienen alguna novedad?');
    await waitFor(async () => (await feed(agent)).some((n) => n.type === 'ticket.requester_replied' && n.data.ticketId === ticket.id), {
      timeoutMs: 15_000,
      description: "the agent's feed entry",
    });

    // Each reply reached each recipient once; the requester never gets their own words back; another team hears nothing.
    const mails = world.platform.smtp.messages.filter((m) => m.subject.startsWith('Nueva respuesta del peticionario') && m.subject.includes(radicado));
    expect(mails.filter((m) => m.to.includes(manager.email))).toHaveLength(1);
    expect(mails.filter((m) => m.to.includes(agent.email))).toHaveLength(1);
    expect(mails.filter((m) => m.to.includes(otherTeamAgent.email) || m.to.includes(body.requester.email))).toHaveLength(0);
    expect((await feed(otherTeamAgent)).filter((n) => n.data.ticketId === ticket.id)).toHaveLength(0);
  });

  it("applies an admin's new legal term to the very next filing (settings cache forgotten on change)", async () => {
    const before = await staffTicket((await world.api.post('/api/v1/public/tickets', filing({ pqrClass: 'queja' }))).body.radicado);
    expect(before.legalBusinessDaysLeft).toBeGreaterThanOrEqual(15);
    const term = await world.api.get('/api/v1/legal-terms/queja', world.adminToken);
    const changed = await world.api.patch('/api/v1/legal-terms/queja', { termDays: 12, version: term.body.version }, world.adminToken);
    expect(changed.status).toBe(200);
    const after = await staffTicket((await world.api.post('/api/v1/public/tickets', filing({ pqrClass: 'queja' }))).body.radicado);
    // Received the same day, the term 3 business days shorter: due 3 business days earlier.
    expect(after.legalBusinessDaysLeft).toBe(before.legalBusinessDaysLeft - 3);

    // The portal key too: a rotated key is refused at once.
    const settings = await world.api.get('/api/v1/pqr-portal', world.adminToken);
    const rotated = await world.api.post('/api/v1/pqr-portal/rotate-key', { version: settings.body.version }, world.adminToken);
    expect(rotated.status).toBe(200);
    expect((await world.api.post('/api/v1/public/tickets', filing())).status).toBe(404);
    portal = rotated.body.portalKey;
    expect((await world.api.post('/api/v1/public/tickets', filing())).status).toBe(201);
  });
});
