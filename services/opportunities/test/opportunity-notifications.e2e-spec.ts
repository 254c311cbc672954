import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AmqpSpy, CrmWorld, scrapeMetrics, waitFor, type WorldUser } from '@crm/testing';
import { createOpportunity } from './opportunities-test-kit.js';

/**
 * HolaGest's opportunity notifications (issue #7): agent and assignee each get one Spanish
 * e-mail (and a feed entry) even when the event is delivered twice; a file or a shared note
 * tells creator, agent and assignee but never the person who did it; a private note tells nobody.
 */
describe('opportunity notifications', () => {
  let world: CrmWorld;
  let spy: AmqpSpy;
  let team: string;
  let creator: WorldUser;
  let agent: WorldUser;
  let assignee: WorldUser;

  const mailsTo = (user: WorldUser) => world.platform.smtp.messages.filter((m) => m.to.includes(user.email));

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts', 'opportunities', 'notifications'], env: { STALE_POLL_MS: '300' } });
    spy = await AmqpSpy.connect();
    await spy.listen(`${world.platform.amqpPrefix}crm.events`, 'opportunities.#');
    team = await world.createTeam(`Ventas ${randomUUID().slice(0, 6)}`);
    [creator, agent, assignee] = await Promise.all([
      world.createUser(['sales'], [team], { name: 'Carolina Vélez' }),
      world.createUser(['sales'], [team], { name: 'Mateo Ríos' }),
      world.createUser(['sales'], [team], { name: 'Sofía Gómez' }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await spy?.close();
    await world?.stop();
  });

  it('e-mails the agent and the assignee exactly once each, in Spanish, even when the events are delivered twice', async () => {
    const contact = await world.createContact(creator.token, { lastName: 'Notificada', teamId: team });
    const created = await createOpportunity(world.api, creator.token, { title: 'Uniformes planta Itagüí', contactId: contact.id, agentId: agent.id, assigneeId: assignee.id });
    expect(created.status).toBe(201);
    const [agentMail] = await world.platform.smtp.waitForMessages((m) => m.to.includes(agent.email), { count: 1, timeoutMs: 20_000 });
    expect(agentMail.subject).toBe('Nueva oportunidad como agente comercial: Uniformes planta Itagüí');
    expect(agentMail.text).toContain('Hola, Mateo Ríos');
    expect(agentMail.text).toContain('Carolina Vélez');
    const [assigneeMail] = await world.platform.smtp.waitForMessages((m) => m.to.includes(assignee.email), { count: 1, timeoutMs: 20_000 });
    expect(assigneeMail.subject).toBe('Nueva oportunidad a su cargo: Uniformes planta Itagüí');

    const assigned = spy.messages.filter((m) => m.routingKey === 'opportunities.opportunity.assigned' && m.body.subject === created.body.id);
    expect(assigned).toHaveLength(2);
    for (const message of assigned) {
      await spy.publish(`${world.platform.amqpPrefix}crm.events`, message.routingKey, message.body, message.body.id);
      await spy.publish(`${world.platform.amqpPrefix}crm.events`, message.routingKey, message.body, message.body.id);
    }
    await waitFor(
      async () => {
        const metrics = await scrapeMetrics(world.platform.urlOf('notifications'));
        const match = metrics.match(/crm_messaging_total\{[^}]*name="duplicates"[^}]*\} (\d+)/);
        return match && Number(match[1]) >= 4;
      },
      { description: 'notifications to skip the four duplicates' },
    );
    expect(mailsTo(agent)).toHaveLength(1);
    expect(mailsTo(assignee)).toHaveLength(1);
    expect(mailsTo(creator)).toHaveLength(0);
    const feed = await waitFor(async () => {
      const response = await world.api.get('/api/v1/notifications', agent.token);
      return response.status === 200 && response.body.items.length > 0 ? response.body.items : undefined;
    });
    expect(feed.filter((item: { link: string }) => item.link === `/opportunities/${created.body.id}`)).toHaveLength(1);
  });

  it('tells creator, agent and assignee of a file or a shared note, never the person who did it; a private note tells nobody', async () => {
    const contact = await world.createContact(creator.token, { lastName: 'Archivos', teamId: team });
    const created = await createOpportunity(world.api, creator.token, { title: 'Dotación clínica', contactId: contact.id, agentId: agent.id, assigneeId: assignee.id });
    const id = created.body.id as string;
    const about = (user: WorldUser, prefix: string) => mailsTo(user).filter((m) => m.subject.startsWith(prefix) && m.subject.includes('Dotación clínica')).length;

    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'))], { type: 'application/pdf' }), 'cotizacion.pdf');
    expect((await world.api.request('POST', `/api/v1/opportunities/${id}/documents`, { body: form, token: agent.token })).status).toBe(201);
    const [creatorFile] = await world.platform.smtp.waitForMessages((m) => m.to.includes(creator.email) && m.subject.startsWith('Nuevo archivo'), { count: 1, timeoutMs: 20_000 });
    expect(creatorFile.text).toContain('cotizacion.pdf');
    await world.platform.smtp.waitForMessages((m) => m.to.includes(assignee.email) && m.subject.startsWith('Nuevo archivo'), { count: 1, timeoutMs: 20_000 });

    expect((await world.api.post(`/api/v1/opportunities/${id}/notes`, { body: 'Solo para mí: precio piso 9 millones', visibility: 'private' }, assignee.token)).status).toBe(201);
    expect((await world.api.post(`/api/v1/opportunities/${id}/notes`, { body: 'Cliente pide visita el jueves' }, assignee.token)).status).toBe(201);
    const [agentNote] = await world.platform.smtp.waitForMessages((m) => m.to.includes(agent.email) && m.subject.startsWith('Nueva nota'), { count: 1, timeoutMs: 20_000 });
    expect(agentNote.text).toContain('Cliente pide visita el jueves');
    await world.platform.smtp.waitForMessages((m) => m.to.includes(creator.email) && m.subject.startsWith('Nueva nota'), { count: 1, timeoutMs: 20_000 });
    // Both shared-note e-mails are out and the private note's event was handled before the shared one's.
    await waitFor(
      async () => {
        const response = await world.api.get('/api/v1/email-deliveries?limit=200', world.adminToken);
        return response.status === 200 && response.body.items.filter((d: { template: string }) => d.template === 'new-opportunity-note').length >= 2;
      },
      { description: 'note deliveries' },
    );

    expect([about(agent, 'Nuevo archivo'), about(agent, 'Nueva nota')]).toEqual([0, 1]); // not the file they uploaded
    expect([about(assignee, 'Nuevo archivo'), about(assignee, 'Nueva nota')]).toEqual([1, 0]); // not the note they wrote
    expect([about(creator, 'Nuevo archivo'), about(creator, 'Nueva nota')]).toEqual([1, 1]);
    expect(world.platform.smtp.messages.some((m) => m.text.includes('precio piso'))).toBe(false);
  });

  it('flags a deal with no activity past its stage threshold once, tells agent and assignee once, and a note clears the flag', async () => {
    const contact = await world.createContact(creator.token, { lastName: 'Estancada', teamId: team });
    const created = await createOpportunity(world.api, creator.token, { title: 'Cortinas hotel', contactId: contact.id, agentId: agent.id, assigneeId: assignee.id });
    const id = created.body.id as string;
    // Time passes: the deal's last activity is 15 days ago (Prospecto's threshold is 14).
    const db = new pg.Client({ connectionString: world.platform.env.DATABASE_URL });
    await db.connect();
    try {
      await db.query("UPDATE opportunities.opportunity SET last_activity_at = now() - interval '15 days' WHERE id = $1", [id]);
    } finally {
      await db.end();
    }
    const stalled = await spy.waitForMessage((m) => m.routingKey === 'opportunities.opportunity.stalled' && m.body.subject === id, 20_000);
    expect(stalled.body.data).toMatchObject({ contactId: contact.id, stageName: 'Prospecto', thresholdDays: 14, agentId: agent.id, assigneeId: assignee.id });
    const [agentMail] = await world.platform.smtp.waitForMessages((m) => m.to.includes(agent.email) && m.subject === 'Oportunidad estancada: Cortinas hotel', {
      count: 1,
      timeoutMs: 20_000,
    });
    expect(agentMail.text).toContain('14 días sin actividad');
    await world.platform.smtp.waitForMessages((m) => m.to.includes(assignee.email) && m.subject === 'Oportunidad estancada: Cortinas hotel', { count: 1, timeoutMs: 20_000 });
    const staleList = await world.api.get('/api/v1/opportunities?stale=true', creator.token);
    expect(staleList.body.items.map((item: { id: string }) => item.id)).toContain(id);
    // Several more scheduler passes: still one stall, one e-mail each.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(spy.messages.filter((m) => m.routingKey === 'opportunities.opportunity.stalled' && m.body.subject === id)).toHaveLength(1);
    expect(world.platform.smtp.messages.filter((m) => m.to.includes(agent.email) && m.subject.startsWith('Oportunidad estancada'))).toHaveLength(1);

    expect((await world.api.post(`/api/v1/opportunities/${id}/notes`, { body: 'Llamé hoy, siguen interesados' }, creator.token)).status).toBe(201);
    const after = await world.api.get(`/api/v1/opportunities/${id}`, creator.token);
    expect(after.body).toMatchObject({ stale: false, stalledAt: null });
  });
});
