import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AmqpSpy, CrmWorld, type SpiedMessage, type WorldUser } from '@crm/testing';
import { TicketsWorld } from './tickets-world.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const SECRET_NOTE = 'NOTA-SECRETA-7731: el cliente pidió descuento especial';
const HOSTILE = [
  'Hola **María**, _gracias_ :smile: 🎉',
  '- revisamos la factura',
  '- aplicamos la nota crédito',
  '',
  '[guía](https://ayuda.example.co/guia) [clic](javascript:alert(1)) [x](data:text/html;base64,PHNjcmlwdD4=)',
  '<script>alert("xss")</script> <img src=x onerror=alert(1)>',
  '![rastreo](http://tracker.example/pixel.png)',
].join('\n');

/** Nothing in a rendered body may be a script, an image, an event handler or an unsafe link. */
function expectSafe(html: string) {
  expect(html).not.toMatch(/<script|<img|<iframe|<[a-z][^>]*\son\w+=|href="(?:javascript|data|vbscript):/i);
}

/**
 * Ticket chat through the gateway (issue #9 item 2): Markdown-style formatting rendered safely in
 * every view and in the replied event, attachments both ways, read receipts for staff and the
 * requester, internal notes announced without their body, and a tracking token that only opens
 * its own ticket's public conversation.
 */
describe('ticket chat: formatting, attachments, read receipts, notes', () => {
  let world: CrmWorld;
  let t: TicketsWorld;
  let spy: AmqpSpy;
  let portal: string;
  let agent: WorldUser;
  let outsider: WorldUser;

  const eventsFor = (type: string, ticketId: string) => spy.messages.filter((m: SpiedMessage) => m.routingKey === type && m.body.subject === ticketId);
  const file = async () => {
    const filed = await world.api.post('/api/v1/public/tickets', {
      portal,
      pqrClass: 'reclamo',
      subject: `Cobro doble ${randomUUID().slice(0, 6)}`,
      description: 'Me cobraron dos veces.',
      requester: { name: 'María Pérez Gómez', documentType: 'CC', documentNumber: '1020304050', email: `maria-${randomUUID().slice(0, 8)}@cliente.test` },
    });
    expect(filed.status).toBe(201);
    const { radicado, trackingToken } = filed.body as { radicado: string; trackingToken: string };
    const list = await world.api.get(`/api/v1/tickets?q=${radicado}`, world.adminToken);
    const id = (list.body.items as { id: string; radicado: string }[]).find((item) => item.radicado === radicado)!.id;
    return { id, radicado, token: trackingToken };
  };

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['tickets'] });
    t = new TicketsWorld(world);
    spy = await AmqpSpy.connect();
    await spy.listen(`${world.platform.amqpPrefix}crm.events`, 'tickets.#');
    portal = (await world.api.get('/api/v1/pqr-portal', world.adminToken)).body.portalKey;
    const team = await world.createTeam(`Chat ${randomUUID().slice(0, 4)}`);
    const otherTeam = await world.createTeam(`Otro ${randomUUID().slice(0, 4)}`);
    agent = await t.knownUser(['support'], [team], 'Laura Restrepo');
    outsider = await t.knownUser(['support'], [otherTeam], 'Pedro Otro');
  }, 120_000);

  afterAll(async () => {
    await spy?.close();
    await world?.stop();
  });

  it('renders formatting to safe HTML in the staff view, the public view and the replied event', async () => {
    const ticket = await file();
    await t.assign(world.adminToken, ticket.id, { assigneeId: agent.id });
    const posted = await world.api.post(`/api/v1/tickets/${ticket.id}/messages`, { kind: 'public', body: HOSTILE }, agent.token);
    expect(posted.status).toBe(201);
    expect(posted.body.body).toBe(HOSTILE);
    const html: string = posted.body.bodyHtml;
    expect(html).toContain('<strong>María</strong>');
    expect(html).toContain('<em>gracias</em> 😄 🎉');
    expect(html).toContain('<li>revisamos la factura</li>');
    expect(html).toContain('<a href="https://ayuda.example.co/guia" target="_blank" rel="noopener noreferrer nofollow">guía</a>');
    expect(html).toContain('&lt;script&gt;');
    expectSafe(html);

    const staff = await world.api.get(`/api/v1/tickets/${ticket.id}/messages`, agent.token);
    expect(staff.body.items[0].bodyHtml).toBe(html);
    const page = await world.api.get(`/api/v1/public/tickets/${ticket.radicado}?token=${ticket.token}`);
    expect(page.status).toBe(200);
    expect(page.body.messages[0]).toMatchObject({ from: 'staff', authorFirstName: 'Laura', body: HOSTILE, bodyHtml: html });

    const replied = await spy.waitForMessage((m) => m.routingKey === 'tickets.ticket.replied' && m.body.data.messageId === posted.body.id);
    expect(replied.body.data).toMatchObject({ bodyHtml: html, attachments: [], authorFirstName: 'Laura', authorKind: 'staff' });
    expectSafe(replied.body.data.bodyHtml);
  });

  it('carries files both ways: staff reply and requester reply; the requester downloads only public files of their ticket', async () => {
    const ticket = await file();
    const other = await file();
    await t.assign(world.adminToken, ticket.id, { assigneeId: agent.id });
    const staffForm = new FormData();
    staffForm.set('kind', 'public');
    staffForm.set('body', 'Adjunto la **nota crédito**.');
    staffForm.set('file', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), 'nota crédito.pdf');
    const staffReply = await world.api.request('POST', `/api/v1/tickets/${ticket.id}/messages`, { body: staffForm, token: agent.token });
    expect(staffReply.status).toBe(201);
    const noteForm = new FormData();
    noteForm.set('kind', 'internal');
    noteForm.set('body', SECRET_NOTE);
    noteForm.set('file', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), 'interno.pdf');
    const note = await world.api.request('POST', `/api/v1/tickets/${ticket.id}/messages`, { body: noteForm, token: agent.token });
    expect(note.status).toBe(201);
    const noteFileId = note.body.attachments[0].id as string;

    const replied = await spy.waitForMessage((m) => m.routingKey === 'tickets.ticket.replied' && m.body.data.messageId === staffReply.body.id);
    expect(replied.body.data.attachments).toEqual([{ id: staffReply.body.attachments[0].id, fileName: 'nota crédito.pdf', contentType: 'application/pdf', size: PDF.length }]);

    // The requester answers with a file from the tracking page (multipart: JSON in "message").
    const requesterForm = new FormData();
    requesterForm.set('message', JSON.stringify({ body: 'Va el *extracto* 👍' }));
    requesterForm.set('extracto', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), 'extracto.pdf');
    const answer = await fetch(`${world.platform.gatewayUrl}/api/v1/public/tickets/${ticket.radicado}/messages?token=${ticket.token}`, { method: 'POST', body: requesterForm });
    expect(answer.status).toBe(201);
    const answered = (await answer.json()) as { id: string; bodyHtml: string; attachments: { id: string; fileName: string }[] };
    expect(answered.bodyHtml).toBe('<p>Va el <em>extracto</em> 👍</p>');
    expect(answered.attachments).toEqual([expect.objectContaining({ fileName: 'extracto.pdf', contentType: 'application/pdf', sizeBytes: PDF.length })]);
    const fromRequester = await spy.waitForMessage((m) => m.routingKey === 'tickets.ticket.replied' && m.body.data.messageId === answered.id);
    expect(fromRequester.body.data).toMatchObject({ authorKind: 'requester', attachments: [expect.objectContaining({ fileName: 'extracto.pdf' })] });

    // The requester downloads the staff file; never the internal note's file, nor with another ticket's token.
    const page = await world.api.get(`/api/v1/public/tickets/${ticket.radicado}?token=${ticket.token}`);
    expect(page.body.messages.map((m: { attachments: { fileName: string }[] }) => m.attachments.map((a) => a.fileName))).toEqual([['nota crédito.pdf'], ['extracto.pdf']]);
    const staffFileId = page.body.messages[0].attachments[0].id as string;
    const link = await world.api.get(`/api/v1/public/tickets/${ticket.radicado}/attachments/${staffFileId}/download?token=${ticket.token}`);
    expect(link.status).toBe(200);
    expect(Buffer.from(await (await fetch(link.body.url)).arrayBuffer()).equals(PDF)).toBe(true);
    expect((await world.api.get(`/api/v1/public/tickets/${ticket.radicado}/attachments/${noteFileId}/download?token=${ticket.token}`)).status).toBe(404);
    expect((await world.api.get(`/api/v1/public/tickets/${ticket.radicado}/attachments/${staffFileId}/download?token=${other.token}`)).status).toBe(404);
    expect((await world.api.get(`/api/v1/public/tickets/${other.radicado}/attachments/${staffFileId}/download?token=${other.token}`)).status).toBe(404);

    // A disguised file is refused by its bytes on the public side too.
    const disguised = new FormData();
    disguised.set('message', JSON.stringify({ body: 'otro' }));
    disguised.set('f', new Blob([Buffer.from('<html><script>alert(1)</script></html>')], { type: 'application/pdf' }), 'factura.pdf');
    expect((await fetch(`${world.platform.gatewayUrl}/api/v1/public/tickets/${ticket.radicado}/messages?token=${ticket.token}`, { method: 'POST', body: disguised })).status).toBe(415);
  });

  it('announces an internal note without its body and never shows it publicly', async () => {
    const ticket = await file();
    await t.assign(world.adminToken, ticket.id, { assigneeId: agent.id });
    const note = await world.api.post(`/api/v1/tickets/${ticket.id}/messages`, { kind: 'internal', body: SECRET_NOTE }, agent.token);
    expect(note.status).toBe(201);
    const added = await spy.waitForMessage((m) => m.routingKey === 'tickets.note.added' && m.body.data.messageId === note.body.id);
    expect(added.body.data).toEqual({ tenantId: added.body.tenantid, ticketId: ticket.id, messageId: note.body.id, authorId: agent.id, createdAt: note.body.createdAt, contactId: null });
    const reply = await world.api.post(`/api/v1/tickets/${ticket.id}/messages`, { kind: 'public', body: 'Seguimos revisando.' }, agent.token);
    await spy.waitForMessage((m) => m.routingKey === 'tickets.ticket.replied' && m.body.data.messageId === reply.body.id);
    for (const event of spy.messages.filter((m) => m.body?.subject === ticket.id)) expect(event.raw.toString('utf8')).not.toContain('7731');
    const page = await world.api.get(`/api/v1/public/tickets/${ticket.radicado}?token=${ticket.token}`);
    expect(JSON.stringify(page.body)).not.toContain('7731');
    expect(JSON.stringify(page.body)).not.toContain(note.body.id);
    // An agent of another team does not see the note (nor the ticket).
    expect((await world.api.get(`/api/v1/tickets/${ticket.id}/messages`, outsider.token)).status).toBe(404);
  });

  it('records read receipts for staff and the requester, forward only, and publishes each move once', async () => {
    const ticket = await file();
    await t.assign(world.adminToken, ticket.id, { assigneeId: agent.id });
    const first = await world.api.post(`/api/v1/tickets/${ticket.id}/messages`, { kind: 'public', body: 'Primera respuesta' }, agent.token);
    const note = await world.api.post(`/api/v1/tickets/${ticket.id}/messages`, { kind: 'internal', body: SECRET_NOTE }, agent.token);

    // The requester reads: up to the latest PUBLIC message (the note does not exist for them).
    const requesterRead = await world.api.post(`/api/v1/public/tickets/${ticket.radicado}/read?token=${ticket.token}`, {});
    expect(requesterRead.status).toBe(200);
    expect(requesterRead.body.receipt).toMatchObject({ from: 'requester', firstName: 'María', lastReadMessageId: first.body.id });
    const readEvent = await spy.waitForMessage((m) => m.routingKey === 'tickets.conversation.read' && m.body.subject === ticket.id);
    expect(readEvent.body.data).toMatchObject({ ticketId: ticket.id, readerKind: 'requester', readerId: null, readerFirstName: 'María', lastReadMessageId: first.body.id });
    // Naming the internal note is refused for the requester.
    expect((await world.api.post(`/api/v1/public/tickets/${ticket.radicado}/read?token=${ticket.token}`, { messageId: note.body.id })).status).toBe(400);

    // The requester writes; the agent reads everything, including the note.
    const answer = await world.api.post(`/api/v1/public/tickets/${ticket.radicado}/messages?token=${ticket.token}`, { body: 'Gracias' });
    const staffRead = await world.api.post(`/api/v1/tickets/${ticket.id}/read`, {}, agent.token);
    expect(staffRead.status).toBe(200);
    expect(staffRead.body.receipt).toMatchObject({ readerKind: 'staff', readerId: agent.id, readerFirstName: 'Laura', lastReadMessageId: answer.body.id });
    // Reading an older message does not move it back, and publishes nothing more.
    const back = await world.api.post(`/api/v1/tickets/${ticket.id}/read`, { messageId: first.body.id }, agent.token);
    expect(back.body.receipt.lastReadMessageId).toBe(answer.body.id);
    await spy.waitForMessage((m) => m.routingKey === 'tickets.conversation.read' && m.body.data.readerKind === 'staff' && m.body.subject === ticket.id);
    const again = await world.api.post(`/api/v1/tickets/${ticket.id}/read`, {}, agent.token);
    expect(again.body.receipt.readAt).toBe(staffRead.body.receipt.readAt);

    const staffView = await world.api.get(`/api/v1/tickets/${ticket.id}/messages`, agent.token);
    expect(staffView.body.readReceipts).toEqual([
      expect.objectContaining({ readerKind: 'requester', lastReadMessageId: first.body.id }),
      expect.objectContaining({ readerKind: 'staff', readerId: agent.id, lastReadMessageId: answer.body.id }),
    ]);
    const page = await world.api.get(`/api/v1/public/tickets/${ticket.radicado}?token=${ticket.token}`);
    expect(page.body.readReceipts).toEqual([
      expect.objectContaining({ from: 'requester', firstName: 'María', lastReadMessageId: first.body.id }),
      expect.objectContaining({ from: 'staff', firstName: 'Laura', lastReadMessageId: answer.body.id }),
    ]);
    expect(JSON.stringify(page.body)).not.toContain(agent.id);

    // Another team's agent cannot mark it read; a wrong token is the same 404 as a missing radicado.
    expect((await world.api.post(`/api/v1/tickets/${ticket.id}/read`, {}, outsider.token)).status).toBe(404);
    const other = await file();
    expect((await world.api.post(`/api/v1/public/tickets/${ticket.radicado}/read?token=${other.token}`, {})).status).toBe(404);
    const otherPage = await world.api.get(`/api/v1/public/tickets/${other.radicado}?token=${other.token}`);
    expect(JSON.stringify(otherPage.body)).not.toContain('Primera respuesta');
    expect(eventsFor('tickets.conversation.read', ticket.id).length).toBe(2);
  });
});
