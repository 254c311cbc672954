import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AmqpSpy, CrmWorld, freePort, spawnServiceProcess, stopServiceProcess, waitFor, waitUntilListening, type RunningProcess, type WorldUser, scrapeMetrics } from '@crm/testing';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** A `crm_messaging_total{name=…}` counter of a service (0 before it first moves). */
async function messagingCounter(baseUrl: string, name: string): Promise<number> {
  const text = await scrapeMetrics(baseUrl);
  const match = new RegExp(`crm_messaging_total\\{[^}]*name="${name}"[^}]*\\} (\\d+)`).exec(text);
  return match ? Number(match[1]) : 0;
}

describe('note reminders (fecha de aviso): contacts schedules, notifications e-mails', () => {
  let world: CrmWorld;
  let spy: AmqpSpy;
  let author: WorldUser; // team A, Spanish
  let teammate: WorldUser; // team A, English
  let outsider: WorldUser; // team B
  let contact: { id: string; displayName: string };

  const notesOf = (id: string) => `/api/v1/contacts/${id}/notes`;
  const soon = () => new Date(Date.now() + 1000).toISOString();
  const mailsTo = (user: WorldUser) => world.platform.smtp.messages.filter((m) => m.to.includes(user.email));

  /** The admin's delivery log rows of one reminder event. */
  async function deliveriesOf(messageId: string) {
    const response = await world.api.get('/api/v1/email-deliveries?limit=200&template=note-reminder', world.adminToken);
    expect(response.status).toBe(200);
    return (response.body.items as { messageId: string; toAddress: string; status: string }[]).filter((d) => d.messageId === messageId);
  }

  beforeAll(async () => {
    // Small batches, so two replicas of contacts take turns on the same due reminders below.
    world = await CrmWorld.start({ services: ['contacts', 'notifications'], env: { NOTE_REMINDER_POLL_MS: '200', NOTE_REMINDER_BATCH: '5' } });
    spy = await AmqpSpy.connect();
    await spy.listen(`${world.platform.amqpPrefix}crm.events`, 'contacts.note.reminder_due');
    const [teamA, teamB] = await Promise.all([world.createTeam(`Ventas A ${randomUUID().slice(0, 4)}`), world.createTeam(`Ventas B ${randomUUID().slice(0, 4)}`)]);
    [author, teammate, outsider] = await Promise.all([
      world.createUser(['sales'], [teamA], { name: 'Laura Restrepo' }),
      world.createUser(['sales'], [teamA], { name: 'John Smith', locale: 'en' }),
      world.createUser(['sales'], [teamB], { name: 'Carla Ortiz' }),
    ]);
    contact = await world.createContact(author.token, { firstName: 'Andrés', lastName: `Zapata ${randomUUID().slice(0, 4)}` });
  }, 120_000);

  let secondReplica: RunningProcess | undefined;

  afterAll(async () => {
    if (secondReplica) await stopServiceProcess(secondReplica);
    await spy?.close();
    await world?.stop();
  });

  it('e-mails the author once, in Spanish with a link to the contact, and adds it to their feed', async () => {
    const note = await world.api.post(notesOf(contact.id), { body: 'Llamar para cerrar la cotización de 20 licencias.', remindAt: soon() }, author.token);
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ remindAudience: 'author', reminderSentAt: null });

    const [mail] = await world.platform.smtp.waitForMessages((m) => m.to.includes(author.email) && m.subject === `Recordatorio: ${contact.displayName}`, { timeoutMs: 15_000 });
    expect(mail!.text).toContain('Hola, Laura Restrepo:');
    expect(mail!.text).toContain(`/contacts/${contact.id}`);
    expect(mail!.text).toContain('Llamar para cerrar la cotización de 20 licencias.');
    expect(mail!.html).toContain(`/contacts/${contact.id}`);
    expect(mailsTo(teammate).filter((m) => m.subject.includes(contact.displayName))).toHaveLength(0);

    const feed = await waitFor(
      async () => {
        const response = await world.api.get('/api/v1/notifications', author.token);
        return response.body.items?.find((n: { type: string; data: { noteId?: string } }) => n.type === 'contact.note_reminder' && n.data.noteId === note.body.id);
      },
      { description: 'the in-app reminder' },
    );
    expect(feed).toMatchObject({ title: `Recordatorio: ${contact.displayName}`, link: `/contacts/${contact.id}` });
    const after = await world.api.get(`${notesOf(contact.id)}/${note.body.id}`, author.token);
    expect(after.body.reminderSentAt).not.toBeNull();
  });

  it('e-mails every member of the contact team (each in their language) and nobody of another team', async () => {
    const note = await world.api.post(notesOf(contact.id), { body: 'Reunión de equipo con el cliente.', remindAt: soon(), remindAudience: 'team' }, author.token);
    expect(note.status).toBe(201);
    const due = await spy.waitForMessage((m) => m.body.data?.noteId === note.body.id, 15_000, 'the reminder_due event');
    expect(due.body.data).toMatchObject({ audience: 'team', contactId: contact.id, contactName: contact.displayName, authorId: author.id, visibility: 'shared' });

    await world.platform.smtp.waitForMessages((m) => m.to.includes(teammate.email) && m.subject === `Reminder: ${contact.displayName}`, { timeoutMs: 15_000 });
    const sent = await waitFor(
      async () => {
        const rows = await deliveriesOf(due.body.id);
        return rows.length === 2 && rows.every((row) => row.status === 'sent') ? rows : undefined;
      },
      { description: 'two sent deliveries' },
    );
    expect(sent.map((row) => row.toAddress).sort()).toEqual([author.email, teammate.email].sort());
    const english = mailsTo(teammate).find((m) => m.subject === `Reminder: ${contact.displayName}`)!;
    expect(english.text).toContain('Laura Restrepo set a reminder for your team');
    expect(mailsTo(outsider)).toHaveLength(0);
  });

  it('reminds the author of a private note without ever sending its text', async () => {
    const note = await world.api.post(notesOf(contact.id), { body: 'Secreto: su esposa no debe saber del viaje 7788.', visibility: 'private', remindAt: soon() }, author.token);
    expect(note.status).toBe(201);
    const due = await spy.waitForMessage((m) => m.body.data?.noteId === note.body.id, 15_000, 'the private reminder_due event');
    expect(due.body.data).toMatchObject({ audience: 'author', teamId: null, visibility: 'private' });
    expect(due.raw.toString('utf8')).not.toContain('7788');
    const [mail] = await waitFor(
      async () => {
        const rows = await deliveriesOf(due.body.id);
        return rows.length === 1 && rows[0]!.status === 'sent' ? mailsTo(author).filter((m) => m.text.includes('La nota es privada')) : undefined;
      },
      { description: 'the private reminder e-mail' },
    );
    expect(mail!.text).not.toContain('7788');
  });

  it('sends no second e-mail when the reminder event is delivered again', async () => {
    const note = await world.api.post(notesOf(contact.id), { body: 'Enviar contrato.', remindAt: soon(), remindAudience: 'team' }, author.token);
    const due = await spy.waitForMessage((m) => m.body.data?.noteId === note.body.id, 15_000, 'the reminder_due event');
    await waitFor(async () => (await deliveriesOf(due.body.id)).filter((row) => row.status === 'sent').length === 2, { description: 'the first two e-mails' });
    const countFor = (user: WorldUser) => mailsTo(user).filter((m) => m.text.includes('Enviar contrato.')).length;
    expect([countFor(author), countFor(teammate)]).toEqual([1, 1]);

    const notifications = world.platform.urlOf('notifications');
    const duplicatesBefore = await messagingCounter(notifications, 'duplicates');
    await spy.publish(`${world.platform.amqpPrefix}crm.events`, 'contacts.note.reminder_due', due.body, due.body.id);
    await spy.publish(`${world.platform.amqpPrefix}crm.events`, 'contacts.note.reminder_due', due.body, due.body.id);
    await waitFor(async () => (await messagingCounter(notifications, 'duplicates')) >= duplicatesBefore + 2, { description: 'notifications to skip both duplicates' });

    expect(await deliveriesOf(due.body.id)).toHaveLength(2);
    expect([countFor(author), countFor(teammate)]).toEqual([1, 1]);
    const feed = await world.api.get('/api/v1/notifications?limit=200', teammate.token);
    expect(feed.body.items.filter((n: { data: { noteId?: string } }) => n.data.noteId === note.body.id)).toHaveLength(1);
  });

  it('publishes each due reminder once while two replicas of contacts run the scheduler', async () => {
    secondReplica = spawnServiceProcess(ROOT, 'contacts', await freePort(), world.platform.env);
    await waitUntilListening(secondReplica);
    const remindAt = new Date(Date.now() + 1500).toISOString();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const created = await Promise.all(Array.from({ length: 10 }, (_, j) => world.api.post(notesOf(contact.id), { body: `Lote ${i}-${j}`, remindAt }, author.token)));
      ids.push(...created.map((response) => response.body.id as string));
    }
    // Due a second later: once its event is out, every earlier note had passes of both replicas.
    const sentinel = await world.api.post(notesOf(contact.id), { body: 'Centinela', remindAt: new Date(Date.now() + 2500).toISOString() }, author.token);
    await spy.waitForMessage((m) => m.body.data?.noteId === sentinel.body.id, 20_000, 'the sentinel reminder');
    const published = spy.messages.filter((m) => ids.includes(m.body.data?.noteId)).map((m) => m.body.data.noteId as string);
    expect(published).toHaveLength(ids.length);
    expect(new Set(published).size).toBe(ids.length);
  });
});
