import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AmqpSpy, CrmWorld, scrapeMetrics, waitFor, type WorldUser } from '@crm/testing';
import { createOpportunity } from './opportunities-test-kit.js';

/**
 * Issue #7: activity reminders (opportunities.activity.due → the assignee's e-mail and feed,
 * once even when delivered twice; done and cancelled activities never reminded; a rescheduled
 * activity reminded again, once, for its new time), reminder e-mails for opportunity notes (a
 * private note's reminder reaches its author only, without its text), and the seller's notice
 * when a quote expires.
 */
describe('activity and opportunity note reminders', () => {
  let world: CrmWorld;
  let spy: AmqpSpy;
  let db: pg.Client;
  let team: string;
  let seller: WorldUser;
  let agent: WorldUser;
  let englishAgent: WorldUser;
  let opportunityId: string;
  const title = `Dotación bodega ${randomUUID().slice(0, 4)}`;

  const exchange = () => `${world.platform.amqpPrefix}crm.events`;
  const mailsTo = (user: WorldUser, subject: string) => world.platform.smtp.messages.filter((m) => m.to.includes(user.email) && m.subject === subject);

  /** Sum of notifications' inbox duplicates (every consumer). */
  async function duplicatesSkipped(): Promise<number> {
    const metrics = await scrapeMetrics(world.platform.urlOf('notifications'));
    return [...metrics.matchAll(/crm_messaging_total\{[^}]*name="duplicates"[^}]*\} (\d+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
  }

  /** Users reach opportunities by event: retry while assignedTo is not known yet. */
  async function createActivity(token: string, body: Record<string, unknown>) {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const response = await world.api.post('/api/v1/activities', body, token);
      const waiting = response.status === 400 && JSON.stringify(response.body.errors ?? []).includes('assignedTo');
      if (!waiting || Date.now() > deadline) return response;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts', 'opportunities', 'notifications'], env: { REMINDERS_POLL_MS: '300', QUOTE_EXPIRY_POLL_MS: '300' } });
    spy = await AmqpSpy.connect();
    await spy.listen(exchange(), 'opportunities.#');
    db = new pg.Client({ connectionString: world.platform.env.DATABASE_URL });
    await db.connect();
    team = await world.createTeam(`Recordatorios ${randomUUID().slice(0, 6)}`);
    [seller, agent, englishAgent] = await Promise.all([
      world.createUser(['sales'], [team], { name: 'Valentina Arango' }),
      world.createUser(['sales'], [team], { name: 'Julián Restrepo' }),
      world.createUser(['sales'], [team], { name: 'John Smith', locale: 'en' }),
    ]);
    const contact = await world.createContact(seller.token, { firstName: 'Lucía', lastName: 'Mejía', teamId: team });
    const created = await createOpportunity(world.api, seller.token, { title, contactId: contact.id });
    expect({ status: created.status, body: created.body }).toMatchObject({ status: 201 });
    opportunityId = created.body.id;
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await spy?.close();
    await world?.stop();
  });

  it('reminds the assignee of an activity due soon once, in Spanish (English for en users), even when the event is delivered twice', async () => {
    // Due in 10 minutes with the default 15 minutes before: the reminder time has passed, so the next pass sends it.
    const dueAt = new Date(Date.now() + 10 * 60_000).toISOString();
    const created = await createActivity(seller.token, { type: 'call', subject: 'Confirmar pedido de overoles', opportunityId, dueAt, assignedTo: agent.id });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ reminderMinutesBefore: null, remindAt: new Date(Date.parse(dueAt) - 15 * 60_000).toISOString() });
    const due = await spy.waitForMessage((m) => m.routingKey === 'opportunities.activity.due' && m.body.data.activityId === created.body.id, 20_000);
    expect(due.body.data).toMatchObject({ assignedTo: agent.id, createdBy: seller.id, dueAt, minutesBefore: 15, opportunityTitle: title, contactName: 'Lucía Mejía', status: 'pending' });

    const subject = 'Recordatorio de actividad: Confirmar pedido de overoles';
    const [mail] = await world.platform.smtp.waitForMessages((m) => m.to.includes(agent.email) && m.subject === subject, { count: 1, timeoutMs: 20_000 });
    expect(mail.text).toContain('Hola, Julián Restrepo');
    expect(mail.text).toContain(`Tiene una llamada pendiente, «Confirmar pedido de overoles» de la oportunidad «${title}» con Lucía Mejía, que vence el`);

    const before = await duplicatesSkipped();
    await spy.publish(exchange(), due.routingKey, due.body, due.body.id);
    await spy.publish(exchange(), due.routingKey, due.body, due.body.id);
    await waitFor(async () => (await duplicatesSkipped()) >= before + 2, { description: 'notifications to skip both redeliveries' });
    expect(mailsTo(agent, subject)).toHaveLength(1);
    expect(mailsTo(seller, subject)).toHaveLength(0);
    const feed = await waitFor(async () => {
      const response = await world.api.get('/api/v1/notifications', agent.token);
      const items = (response.body.items ?? []).filter((item: { type: string; data: { activityId?: string } }) => item.data?.activityId === created.body.id);
      return items.length > 0 ? items : undefined;
    });
    expect(feed).toHaveLength(1);
    expect(feed[0]).toMatchObject({ type: 'opportunity.activity-reminder', link: `/opportunities/${opportunityId}` });
    const after = await world.api.get(`/api/v1/activities/${created.body.id}`, agent.token);
    expect(after.body.reminderSentAt).not.toBeNull();
    expect(after.body.version).toBe(1); // the scheduler is not a user edit

    const english = await createActivity(seller.token, { type: 'meeting', subject: 'Demo of the catalogue', opportunityId, dueAt, assignedTo: englishAgent.id, reminderMinutesBefore: 30 });
    expect(english.status).toBe(201);
    const [englishMail] = await world.platform.smtp.waitForMessages((m) => m.to.includes(englishAgent.email) && m.subject === 'Activity reminder: Demo of the catalogue', {
      count: 1,
      timeoutMs: 20_000,
    });
    expect(englishMail.text).toContain('Hi John Smith');
    expect(englishMail.text).toContain(`You have a pending meeting, "Demo of the catalogue" on the opportunity "${title}"`);
  });

  it('never reminds a done or cancelled activity, nor one logged after its due time', async () => {
    // Due in 2 hours, reminded 30 minutes before: not yet due.
    const dueAt = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const make = async (subject: string) => {
      const response = await createActivity(seller.token, { type: 'task', subject, opportunityId, dueAt, reminderMinutesBefore: 30 });
      expect(response.status).toBe(201);
      return response.body as { id: string; version: number };
    };
    const [done, cancelled, pending] = [await make('Tarea hecha'), await make('Tarea cancelada'), await make('Tarea pendiente')];
    expect((await world.api.post(`/api/v1/activities/${done.id}/complete`, { version: done.version, outcome: 'Listo' }, seller.token)).status).toBe(200);
    expect((await world.api.post(`/api/v1/activities/${cancelled.id}/cancel`, { version: cancelled.version }, seller.token)).status).toBe(200);
    const logged = await createActivity(seller.token, { type: 'email', subject: 'Correo ya enviado', opportunityId, dueAt: new Date(Date.now() - 3_600_000).toISOString() });
    expect(logged.body.remindAt).toBeNull();

    // Time passes: all three reminders become due in one statement, so the pass that takes the pending one sees the other two as well.
    await db.query("UPDATE opportunities.activity SET remind_at = now() - interval '1 minute' WHERE id = ANY($1::uuid[])", [[done.id, cancelled.id, pending.id]]);
    await spy.waitForMessage((m) => m.routingKey === 'opportunities.activity.due' && m.body.data.activityId === pending.id, 20_000);
    await world.platform.smtp.waitForMessages((m) => m.to.includes(seller.email) && m.subject === 'Recordatorio de actividad: Tarea pendiente', { count: 1, timeoutMs: 20_000 });
    const reminded = spy.messages.filter((m) => m.routingKey === 'opportunities.activity.due').map((m) => m.body.data.activityId);
    expect(reminded).not.toContain(done.id);
    expect(reminded).not.toContain(cancelled.id);
    expect(reminded).not.toContain(logged.body.id);
    expect((await world.api.get(`/api/v1/activities/${done.id}`, seller.token)).body.reminderSentAt).toBeNull();
    expect((await world.api.get(`/api/v1/activities/${cancelled.id}`, seller.token)).body.reminderSentAt).toBeNull();
    expect(world.platform.smtp.messages.filter((m) => m.subject === 'Recordatorio de actividad: Tarea hecha' || m.subject === 'Recordatorio de actividad: Tarea cancelada')).toHaveLength(0);
    expect((await createActivity(seller.token, { type: 'task', subject: 'x', opportunityId, dueAt, reminderMinutesBefore: -5 })).body.errors[0].field).toBe('reminderMinutesBefore');
  });

  it('reminds a rescheduled activity again, once, for its new time (a reminder already sent for the old time does not count)', async () => {
    const dueEvents = (id: string) => spy.messages.filter((m) => m.routingKey === 'opportunities.activity.due' && m.body.data.activityId === id);
    /** A throw-away activity due at once: when its reminder is out, the scheduler has made a pass since. */
    const schedulerPass = async () => {
      const sentinel = await createActivity(seller.token, {
        type: 'task',
        subject: `Centinela ${randomUUID().slice(0, 6)}`,
        opportunityId,
        dueAt: new Date(Date.now() + 5 * 60_000).toISOString(),
      });
      expect(sentinel.status).toBe(201);
      await spy.waitForMessage((m) => m.routingKey === 'opportunities.activity.due' && m.body.data.activityId === sentinel.body.id, 20_000);
    };
    const subject = 'Recordatorio de actividad: Visita a la planta de Itagüí';
    const firstDue = new Date(Date.now() + 10 * 60_000).toISOString();
    const created = await createActivity(seller.token, { type: 'visit', subject: 'Visita a la planta de Itagüí', opportunityId, dueAt: firstDue, assignedTo: agent.id });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    // Due in 10 minutes, reminded 15 before: sent at once, for the first time.
    await world.platform.smtp.waitForMessages((m) => m.to.includes(agent.email) && m.subject === subject, { count: 1, timeoutMs: 20_000 });
    const reminded = await world.api.get(`/api/v1/activities/${id}`, seller.token);
    expect(reminded.body.reminderSentAt).not.toBeNull();

    // Guards: the version is required and checked, the subject cannot be blank.
    expect((await world.api.patch(`/api/v1/activities/${id}`, { dueAt: firstDue }, seller.token)).status).toBe(428);
    expect((await world.api.patch(`/api/v1/activities/${id}`, { dueAt: firstDue, version: 7 }, seller.token)).status).toBe(412);
    const blank = await world.api.patch(`/api/v1/activities/${id}`, { subject: null, version: reminded.body.version }, seller.token);
    expect(blank.status).toBe(400);
    // Another company's user gets a 404, a field the edit does not take is refused by name, and neither changes anything.
    const stranger = await world.createTenant();
    expect((await world.api.patch(`/api/v1/activities/${id}`, { dueAt: firstDue, version: reminded.body.version }, stranger.token)).status).toBe(404);
    const smuggled = await world.api.patch(`/api/v1/activities/${id}`, { status: 'done', tenantId: randomUUID(), version: reminded.body.version }, seller.token);
    expect(smuggled.status).toBe(400);
    expect(smuggled.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['status', 'tenantId']);
    expect((await world.api.get(`/api/v1/activities/${id}`, seller.token)).body).toMatchObject({ version: reminded.body.version, status: 'pending' });
    expect(blank.body.errors[0].field).toBe('subject');

    // Moved two hours later: re-armed for 15 minutes before the new time, not sent now.
    const later = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const moved = await world.api.patch(`/api/v1/activities/${id}`, { dueAt: later, version: reminded.body.version }, seller.token);
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ dueAt: later, remindAt: new Date(Date.parse(later) - 15 * 60_000).toISOString(), reminderSentAt: null, version: reminded.body.version + 1 });
    const updated = await spy.waitForMessage((m) => m.routingKey === 'opportunities.activity.updated' && m.body.data.activityId === id, 20_000);
    expect(updated.body.data).toMatchObject({
      changedFields: ['dueAt'],
      previousDueAt: firstDue,
      dueAt: later,
      remindAt: moved.body.remindAt,
      version: moved.body.version,
      status: 'pending',
    });
    await schedulerPass();
    expect(dueEvents(id)).toHaveLength(1);

    // Moved again, to 10 minutes from now: its new reminder time has come, so it is reminded again, once, for that time.
    const soon = new Date(Date.now() + 10 * 60_000).toISOString();
    const again = await world.api.patch(`/api/v1/activities/${id}`, { dueAt: soon }, seller.token, { 'if-match': `"${moved.body.version}"` });
    expect(again.status).toBe(200);
    const second = await waitFor(async () => dueEvents(id)[1], { description: 'the reminder for the new due time', timeoutMs: 20_000 });
    expect(second.body.data).toMatchObject({ dueAt: soon, assignedTo: agent.id, minutesBefore: 15 });
    const mails = await world.platform.smtp.waitForMessages((m) => m.to.includes(agent.email) && m.subject === subject, { count: 2, timeoutMs: 20_000 });
    expect(mails).toHaveLength(2);

    // An edit that does not touch the time keeps the reminder as sent: nothing more goes out.
    const current = await world.api.get(`/api/v1/activities/${id}`, seller.token);
    const described = await world.api.patch(`/api/v1/activities/${id}`, { description: 'Llevar muestras de tela', version: current.body.version }, seller.token);
    expect(described.status).toBe(200);
    expect(described.body).toMatchObject({ description: 'Llevar muestras de tela', reminderSentAt: current.body.reminderSentAt, remindAt: current.body.remindAt });
    await schedulerPass();
    expect(dueEvents(id)).toHaveLength(2);
    expect(mailsTo(agent, subject)).toHaveLength(2);
    const { rows } = await db.query("SELECT count(*)::int AS n FROM opportunities.outbox_message WHERE event_type = 'opportunities.activity.due' AND envelope->'data'->>'activityId' = $1", [
      id,
    ]);
    expect(rows[0].n).toBe(2);

    // A closed activity is not edited.
    const done = await world.api.post(`/api/v1/activities/${id}/complete`, { version: described.body.version }, seller.token);
    expect(done.status).toBe(200);
    expect((await world.api.patch(`/api/v1/activities/${id}`, { dueAt: later, version: done.body.version }, seller.token)).status).toBe(409);
  });

  it('tells the seller, once, when a sent quote expires (e-mail and feed by default; the e-mail can be switched off)', async () => {
    const buyer = await world.createContact(seller.token, { firstName: 'Compras', lastName: 'Andinas', teamId: team, email: `compras-${randomUUID().slice(0, 6)}@cliente.test` });
    const quoteTitle = `Overoles planta ${randomUUID().slice(0, 4)}`;
    const opportunity = await createOpportunity(world.api, seller.token, { title: quoteTitle, contactId: buyer.id });
    expect(opportunity.status).toBe(201);
    const sendQuote = async (token: string) => {
      const created = await world.api.post(
        `/api/v1/opportunities/${opportunity.body.id}/quotes`,
        { lines: [{ description: 'Overol industrial', quantity: '10', unitPrice: '85000' }], validUntil: '2099-12-31' },
        token,
      );
      expect(created.status).toBe(201);
      const sent = await world.api.post(`/api/v1/quotes/${created.body.id}/send`, { version: created.body.version }, token);
      expect(sent.status).toBe(200);
      return sent.body as { id: string; number: string };
    };
    const prefs = await world.api.get('/api/v1/notification-preferences', seller.token);
    expect(prefs.body.items).toContainEqual(expect.objectContaining({ template: 'quote-expired', email: true, inApp: true }));

    // Its last valid day was Tuesday 31 March 2026 (Bogotá, the tenant's default zone): long gone, so the next pass expires it.
    const quote = await sendQuote(seller.token);
    await db.query("UPDATE opportunities.quote SET valid_until = '2026-03-31' WHERE id = $1", [quote.id]);
    const expired = await spy.waitForMessage((m) => m.routingKey === 'opportunities.quote.expired' && m.body.data.quoteId === quote.id, 20_000);
    expect(expired.body.data).toMatchObject({ createdBy: seller.id, opportunityTitle: quoteTitle, validUntil: '2026-03-31', timeZone: 'America/Bogota' });
    const subject = `Cotización vencida: ${quote.number} — ${quoteTitle}`;
    const [mail] = await world.platform.smtp.waitForMessages((m) => m.to.includes(seller.email) && m.subject === subject, { count: 1, timeoutMs: 20_000 });
    expect(mail.text).toContain('Hola, Valentina Arango:');
    expect(mail.text).toContain(`Su cotización ${quote.number} de la oportunidad «${quoteTitle}» (`);
    expect(mail.text).toContain('era válida hasta el martes, 31 de marzo de 2026 (America/Bogota) y el cliente no la aceptó.');
    expect(mail.text).toContain(`/opportunities/${opportunity.body.id}`);
    const feed = await waitFor(async () => {
      const items = ((await world.api.get('/api/v1/notifications', seller.token)).body.items ?? []).filter((item: { data: { quoteId?: string } }) => item.data?.quoteId === quote.id);
      return items.length > 0 ? items : undefined;
    });
    expect(feed).toHaveLength(1);
    expect(feed[0]).toMatchObject({ type: 'opportunity.quote-expired', link: `/opportunities/${opportunity.body.id}` });

    // Delivered twice more: still one e-mail.
    const before = await duplicatesSkipped();
    await spy.publish(exchange(), expired.routingKey, expired.body, expired.body.id);
    await spy.publish(exchange(), expired.routingKey, expired.body, expired.body.id);
    await waitFor(async () => (await duplicatesSkipped()) >= before + 2, { description: 'notifications to skip both redeliveries' });
    expect(mailsTo(seller, subject)).toHaveLength(1);
    expect(world.platform.smtp.messages.filter((m) => m.subject === subject && !m.to.includes(seller.email))).toHaveLength(0);

    // Once the seller switches the e-mail off, the next expiry reaches the feed only.
    const off = await world.api.request('PUT', '/api/v1/notification-preferences', { body: { items: [{ template: 'quote-expired', email: false, inApp: true }] }, token: seller.token });
    expect(off.status).toBe(200);
    const quiet = await sendQuote(seller.token);
    await db.query("UPDATE opportunities.quote SET valid_until = '2026-03-31' WHERE id = $1", [quiet.id]);
    const quietEvent = await spy.waitForMessage((m) => m.routingKey === 'opportunities.quote.expired' && m.body.data.quoteId === quiet.id, 20_000);
    const quietFeed = await waitFor(async () => {
      const items = ((await world.api.get('/api/v1/notifications', seller.token)).body.items ?? []).filter((item: { data: { quoteId?: string } }) => item.data?.quoteId === quiet.id);
      return items.length > 0 ? items : undefined;
    });
    expect(quietFeed[0].body).toContain(`Su cotización ${quiet.number} de la oportunidad «${quoteTitle}»`);
    const log = await world.api.get('/api/v1/email-deliveries?limit=200', world.adminToken);
    expect(log.body.items.filter((d: { messageId: string }) => d.messageId === quietEvent.body.id)).toEqual([]);
    expect(log.body.items.filter((d: { messageId: string }) => d.messageId === expired.body.id)).toHaveLength(1);
    expect(world.platform.smtp.messages.some((m) => m.subject.startsWith(`Cotización vencida: ${quiet.number}`))).toBe(false);
  });

  it('reminds each activity exactly once with two replicas running the scheduler', async () => {
    // A second opportunities process polling fast with small batches: both compete for the same due rows.
    await world.platform.startReplica('opportunities', { REMINDERS_POLL_MS: '40', REMINDERS_BATCH: '3' });
    const dueAt = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const ids: string[] = [];
    for (let i = 1; i <= 24; i += 1) {
      const response = await createActivity(seller.token, { type: 'task', subject: `Réplica ${i}`, opportunityId, dueAt, reminderMinutesBefore: 60 });
      expect(response.status).toBe(201);
      ids.push(response.body.id);
    }
    await db.query("UPDATE opportunities.activity SET remind_at = now() - interval '1 minute' WHERE id = ANY($1::uuid[])", [ids]);
    const seen = () => spy.messages.filter((m) => m.routingKey === 'opportunities.activity.due' && ids.includes(m.body.data.activityId));
    await waitFor(async () => new Set(seen().map((m) => m.body.data.activityId)).size === ids.length, { description: 'a reminder for each of the 24 activities', timeoutMs: 30_000 });
    // One event per activity: the outbox holds exactly one per activity (events are written there in the claiming transaction).
    const { rows } = await db.query(
      "SELECT envelope->'data'->>'activityId' AS id, count(*)::int AS n FROM opportunities.outbox_message WHERE event_type = 'opportunities.activity.due' AND envelope->'data'->>'activityId' = ANY($1) GROUP BY 1",
      [ids],
    );
    expect(rows).toHaveLength(ids.length);
    expect(rows.every((row: { n: number }) => row.n === 1)).toBe(true);
    expect(new Set(seen().map((m) => m.body.id)).size).toBe(ids.length);
  });

  it('e-mails an opportunity note reminder to its author; a private one without its text and to nobody else, even when its event names others', async () => {
    const remindAt = new Date(Date.now() + 3_600_000).toISOString();
    const past = await world.api.post(`/api/v1/opportunities/${opportunityId}/notes`, { body: 'Tarde', remindAt: new Date(Date.now() - 3_600_000).toISOString() }, seller.token);
    expect(past.status).toBe(400);
    expect(past.body.errors[0].field).toBe('remindAt');
    const secret = await world.api.post(`/api/v1/opportunities/${opportunityId}/notes`, { body: 'Precio piso 41 millones', visibility: 'private', remindAt }, seller.token);
    const shared = await world.api.post(`/api/v1/opportunities/${opportunityId}/notes`, { body: 'Llamar a compras el martes', remindAt }, seller.token);
    expect([secret.status, shared.status]).toEqual([201, 201]);

    // The reminder date arrives.
    await db.query("UPDATE opportunities.opportunity_note SET remind_at = now() - interval '1 minute' WHERE id = ANY($1::uuid[])", [[secret.body.id, shared.body.id]]);
    const secretDue = await spy.waitForMessage((m) => m.routingKey === 'opportunities.note.reminder_due' && m.body.data.noteId === secret.body.id, 20_000);
    expect(secretDue.body.data).toMatchObject({ authorId: seller.id, visibility: 'private', recipientIds: [seller.id], opportunityId, title });
    expect(secretDue.body.data.excerpt).toBeUndefined();
    await spy.waitForMessage((m) => m.routingKey === 'opportunities.note.reminder_due' && m.body.data.noteId === shared.body.id, 20_000);

    const subject = `Recordatorio: ${title}`;
    const mails = await world.platform.smtp.waitForMessages((m) => m.to.includes(seller.email) && m.subject === subject, { count: 2, timeoutMs: 20_000 });
    expect(mails.filter((m) => m.text.includes('La nota es privada'))).toHaveLength(1);
    expect(mails.filter((m) => m.text.includes('Llamar a compras el martes'))).toHaveLength(1);
    expect(world.platform.smtp.messages.some((m) => m.text.includes('Precio piso'))).toBe(false);

    // A (buggy or forged) event for the private note naming a colleague: notifications still reminds the author only.
    const forged = { ...secretDue.body, id: randomUUID(), data: { ...secretDue.body.data, recipientIds: [seller.id, agent.id] } };
    await spy.publish(exchange(), secretDue.routingKey, forged, forged.id);
    await world.platform.smtp.waitForMessages((m) => m.to.includes(seller.email) && m.subject === subject, { count: 3, timeoutMs: 20_000 });
    expect(world.platform.smtp.messages.filter((m) => m.to.includes(agent.email) && m.subject === subject)).toHaveLength(0);
    // Every delivery of that event was recorded in one transaction: the log holds the author's only.
    const log = await world.api.get('/api/v1/email-deliveries?limit=200', world.adminToken);
    expect(log.body.items.filter((d: { messageId: string }) => d.messageId === forged.id).map((d: { recipientUserId: string }) => d.recipientUserId)).toEqual([seller.id]);
    const notes = await world.api.get(`/api/v1/opportunities/${opportunityId}/notes`, seller.token);
    expect(notes.body.items.find((n: { id: string }) => n.id === shared.body.id).reminderSentAt).not.toBeNull();
  });
});
