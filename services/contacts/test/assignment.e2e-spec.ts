import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AmqpSpy, CrmWorld, waitFor, type WorldUser } from '@crm/testing';

describe('assignment: in bulk, and round-robin for new prospects', () => {
  let world: CrmWorld;
  let spy: AmqpSpy;
  let otherTenant: WorldUser;

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts', 'notifications'] });
    spy = await AmqpSpy.connect();
    await spy.listen(`${world.platform.amqpPrefix}crm.events`, 'contacts.contact.*');
    otherTenant = await world.createTenant();
  }, 120_000);

  afterAll(async () => {
    await spy?.close();
    await world?.stop();
  });

  const bulk = (body: Record<string, unknown>, token = world.adminToken) => world.api.post('/api/v1/contacts/assign', body, token);
  const putRule = (teamId: string, body: Record<string, unknown>, token: string, headers?: Record<string, string>) =>
    world.api.request('PUT', `/api/v1/assignment-rules/${teamId}`, { body, token, headers });
  const ownerOf = async (id: string) => (await world.api.get(`/api/v1/contacts/${id}`, world.adminToken)).body.ownerId as string | null;

  /** Contacts learns users from identity events: wait until it accepts this one as an owner. */
  async function known(user: WorldUser): Promise<void> {
    const probe = await world.createContact(world.adminToken, { lastName: 'Sonda' });
    await world.assign(world.adminToken, probe.id, user.id);
  }

  it('assigns many contacts in one call, e-mailing the agent once per contact, and reports each id', async () => {
    const agent = await world.createUser(['sales'], [], { name: 'Camila Duarte' });
    await known(agent);
    const contacts = [];
    for (const lastName of ['Uno', 'Dos', 'Tres']) contacts.push(await world.createContact(world.adminToken, { firstName: 'Lote', lastName }));
    const missing = randomUUID();
    const response = await bulk({ contactIds: [...contacts.map((c) => c.id), missing], ownerId: agent.id });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ ownerId: agent.id, summary: { assigned: 3, unchanged: 0, not_found: 1, not_allowed: 0 } });
    expect(response.body.results).toEqual([...contacts.map((c) => ({ contactId: c.id, status: 'assigned', version: 2 })), { contactId: missing, status: 'not_found' }]);
    for (const contact of contacts) expect(await ownerOf(contact.id)).toBe(agent.id);

    const mails = await world.platform.smtp.waitForMessages((m) => m.to.includes(agent.email) && m.subject.includes('Lote'), { count: 3, timeoutMs: 20_000 });
    expect(mails.map((m) => m.subject).sort()).toEqual(
      expect.arrayContaining([expect.stringContaining('Lote Uno'), expect.stringContaining('Lote Dos'), expect.stringContaining('Lote Tres')]),
    );
    for (const contact of contacts) await spy.waitForMessage((m) => m.routingKey === 'contacts.contact.assigned' && m.body.subject === contact.id && m.body.data.ownerId === agent.id);

    const again = await bulk({ contactIds: [contacts[0].id], ownerId: agent.id });
    expect(again.body.results).toEqual([{ contactId: contacts[0].id, status: 'unchanged', version: 2 }]);
    const timeline = await world.api.get(`/api/v1/contacts/${contacts[0].id}/timeline`, world.adminToken);
    expect(timeline.body.items[0]).toMatchObject({ kind: 'assigned', details: { via: 'bulk', batchId: response.body.batchId } });
  });

  it('skips contacts the caller cannot see (not_found) or may not take from a colleague (not_allowed)', async () => {
    const [north, south] = [await world.createTeam(`Norte ${Date.now()}`), await world.createTeam(`Sur ${Date.now()}`)];
    const seller = await world.createUser(['sales'], [north]);
    const colleague = await world.createUser(['sales'], [north]);
    // contacts learns a team from the identity events of its members: give the south one a member.
    await world.createUser(['sales'], [south]);
    await known(colleague);
    const own = await world.createContact(seller.token, { lastName: 'Mío' });
    const colleagues = await world.createContact(world.adminToken, { teamId: north, lastName: 'DelColega' });
    await world.assign(world.adminToken, colleagues.id, colleague.id);
    const southern = await world.createContact(world.adminToken, { teamId: south, lastName: 'DelSur' });
    const foreign = await world.createContact(otherTenant.token, { lastName: 'Ajeno' });

    const response = await bulk({ contactIds: [own.id, colleagues.id, southern.id, foreign.id], ownerId: colleague.id }, seller.token);
    expect(response.status).toBe(200);
    expect(response.body.results).toEqual([
      { contactId: own.id, status: 'assigned', version: 2 },
      { contactId: colleagues.id, status: 'not_allowed' },
      { contactId: southern.id, status: 'not_found' },
      { contactId: foreign.id, status: 'not_found' },
    ]);
    expect(await ownerOf(own.id)).toBe(colleague.id);
    expect(await ownerOf(southern.id)).toBeNull();
    expect((await world.api.get(`/api/v1/contacts/${foreign.id}`, otherTenant.token)).body.ownerId).toBeNull();

    // One by one, the same rule: a seller cannot take a colleague's contact (403).
    const single = await world.api.post(`/api/v1/contacts/${colleagues.id}/assign`, { ownerId: seller.id, version: 2 }, seller.token);
    expect(single.status).toBe(403);
  });

  it('refuses read-only users (403), more than 500 ids and unknown owners (400 naming the field)', async () => {
    const reader = await world.createUser(['readonly']);
    const contact = await world.createContact(world.adminToken);
    expect((await bulk({ contactIds: [contact.id], ownerId: reader.id }, reader.token)).status).toBe(403);
    const tooMany = await bulk({ contactIds: Array.from({ length: 501 }, () => randomUUID()), ownerId: reader.id });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].field).toBe('contactIds');
    const unknownOwner = await bulk({ contactIds: [contact.id], ownerId: randomUUID() });
    expect(unknownOwner.status).toBe(400);
    expect(unknownOwner.body.errors[0].field).toBe('ownerId');
    expect(await ownerOf(contact.id)).toBeNull();
  });

  it('round-robin spreads a team’s new prospects evenly, even when they arrive together', async () => {
    const team = await world.createTeam(`Rueda ${Date.now()}`);
    const manager = await world.createUser(['manager'], [team]);
    const members = [await world.createUser(['sales'], [team]), await world.createUser(['sales'], [team]), await world.createUser(['sales'], [team])];
    const supportAgent = await world.createUser(['support'], [team]);
    const otherManager = await world.createUser(['manager'], [await world.createTeam(`Otro ${Date.now()}`)]);

    expect((await world.api.get(`/api/v1/assignment-rules/${team}`, members[0].token)).status).toBe(403);
    expect((await putRule(team, { roundRobin: true }, otherManager.token)).status).toBe(403);
    const rule = await waitFor(
      async () => {
        const response = await world.api.get(`/api/v1/assignment-rules/${team}`, manager.token);
        return response.status === 200 && response.body.members.length === 3 ? response.body : undefined;
      },
      { description: 'contacts to know the team’s three sales people' },
    );
    expect(rule).toMatchObject({ teamId: team, roundRobin: false, memberIds: null, version: 0 });
    expect(rule.members.map((m: { userId: string }) => m.userId).sort()).toEqual(members.map((m) => m.id).sort());
    expect(rule.members.map((m: { userId: string }) => m.userId)).not.toContain(supportAgent.id);

    const outsider = await world.createUser(['sales']);
    const badMembers = await putRule(team, { roundRobin: true, memberIds: [members[0].id, outsider.id] }, manager.token);
    expect(badMembers.status).toBe(400);
    expect(badMembers.body.errors[0]).toMatchObject({ field: 'memberIds', message: expect.stringContaining(outsider.id) });
    const on = await putRule(team, { roundRobin: true }, manager.token);
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ roundRobin: true, version: 1 });
    expect((await putRule(team, { roundRobin: true }, manager.token)).status).toBe(428);
    const stale = await putRule(team, { roundRobin: false }, manager.token, { 'if-match': '"7"' });
    expect(stale.status).toBe(412);

    const prospects = await Promise.all(
      Array.from({ length: 6 }, (_, i) => world.createContact(world.adminToken, { lifecycle: 'prospect', teamId: team, firstName: 'Turno', lastName: `${i}` })),
    );
    const counts = new Map<string, number>();
    for (const prospect of prospects) counts.set(prospect.ownerId ?? 'nadie', (counts.get(prospect.ownerId ?? 'nadie') ?? 0) + 1);
    expect([...counts.entries()].sort()).toEqual(members.map((m) => [m.id, 2]).sort());
    for (const prospect of prospects) {
      const event = await spy.waitForMessage((m) => m.routingKey === 'contacts.contact.assigned' && m.body.subject === prospect.id);
      expect(event.body.data).toMatchObject({ ownerId: prospect.ownerId, previousOwnerId: null, teamId: team, version: 1 });
    }
    const timeline = await world.api.get(`/api/v1/contacts/${prospects[0].id}/timeline`, world.adminToken);
    // Both entries are written in the creating transaction (same instant), so either may come first.
    expect(timeline.body.items.map((e: { kind: string }) => e.kind).sort()).toEqual(['assigned', 'created']);
    expect(timeline.body.items.find((e: { kind: string }) => e.kind === 'assigned')).toMatchObject({
      details: { via: 'round_robin' },
      changes: [{ field: 'ownerId', from: null, to: prospects[0].ownerId }],
    });

    // Only new prospects: a plain contact of the team, or a prospect of another team, stays unassigned.
    expect((await world.createContact(world.adminToken, { teamId: team })).ownerId).toBeNull();
    expect((await world.createContact(world.adminToken, { lifecycle: 'prospect' })).ownerId).toBeNull();
  });
});
