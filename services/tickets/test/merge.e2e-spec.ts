import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AmqpSpy, CrmWorld, type WorldUser } from '@crm/testing';
import { TicketsWorld } from './tickets-world.js';

const TRACKING_BASE = 'https://pqr.example.co/seguimiento';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

// Hand-worked legal dates (official 2026 calendar: Mon 23 Mar San José is a holiday).
// Primary, petición de documentos (10 business days), received Mon 16 Mar 2026 09:00 Bogotá:
//   Tue 17(1) Wed 18(2) Thu 19(3) Fri 20(4), Mon 23 holiday, Tue 24(5) … Fri 27(8), Mon 30(9), Tue 31 Mar(10)
//   → due at the end of Tue 31 Mar in Bogotá = 2026-04-01T04:59:59.999Z.
// Duplicate, received Fri 6 Mar 2026 21:30 Bogotá (Sat 7 Mar 02:30Z). After the merge the primary keeps its
// class (10 days) but counts from the duplicate's earlier reception: Mon 9(1) … Fri 13(5), Mon 16(6) …
//   Fri 20 Mar(10) → due at the end of Fri 20 Mar = 2026-03-21T04:59:59.999Z.
const PRIMARY_RECEIVED = '2026-03-16T14:00:00.000Z';
const DUPLICATE_RECEIVED = '2026-03-07T02:30:00.000Z';

/**
 * Merging a duplicate PQR into a primary one (issue #9 item 6), through the gateway: dry run
 * first, guards (visibility, versions, same requester), then the merge and the requester's e-mail.
 */
describe('merge tickets', () => {
  let world: CrmWorld;
  let t: TicketsWorld;
  let spy: AmqpSpy;
  let teamA: string;
  let agentA: WorldUser;
  let agentB: WorldUser;
  let teamB: string;

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['tickets', 'notifications'], env: { PUBLIC_TRACKING_URL_BASE: TRACKING_BASE } });
    t = new TicketsWorld(world);
    spy = await AmqpSpy.connect();
    await spy.listen(`${world.platform.amqpPrefix}crm.events`, 'tickets.#');
    teamA = await world.createTeam(`Merge A ${randomUUID().slice(0, 4)}`);
    teamB = await world.createTeam(`Merge B ${randomUUID().slice(0, 4)}`);
    agentA = await t.knownUser(['support'], [teamA], 'Laura Restrepo');
    agentB = await t.knownUser(['support'], [teamB], 'Pedro Gómez');
  }, 120_000);

  afterAll(async () => {
    await spy?.close();
    await world?.stop();
  });

  const read = async (id: string, token = agentA.token) => (await world.api.get(`/api/v1/tickets/${id}`, token)).body;
  const conversation = async (id: string) =>
    (await world.api.get(`/api/v1/tickets/${id}/messages`, agentA.token)).body.items as { body: string; kind: string; mergedFromTicketId: string | null }[];
  const say = async (id: string, kind: string, body: string) => expect((await world.api.post(`/api/v1/tickets/${id}/messages`, { kind, body }, agentA.token)).status).toBe(201);

  it('dry run first, then moves both conversations in order, closes the duplicate, keeps the earlier reception and tells the requester', async () => {
    const email = `maria-${randomUUID().slice(0, 8)}@cliente.test`;
    const requester = { name: 'María Pérez', documentType: 'CC', documentNumber: '1020304050', email };
    const primary = await t.createTicket(agentA.token, {
      teamId: teamA,
      assigneeId: agentA.id,
      pqrClass: 'peticion_documentos',
      receivedAt: PRIMARY_RECEIVED,
      requester,
      subject: 'Copia del contrato',
    });
    const duplicate = await t.createTicket(agentA.token, {
      teamId: teamA,
      assigneeId: agentA.id,
      pqrClass: 'reclamo',
      receivedAt: DUPLICATE_RECEIVED,
      requester,
      subject: 'Contrato otra vez',
      description: 'Necesito mi contrato.',
    });
    expect((await read(primary.id)).legalDueAt).toBe('2026-04-01T04:59:59.999Z');

    await say(primary.id, 'public', 'P1: estamos buscando su contrato');
    const form = new FormData();
    form.set('kind', 'public');
    form.set('body', 'D1: adjunto el formato');
    form.set('file', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), 'formato.pdf');
    expect((await world.api.request('POST', `/api/v1/tickets/${duplicate.id}/messages`, { body: form, token: agentA.token })).status).toBe(201);
    await say(duplicate.id, 'internal', 'D2: nota interna del duplicado');
    await say(primary.id, 'public', 'P2: ya casi');

    const before = await read(primary.id);
    const dupBefore = await read(duplicate.id);
    const dry = await world.api.post(`/api/v1/tickets/${primary.id}/merge`, { duplicateTicketId: duplicate.id, dryRun: true }, agentA.token);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      dryRun: true,
      primary: { id: primary.id, radicado: primary.radicado, receivedAt: DUPLICATE_RECEIVED, legalDueAt: '2026-03-21T04:59:59.999Z' },
      duplicate: { id: duplicate.id, radicado: duplicate.radicado, status: 'cerrado', mergedIntoId: primary.id },
      movedMessages: 3, // the duplicate's original request, D1 and D2
      movedAttachments: 1,
      receivedAtChanged: true,
      previousReceivedAt: PRIMARY_RECEIVED,
      previousLegalDueAt: '2026-04-01T04:59:59.999Z',
      requesterNotified: true,
    });
    // Nothing changed.
    expect(await read(primary.id)).toMatchObject({ version: before.version, receivedAt: PRIMARY_RECEIVED, legalDueAt: '2026-04-01T04:59:59.999Z' });
    expect(await read(duplicate.id)).toMatchObject({ version: dupBefore.version, status: dupBefore.status });
    expect((await conversation(primary.id)).map((m) => m.body)).toEqual(['P1: estamos buscando su contrato', 'P2: ya casi']);
    expect(spy.messages.some((m) => m.routingKey === 'tickets.ticket.merged' && m.body.subject === primary.id)).toBe(false);

    // Guards: versions are required and checked (412), no self-merge.
    const noVersion = await world.api.post(`/api/v1/tickets/${primary.id}/merge`, { duplicateTicketId: duplicate.id }, agentA.token);
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.errors[0].field).toBe('version');
    expect(
      (await world.api.post(`/api/v1/tickets/${primary.id}/merge`, { duplicateTicketId: duplicate.id, version: before.version - 1, duplicateVersion: dupBefore.version }, agentA.token))
        .status,
    ).toBe(412);
    expect(
      (await world.api.post(`/api/v1/tickets/${primary.id}/merge`, { duplicateTicketId: duplicate.id, version: before.version, duplicateVersion: dupBefore.version + 1 }, agentA.token))
        .status,
    ).toBe(412);
    expect((await world.api.post(`/api/v1/tickets/${primary.id}/merge`, { duplicateTicketId: primary.id, dryRun: true }, agentA.token)).status).toBe(400);

    const merged = await world.api.post(`/api/v1/tickets/${primary.id}/merge`, { duplicateTicketId: duplicate.id, duplicateVersion: dupBefore.version }, agentA.token, {
      'if-match': `"${before.version}"`,
    });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ dryRun: false, movedMessages: 3, movedAttachments: 1, receivedAtChanged: true, primary: { legalDueAt: '2026-03-21T04:59:59.999Z' } });

    expect(await read(primary.id)).toMatchObject({ receivedAt: DUPLICATE_RECEIVED, legalDueAt: '2026-03-21T04:59:59.999Z', version: merged.body.primary.version });
    // The duplicate stays readable, closed, with the link to the primary (more in the next test).
    expect(await read(duplicate.id)).toMatchObject({ status: 'cerrado', mergedIntoId: primary.id, mergedIntoRadicado: primary.radicado });
    // Both conversations, in chronological order: the duplicate's request (6 Mar) first, then as written.
    const after = await conversation(primary.id);
    expect(after.map((m) => m.body)).toEqual([
      `**${duplicate.radicado}** — Contrato otra vez\n\nNecesito mi contrato.`,
      'P1: estamos buscando su contrato',
      'D1: adjunto el formato',
      'D2: nota interna del duplicado',
      'P2: ya casi',
    ]);
    expect(after.map((m) => m.kind)).toEqual(['public', 'public', 'public', 'internal', 'public']);
    expect(after.map((m) => m.mergedFromTicketId)).toEqual([duplicate.id, null, duplicate.id, duplicate.id, null]);
    const files = await world.api.get(`/api/v1/tickets/${primary.id}/attachments`, agentA.token);
    expect(files.body.items.map((f: { fileName: string }) => f.fileName)).toEqual(['formato.pdf']);
    const history = await world.api.get(`/api/v1/tickets/${primary.id}/history`, agentA.token);
    expect(JSON.stringify(history.body)).toContain('merged');

    // Events: the duplicate closed, the merge on the primary.
    const event = await spy.waitForMessage((m) => m.routingKey === 'tickets.ticket.merged' && m.body.subject === primary.id);
    expect(event.body.data).toMatchObject({
      ticketId: primary.id,
      radicado: primary.radicado,
      duplicateTicketId: duplicate.id,
      duplicateRadicado: duplicate.radicado,
      movedMessages: 3,
      movedAttachments: 1,
      receivedAt: DUPLICATE_RECEIVED,
      previousLegalDueAt: '2026-04-01T04:59:59.999Z',
      legalDueAt: '2026-03-21T04:59:59.999Z',
      mergedBy: agentA.id,
      requester: { email },
    });
    expect(event.raw.toString('utf8')).not.toContain('nota interna');
    const closed = await spy.waitForMessage((m) => m.routingKey === 'tickets.ticket.status_changed' && m.body.subject === duplicate.id);
    expect(closed.body.data).toMatchObject({ status: 'cerrado', changedBy: agentA.id });

    // The requester is told, in Spanish, which radicado stays, with the primary's tracking link.
    const [mail] = await world.platform.smtp.waitForMessages((m) => m.to.includes(email) && m.subject.includes('se unificó'), { timeoutMs: 20_000 });
    expect(mail!.subject).toBe(`Su PQR ${duplicate.radicado} se unificó con la PQR ${primary.radicado}`);
    expect(mail!.text).toContain(`Radicado que se conserva: ${primary.radicado}`);
    expect(mail!.text).toContain('viernes, 20 de marzo de 2026');
    expect(mail!.text).toContain(`${TRACKING_BASE}/${primary.radicado}?token=`);
    expect(mail!.text).not.toContain('nota interna');

    // With the token of that link the requester sees both public conversations, never the moved internal note.
    const token = new RegExp(`${TRACKING_BASE}/${primary.radicado}\\?token=([A-Za-z0-9_-]+)`).exec(mail!.text)![1]!;
    const page = await world.api.get(`/api/v1/public/tickets/${primary.radicado}?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.body.messages.map((m: { body: string }) => m.body)).toEqual([
      `**${duplicate.radicado}** — Contrato otra vez\n\nNecesito mi contrato.`,
      'P1: estamos buscando su contrato',
      'D1: adjunto el formato',
      'P2: ya casi',
    ]);
    expect(JSON.stringify(page.body)).not.toContain('nota interna');

    // Merged once: a second attempt is refused, naming where the duplicate went.
    const again = await world.api.post(`/api/v1/tickets/${primary.id}/merge`, { duplicateTicketId: duplicate.id, dryRun: true }, agentA.token);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ mergedIntoId: primary.id, mergedIntoRadicado: primary.radicado });
  });

  it('keeps the merged duplicate readable (closed, linked to the primary) for whoever could see it, in lists too, and read-only', async () => {
    const email = `ana-${randomUUID().slice(0, 8)}@cliente.test`;
    const requester = { name: 'Ana Gómez', documentType: 'CC', documentNumber: '5566778899', email };
    const primary = await t.createTicket(agentA.token, { teamId: teamA, assigneeId: agentA.id, requester, subject: 'Factura errada' });
    const duplicate = await t.createTicket(agentA.token, { teamId: teamA, assigneeId: agentA.id, requester, subject: 'Factura errada (otra vez)' });
    await say(duplicate.id, 'public', 'Le confirmamos que revisamos su factura');
    // The duplicate's own acuse de recibo carries its tracking link: the requester may keep using it.
    const [ack] = await world.platform.smtp.waitForMessages((m) => m.to.includes(email) && m.subject === `Acuse de recibo de su PQR ${duplicate.radicado}`, { timeoutMs: 20_000 });
    const oldToken = new RegExp(`${TRACKING_BASE}/${duplicate.radicado}\\?token=([A-Za-z0-9_-]+)`).exec(ack!.text)![1]!;

    const merged = await world.api.post(
      `/api/v1/tickets/${primary.id}/merge`,
      { duplicateTicketId: duplicate.id, version: (await read(primary.id)).version, duplicateVersion: (await read(duplicate.id)).version },
      agentA.token,
    );
    expect(merged.status).toBe(200);

    // Staff who could see the duplicate get it (200), closed, with the link to the ticket that stays.
    const seen = await world.api.get(`/api/v1/tickets/${duplicate.id}`, agentA.token);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      id: duplicate.id,
      radicado: duplicate.radicado,
      status: 'cerrado',
      resolution: `Fusionada con la PQR ${primary.radicado}.`,
      mergedIntoId: primary.id,
      mergedIntoRadicado: primary.radicado,
    });
    expect(await read(primary.id)).toMatchObject({ mergedIntoId: null, mergedIntoRadicado: null });
    // Its conversation lives in the primary now; its history says where it went.
    expect(await conversation(duplicate.id)).toEqual([]);
    expect((await conversation(primary.id)).map((m) => m.body)).toContain('Le confirmamos que revisamos su factura');
    const history = await world.api.get(`/api/v1/tickets/${duplicate.id}/history`, agentA.token);
    expect(history.status).toBe(200);
    expect(history.body.items).toContainEqual(
      expect.objectContaining({ kind: 'merged_into', details: expect.objectContaining({ primaryTicketId: primary.id, primaryRadicado: primary.radicado }) }),
    );
    // Nobody else sees it: another team's agent still gets 404.
    expect((await world.api.get(`/api/v1/tickets/${duplicate.id}`, agentB.token)).status).toBe(404);

    // Lists show it, closed and linked; `merged` and `mergedIntoId` filter them.
    const ids = async (query: string, token = agentA.token) => {
      const page = await world.api.get(`/api/v1/tickets?${query}`, token);
      expect(page.status).toBe(200);
      return (page.body.items as { id: string }[]).map((item) => item.id);
    };
    const search = `q=${encodeURIComponent('Factura errada')}&limit=200`;
    const listed = await world.api.get(`/api/v1/tickets?${search}`, agentA.token);
    expect(listed.body.items).toContainEqual(expect.objectContaining({ id: duplicate.id, status: 'cerrado', mergedIntoId: primary.id, mergedIntoRadicado: primary.radicado }));
    expect(await ids(`${search}&merged=false`)).toContain(primary.id);
    expect(await ids(`${search}&merged=false`)).not.toContain(duplicate.id);
    expect(await ids(`${search}&merged=true`)).toEqual([duplicate.id]);
    expect(await ids(`mergedIntoId=${primary.id}`)).toEqual([duplicate.id]);
    expect(await ids(`mergedIntoId=${primary.id}`, agentB.token)).toEqual([]);
    expect((await world.api.get('/api/v1/tickets?merged=maybe', agentA.token)).status).toBe(400);

    // Read-only: a change is 409 naming the ticket that stays, never a silent reopen.
    const version = seen.body.version as number;
    const reply = await world.api.post(`/api/v1/tickets/${duplicate.id}/messages`, { kind: 'public', body: '¿Sigue abierta?' }, agentA.token);
    expect(reply.status).toBe(409);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(reply.body).toMatchObject({ status: 409, mergedIntoId: primary.id, mergedIntoRadicado: primary.radicado, detail: expect.stringContaining(primary.radicado) });
    expect((await world.api.post(`/api/v1/tickets/${duplicate.id}/status`, { status: 'abierto', version }, agentA.token)).status).toBe(409);
    expect((await world.api.patch(`/api/v1/tickets/${duplicate.id}`, { priority: 'alta', version }, agentA.token)).status).toBe(409);
    expect((await world.api.post(`/api/v1/tickets/${duplicate.id}/assign`, { assigneeId: agentA.id, version }, agentA.token)).status).toBe(409);
    expect(await read(duplicate.id)).toMatchObject({ status: 'cerrado', version });

    // The requester's old tracking link tells the radicado that stays; no reply or rating there.
    const page = await world.api.get(`/api/v1/public/tickets/${duplicate.radicado}?token=${oldToken}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ radicado: duplicate.radicado, status: 'cerrado', mergedIntoRadicado: primary.radicado, canRate: false, messages: [] });
    const publicReply = await world.api.post(`/api/v1/public/tickets/${duplicate.radicado}/messages?token=${oldToken}`, { body: 'Hola, ¿alguna novedad?' });
    expect(publicReply.status).toBe(409);
    expect(publicReply.body).toMatchObject({ mergedIntoRadicado: primary.radicado, detail: expect.stringContaining(primary.radicado) });
    expect((await world.api.post(`/api/v1/public/tickets/${duplicate.radicado}/satisfaction?token=${oldToken}`, { rating: 5 })).status).toBe(409);
  });

  it('refuses tickets the caller cannot see (404) and tickets of different requesters (409)', async () => {
    const mine = await t.createTicket(agentA.token, { teamId: teamA, assigneeId: agentA.id });
    const theirs = await t.createTicket(agentB.token, { teamId: teamB, assigneeId: agentB.id });
    expect((await world.api.post(`/api/v1/tickets/${mine.id}/merge`, { duplicateTicketId: theirs.id, dryRun: true }, agentA.token)).status).toBe(404);
    expect((await world.api.post(`/api/v1/tickets/${theirs.id}/merge`, { duplicateTicketId: mine.id, dryRun: true }, agentA.token)).status).toBe(404);
    // A ticket of another tenant is invisible too.
    const other = await world.createTenant();
    const foreign = await t.createTicket(other.token, {});
    expect((await world.api.post(`/api/v1/tickets/${mine.id}/merge`, { duplicateTicketId: foreign.id, dryRun: true }, agentA.token)).status).toBe(404);

    const stranger = await t.createTicket(agentA.token, {
      teamId: teamA,
      assigneeId: agentA.id,
      requester: { name: 'Juan Ruiz', documentType: 'CC', documentNumber: '9988776655', email: `juan-${randomUUID().slice(0, 6)}@cliente.test` },
    });
    const refused = await world.api.post(`/api/v1/tickets/${mine.id}/merge`, { duplicateTicketId: stranger.id, dryRun: true }, agentA.token);
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
  });
});
