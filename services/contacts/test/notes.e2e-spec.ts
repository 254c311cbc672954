import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AmqpSpy, CrmWorld, type WorldUser } from '@crm/testing';

const SECRET = 'Privado: el gerente aceptaría 12% de descuento si cerramos antes del viernes.';

describe('notes on contacts and companies through the gateway', () => {
  let world: CrmWorld;
  let spy: AmqpSpy;
  let author: WorldUser; // sales, team A: writes the notes
  let teammate: WorldUser; // sales, team A: sees the contact (shared with the team)
  let outsider: WorldUser; // sales, team B: does not see the contact
  let viewer: WorldUser; // read-only, team A
  let otherTenant: WorldUser;
  let contactId: string;
  let sharedNote: { id: string; version: number };
  let privateNote: { id: string; version: number };

  const notesOf = (id: string) => `/api/v1/contacts/${id}/notes`;

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts'] });
    spy = await AmqpSpy.connect();
    await spy.listen(`${world.platform.amqpPrefix}crm.events`, 'contacts.note.*');
    const [teamA, teamB] = await Promise.all([world.createTeam(`Ventas A ${randomUUID().slice(0, 4)}`), world.createTeam(`Ventas B ${randomUUID().slice(0, 4)}`)]);
    [author, teammate, outsider, viewer, otherTenant] = await Promise.all([
      world.createUser(['sales'], [teamA]),
      world.createUser(['sales'], [teamA]),
      world.createUser(['sales'], [teamB]),
      world.createUser(['readonly'], [teamA]),
      world.createTenant(),
    ]);
    const contact = await world.createContact(author.token, { firstName: 'Marta', lastName: 'Quintero' });
    contactId = contact.id;

    const shared = await world.api.post(notesOf(contactId), { body: 'Le interesa el plan anual; enviar propuesta.', visibility: 'shared' }, author.token);
    const secret = await world.api.post(notesOf(contactId), { body: SECRET, visibility: 'private' }, author.token);
    expect([shared.status, secret.status]).toEqual([201, 201]);
    sharedNote = shared.body;
    privateNote = secret.body;
  }, 120_000);

  afterAll(async () => {
    await spy?.close();
    await world?.stop();
  });

  it('creates a note (201, Location, ETag) written by the caller', async () => {
    const response = await world.api.post(notesOf(contactId), { body: 'Prefiere que lo llamen en la tarde.' }, author.token);
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/api/v1/contacts/${contactId}/notes/${response.body.id}`);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.body).toMatchObject({
      contactId,
      authorId: author.id,
      visibility: 'shared',
      body: 'Prefiere que lo llamen en la tarde.',
      remindAt: null,
      remindAudience: null,
      version: 1,
    });
  });

  it('shows a private note to its author only: not to a teammate, not even to an admin', async () => {
    const mine = await world.api.get(notesOf(contactId), author.token);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((n: { id: string }) => n.id)).toEqual(expect.arrayContaining([sharedNote.id, privateNote.id]));

    for (const other of [teammate.token, world.adminToken]) {
      const list = await world.api.get(notesOf(contactId), other);
      expect(list.status).toBe(200);
      const ids = list.body.items.map((n: { id: string }) => n.id);
      expect(ids).toContain(sharedNote.id);
      expect(ids).not.toContain(privateNote.id);
      expect(JSON.stringify(list.body)).not.toContain('descuento');
      expect((await world.api.get(`${notesOf(contactId)}/${privateNote.id}`, other)).status).toBe(404);
      expect((await world.api.get(`${notesOf(contactId)}/${sharedNote.id}`, other)).status).toBe(200);
    }
    const ownPrivate = await world.api.get(`${notesOf(contactId)}/${privateNote.id}`, author.token);
    expect(ownPrivate.status).toBe(200);
    expect(ownPrivate.body.body).toBe(SECRET);
  });

  it('answers 404 for a contact the caller cannot see, and for another tenant', async () => {
    for (const token of [outsider.token, otherTenant.token]) {
      expect((await world.api.get(notesOf(contactId), token)).status).toBe(404);
      expect((await world.api.get(`${notesOf(contactId)}/${sharedNote.id}`, token)).status).toBe(404);
      expect((await world.api.post(notesOf(contactId), { body: 'intruso' }, token)).status).toBe(404);
    }
  });

  it('never puts a private note text in an event; a shared note event carries an excerpt', async () => {
    const added = await spy.waitForMessage((m) => m.routingKey === 'contacts.note.added' && m.body.data.noteId === privateNote.id);
    expect(added.body).toMatchObject({ type: 'contacts.note.added', subject: contactId, data: { noteId: privateNote.id, contactId, authorId: author.id, visibility: 'private' } });
    expect(added.body.data).not.toHaveProperty('excerpt');
    expect(added.raw.toString('utf8')).not.toContain('descuento');
    const sharedAdded = await spy.waitForMessage((m) => m.routingKey === 'contacts.note.added' && m.body.data.noteId === sharedNote.id);
    expect(sharedAdded.body.data.excerpt).toBe('Le interesa el plan anual; enviar propuesta.');
  });

  it('lets only the author edit or delete: 403 on a shared note of someone else, 404 on their private note', async () => {
    expect((await world.api.patch(`${notesOf(contactId)}/${sharedNote.id}`, { body: 'cambiado', version: 1 }, teammate.token)).status).toBe(403);
    expect((await world.api.delete(`${notesOf(contactId)}/${sharedNote.id}`, teammate.token)).status).toBe(403);
    expect((await world.api.patch(`${notesOf(contactId)}/${privateNote.id}`, { body: 'cambiado', version: 1 }, teammate.token)).status).toBe(404);
    expect((await world.api.delete(`${notesOf(contactId)}/${privateNote.id}`, world.adminToken)).status).toBe(404);
    const unchanged = await world.api.get(`${notesOf(contactId)}/${sharedNote.id}`, author.token);
    expect(unchanged.body).toMatchObject({ body: 'Le interesa el plan anual; enviar propuesta.', version: 1 });
  });

  it('edits with the version seen: 200 then 412 for the stale version, 428 without one', async () => {
    const path = `${notesOf(contactId)}/${sharedNote.id}`;
    const edited = await world.api.patch(path, { body: 'Propuesta enviada el lunes.', version: 1 }, author.token);
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ body: 'Propuesta enviada el lunes.', version: 2, updatedBy: author.id });
    expect(edited.headers.get('etag')).toBe('"2"');

    const stale = await world.api.patch(path, { body: 'Versión vieja', version: 1 }, author.token);
    expect(stale.status).toBe(412);
    expect(stale.body.currentVersion).toBe(2);
    const viaHeader = await world.api.patch(path, { body: 'Versión vieja' }, author.token, { 'if-match': '"1"' });
    expect(viaHeader.status).toBe(412);
    expect((await world.api.patch(path, { body: 'Sin versión' }, author.token)).status).toBe(428);
    expect((await world.api.get(path, teammate.token)).body.body).toBe('Propuesta enviada el lunes.');
    const updated = await spy.waitForMessage((m) => m.routingKey === 'contacts.note.updated' && m.body.data.noteId === sharedNote.id);
    expect(updated.body.data).toMatchObject({ changedFields: ['body'], version: 2, excerpt: 'Propuesta enviada el lunes.' });
  });

  it('refuses bad input with 400 naming the field', async () => {
    const tooLong = await world.api.post(notesOf(contactId), { body: 'x'.repeat(10_001) }, author.token);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'body' })]));
    expect((await world.api.post(notesOf(contactId), { body: 'x'.repeat(10_000) }, author.token)).status).toBe(201);

    const inOneHour = new Date(Date.now() + 3_600_000).toISOString();
    const privateToTeam = await world.api.post(notesOf(contactId), { body: 'recordar', visibility: 'private', remindAt: inOneHour, remindAudience: 'team' }, author.token);
    expect(privateToTeam.status).toBe(400);
    expect(privateToTeam.body.errors).toEqual([expect.objectContaining({ field: 'remindAudience' })]);

    const cases: [Record<string, unknown>, string][] = [
      [{ body: '   ' }, 'body'],
      [{ body: 'ok', visibility: 'public' }, 'visibility'],
      [{ body: 'ok', remindAt: 'mañana' }, 'remindAt'],
      [{ body: 'ok', remindAt: '2020-01-01T00:00:00Z' }, 'remindAt'],
      [{ body: 'ok', remindAudience: 'team' }, 'remindAudience'],
      [{ body: 'ok', interestId: randomUUID() }, 'interestId'],
      [{ body: 'ok', authorId: teammate.id }, 'authorId'],
    ];
    for (const [body, field] of cases) {
      const response = await world.api.post(notesOf(contactId), body, author.token);
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }

    // A shared note reminding the team cannot become private while it still does.
    const teamNote = await world.api.post(notesOf(contactId), { body: 'llamar juntos', remindAt: inOneHour, remindAudience: 'team' }, author.token);
    expect(teamNote.status).toBe(201);
    const toPrivate = await world.api.patch(`${notesOf(contactId)}/${teamNote.body.id}`, { visibility: 'private', version: 1 }, author.token);
    expect(toPrivate.status).toBe(400);
    expect(toPrivate.body.errors).toEqual([expect.objectContaining({ field: 'remindAudience' })]);
  });

  it('links a note to an active interest of the tenant catalogue, and refuses a deactivated one', async () => {
    const interest = await world.api.post('/api/v1/interests', { name: `Licencias ${randomUUID().slice(0, 6)}` }, world.adminToken);
    expect(interest.status).toBe(201);
    const note = await world.api.post(notesOf(contactId), { body: 'Pidió precios de licencias.', interestId: interest.body.id }, author.token);
    expect(note.status).toBe(201);
    expect(note.body.interestId).toBe(interest.body.id);

    const deactivated = await world.api.patch(`/api/v1/interests/${interest.body.id}`, { active: false, version: interest.body.version }, world.adminToken);
    expect(deactivated.status).toBe(200);
    const refused = await world.api.post(notesOf(contactId), { body: 'otra', interestId: interest.body.id }, author.token);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'interestId' })]);
    // The note that already had it keeps it through an unrelated edit.
    const edited = await world.api.patch(`${notesOf(contactId)}/${note.body.id}`, { body: 'Pidió precios de licencias (enviados).', version: 1 }, author.token);
    expect(edited.status).toBe(200);
    expect(edited.body.interestId).toBe(interest.body.id);
  });

  it("deletes the author's note (204); it is gone and the event carries no text", async () => {
    const note = await world.api.post(notesOf(contactId), { body: 'Borrar: dato sensible 4455', visibility: 'private' }, author.token);
    const stale = await world.api.request('DELETE', `${notesOf(contactId)}/${note.body.id}`, { token: author.token, headers: { 'if-match': '"7"' } });
    expect(stale.status).toBe(412);
    expect((await world.api.delete(`${notesOf(contactId)}/${note.body.id}`, author.token)).status).toBe(204);
    expect((await world.api.get(`${notesOf(contactId)}/${note.body.id}`, author.token)).status).toBe(404);
    const deleted = await spy.waitForMessage((m) => m.routingKey === 'contacts.note.deleted' && m.body.data.noteId === note.body.id);
    expect(deleted.body.data).toMatchObject({ contactId, authorId: author.id, deletedBy: author.id, visibility: 'private' });
    expect(deleted.raw.toString('utf8')).not.toContain('4455');
  });

  it('lets read-only users read shared notes but not write', async () => {
    const list = await world.api.get(notesOf(contactId), viewer.token);
    expect(list.status).toBe(200);
    expect(list.body.items.map((n: { id: string }) => n.id)).toContain(sharedNote.id);
    expect((await world.api.post(notesOf(contactId), { body: 'no puedo' }, viewer.token)).status).toBe(403);
  });

  it('shows a "note added" timeline entry for a private note to its author only, following later changes', async () => {
    const forTeammate = await world.api.get(`/api/v1/contacts/${contactId}/timeline`, teammate.token);
    expect(forTeammate.status).toBe(200);
    const noteIds = (body: { items: { kind: string; details: { noteId?: string } }[] }) => body.items.filter((e) => e.kind === 'note_added').map((e) => e.details.noteId);
    expect(noteIds(forTeammate.body)).toContain(sharedNote.id);
    expect(noteIds(forTeammate.body)).not.toContain(privateNote.id);
    expect(JSON.stringify(forTeammate.body)).not.toContain('descuento');
    const forAuthor = await world.api.get(`/api/v1/contacts/${contactId}/timeline`, author.token);
    expect(noteIds(forAuthor.body)).toEqual(expect.arrayContaining([sharedNote.id, privateNote.id]));
    expect(JSON.stringify(forAuthor.body)).not.toContain('descuento');

    // Made private later: gone for the teammate everywhere, and its update event has no text.
    const note = await world.api.post(notesOf(contactId), { body: 'Al principio compartida 9911' }, author.token);
    expect(noteIds((await world.api.get(`/api/v1/contacts/${contactId}/timeline`, teammate.token)).body)).toContain(note.body.id);
    expect((await world.api.patch(`${notesOf(contactId)}/${note.body.id}`, { visibility: 'private', version: 1 }, author.token)).status).toBe(200);
    expect(noteIds((await world.api.get(`/api/v1/contacts/${contactId}/timeline`, teammate.token)).body)).not.toContain(note.body.id);
    expect((await world.api.get(`${notesOf(contactId)}/${note.body.id}`, teammate.token)).status).toBe(404);
    const updated = await spy.waitForMessage((m) => m.routingKey === 'contacts.note.updated' && m.body.data.noteId === note.body.id);
    expect(updated.body.data).toMatchObject({ visibility: 'private', changedFields: ['visibility'] });
    expect(updated.raw.toString('utf8')).not.toContain('9911');
  });

  it('pages the list newest first with keyset cursors', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: { id: string; createdAt: string }[]; nextCursor: string | null } } = await world.api.get(
        `${notesOf(contactId)}?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        author.token,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((n) => n.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    const all = await world.api.get(`${notesOf(contactId)}?limit=200`, author.token);
    expect(seen).toEqual(all.body.items.map((n: { id: string }) => n.id));
    expect(new Set(seen).size).toBe(seen.length);
    const privateOnly = await world.api.get(`${notesOf(contactId)}?visibility=private`, author.token);
    expect(privateOnly.body.items.every((n: { visibility: string; authorId: string }) => n.visibility === 'private' && n.authorId === author.id)).toBe(true);
    expect((await world.api.get(`${notesOf(contactId)}?cursor=bm9wZQ`, author.token)).status).toBe(400);
  });

  it('serves the same notes under /companies/{id}/notes for organisations only', async () => {
    const company = await world.createContact(author.token, {
      kind: 'organization',
      companyName: `Ferretería El Tornillo ${randomUUID().slice(0, 4)}`,
      firstName: undefined,
      lastName: undefined,
    });
    const created = await world.api.post(`/api/v1/companies/${company.id}/notes`, { body: 'Renovación del contrato en junio.' }, author.token);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/companies/${company.id}/notes/${created.body.id}`);
    const viaContacts = await world.api.get(notesOf(company.id), teammate.token);
    expect(viaContacts.body.items.map((n: { id: string }) => n.id)).toEqual([created.body.id]);
    expect((await world.api.get(`/api/v1/companies/${contactId}/notes`, author.token)).status).toBe(404);
  });

  it('appears in the merged OpenAPI document', async () => {
    const docs = await world.api.get('/api/docs/openapi.json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/contacts/{contactId}/notes',
        '/api/v1/contacts/{contactId}/notes/{noteId}',
        '/api/v1/companies/{contactId}/notes',
        '/api/v1/companies/{contactId}/notes/{noteId}',
      ]),
    );
  });
});
