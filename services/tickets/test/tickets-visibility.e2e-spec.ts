import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { AmqpSpy, CrmWorld, type WorldUser } from '@crm/testing';
import { TicketsWorld } from './tickets-world.js';

/** A small but real PDF (header, one empty page, trailer). */
function pdfBytes(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
}

function form(fields: Record<string, string>, files: [Buffer, string][]): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  for (const [bytes, name] of files) body.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), name);
  return body;
}

const LIMIT = 64 * 1024;
const SECRET_NOTE = 'NOTA-INTERNA: el cliente tiene deuda vencida, no prometer devolución';

describe('ticket visibility, messages, attachments and exports through the gateway', () => {
  let world: CrmWorld;
  let t: TicketsWorld;
  let spy: AmqpSpy;
  let teamA: string;
  let teamB: string;
  let agentA: WorldUser;
  let agentB: WorldUser;
  let managerB: WorldUser;
  let ticketId: string;
  let radicado: string;

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['tickets'], env: { TICKET_ATTACHMENT_MAX_BYTES: String(LIMIT) } });
    t = new TicketsWorld(world);
    spy = await AmqpSpy.connect();
    await spy.listen(`${world.platform.amqpPrefix}crm.events`, 'tickets.#');
    teamA = await world.createTeam('Soporte Bogotá');
    teamB = await world.createTeam('Soporte Medellín');
    agentA = await t.knownUser(['support'], [teamA], 'Andrea Salazar');
    agentB = await t.knownUser(['support'], [teamB], 'Bruno Díaz');
    managerB = await world.createUser(['manager'], [teamB]);
    const ticket = await t.createTicket(world.adminToken, { teamId: teamA, subject: 'Factura con recargo indebido', description: '=HYPERLINK("http://evil.example","clic")' });
    ticketId = ticket.id;
    radicado = ticket.radicado;
  }, 120_000);

  afterAll(async () => {
    await spy?.close();
    await world?.stop();
  });

  it('lets the team see the ticket and hides it (404) from another team, on every route', async () => {
    expect((await world.api.get(`/api/v1/tickets/${ticketId}`, agentA.token)).status).toBe(200);
    for (const token of [agentB.token, managerB.token]) {
      for (const path of [
        `/api/v1/tickets/${ticketId}`,
        `/api/v1/tickets/${ticketId}/messages`,
        `/api/v1/tickets/${ticketId}/attachments`,
        `/api/v1/tickets/${ticketId}/history`,
        `/api/v1/tickets/${ticketId}/assignments`,
      ]) {
        const response = await world.api.get(path, token);
        expect({ path, status: response.status }).toEqual({ path, status: 404 });
      }
      const post = await world.api.post(`/api/v1/tickets/${ticketId}/messages`, { kind: 'public', body: 'hola' }, token);
      expect(post.status).toBe(404);
      const status = await world.api.post(`/api/v1/tickets/${ticketId}/status`, { status: 'en_proceso', version: 1 }, token);
      expect(status.status).toBe(404);
      const list = await world.api.get(`/api/v1/tickets?q=${radicado}`, token);
      expect(list.body.items).toEqual([]);
      const csv = await world.api.get(`/api/v1/tickets/export?format=csv`, token);
      expect(csv.status).toBe(200);
      expect(String(csv.body)).not.toContain(radicado);
    }
    const teamList = await world.api.get(`/api/v1/tickets?q=${radicado}`, agentA.token);
    expect(teamList.body.items.map((x: { id: string }) => x.id)).toEqual([ticketId]);
    const otherTenant = await world.createTenant();
    expect((await world.api.get(`/api/v1/tickets/${ticketId}`, otherTenant.token)).status).toBe(404);
  });

  it('an agent of another team sees the ticket once it is assigned to them', async () => {
    const ticket = await t.createTicket(world.adminToken, { teamId: teamA, subject: 'Reasignación entre equipos' });
    expect((await world.api.get(`/api/v1/tickets/${ticket.id}`, agentB.token)).status).toBe(404);
    const assigned = await t.assign(world.adminToken, ticket.id, { assigneeId: agentB.id });
    expect(assigned.assigneeId).toBe(agentB.id);
    expect((await world.api.get(`/api/v1/tickets/${ticket.id}`, agentB.token)).status).toBe(200);
    const history = await world.api.get(`/api/v1/tickets/${ticket.id}/assignments`, world.adminToken);
    expect(history.body.items).toEqual([expect.objectContaining({ kind: 'assigned', details: expect.objectContaining({ from: null, to: agentB.id, via: 'manual' }) })]);
  });

  it('keeps the conversation in order; a public reply is published, an internal note only announced without its body', async () => {
    const reply = await world.api.post(`/api/v1/tickets/${ticketId}/messages`, { kind: 'public', body: 'Estamos revisando su factura.' }, agentA.token);
    expect(reply.status).toBe(201);
    const note = await world.api.post(`/api/v1/tickets/${ticketId}/messages`, { kind: 'internal', body: SECRET_NOTE }, agentA.token);
    expect(note.status).toBe(201);
    const second = await world.api.post(`/api/v1/tickets/${ticketId}/messages`, { kind: 'public', body: 'Ya aplicamos la nota crédito.' }, world.adminToken);
    expect(second.status).toBe(201);

    const history = await world.api.get(`/api/v1/tickets/${ticketId}/messages`, agentA.token);
    expect(history.body.items.map((m: { kind: string; body: string }) => [m.kind, m.body])).toEqual([
      ['public', 'Estamos revisando su factura.'],
      ['internal', SECRET_NOTE],
      ['public', 'Ya aplicamos la nota crédito.'],
    ]);
    const replied = await spy.waitForMessage((m) => m.routingKey === 'tickets.ticket.replied' && m.body.data.messageId === second.body.id);
    expect(replied.body.data).toMatchObject({
      ticketId,
      radicado,
      body: 'Ya aplicamos la nota crédito.',
      authorKind: 'staff',
      requester: { name: 'María Pérez', email: 'maria.perez@example.com', language: 'es' },
    });
    const ticket = await world.api.get(`/api/v1/tickets/${ticketId}`, agentA.token);
    expect(ticket.body.firstRespondedAt).toBe(reply.body.createdAt);

    const bad = await world.api.post(`/api/v1/tickets/${ticketId}/messages`, { kind: 'secreto', body: 'x' }, agentA.token);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('kind');
    const extra = await world.api.post(`/api/v1/tickets/${ticketId}/messages`, { kind: 'public', body: 'x', authorId: agentB.id }, agentA.token);
    expect(extra.status).toBe(400);
    expect(extra.body.errors[0].field).toBe('authorId');

    // Everything the service published about this ticket so far: no internal note anywhere.
    await spy.waitForMessage((m) => m.routingKey === 'tickets.ticket.replied' && m.body.data.messageId === reply.body.id);
    await spy.waitForMessage((m) => m.routingKey === 'tickets.note.added' && m.body.data.messageId === note.body.id);
    const published = spy.messages.filter((m) => m.body?.subject === ticketId);
    expect(published.length).toBeGreaterThanOrEqual(3);
    for (const message of published) expect(message.raw.toString('utf8')).not.toContain('NOTA-INTERNA');
    // The note is only announced (tickets.note.added, for the staff's live view): ids, no body.
    const aboutNote = published.filter((m) => m.body.data?.messageId === note.body.id);
    expect(aboutNote.map((m) => m.routingKey)).toEqual(['tickets.note.added']);
    expect(Object.keys(aboutNote[0]!.body.data).sort()).toEqual(['authorId', 'contactId', 'createdAt', 'messageId', 'tenantId', 'ticketId']);
  });

  it('stores attachments judged by their bytes, with limits, visible only with the ticket', async () => {
    const upload = await world.api.request('POST', `/api/v1/tickets/${ticketId}/messages`, {
      body: form({ kind: 'public', body: 'Adjunto la nota crédito.' }, [[pdfBytes(), 'nota crédito.pdf']]),
      token: agentA.token,
    });
    expect(upload.status).toBe(201);
    expect(upload.body.attachments).toEqual([expect.objectContaining({ fileName: 'nota crédito.pdf', contentType: 'application/pdf', sizeBytes: pdfBytes().length })]);
    const attachmentId = upload.body.attachments[0].id;
    const link = await world.api.get(`/api/v1/tickets/${ticketId}/attachments/${attachmentId}/download`, agentA.token);
    expect(link.status).toBe(200);
    const download = await fetch(link.body.url);
    expect(Buffer.from(await download.arrayBuffer()).equals(pdfBytes())).toBe(true);
    expect((await world.api.get(`/api/v1/tickets/${ticketId}/attachments/${attachmentId}/download`, agentB.token)).status).toBe(404);

    const html = Buffer.from('<!doctype html><html><script>alert(1)</script></html>');
    const disguised = await world.api.request('POST', `/api/v1/tickets/${ticketId}/attachments`, { body: form({}, [[html, 'factura.pdf']]), token: agentA.token });
    expect(disguised.status).toBe(415);
    const big = await world.api.request('POST', `/api/v1/tickets/${ticketId}/attachments`, {
      body: form({}, [[Buffer.concat([pdfBytes(), Buffer.alloc(LIMIT, 0x20)]), 'grande.pdf']]),
      token: agentA.token,
    });
    expect(big.status).toBe(413);
    const ticketFile = await world.api.request('POST', `/api/v1/tickets/${ticketId}/attachments`, { body: form({}, [[pdfBytes(), 'radicado firmado.pdf']]), token: agentA.token });
    expect(ticketFile.status).toBe(201);
    const files = await world.api.get(`/api/v1/tickets/${ticketId}/attachments`, agentA.token);
    expect(files.body.items.map((f: { fileName: string }) => f.fileName)).toEqual(['nota crédito.pdf', 'radicado firmado.pdf']);
  });

  it('exports CSV and XLSX without internal notes and with formula cells neutralised', async () => {
    const csv = await world.api.get(`/api/v1/tickets/export?format=csv&q=${radicado}`, agentA.token);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = String(csv.body);
    expect(text).toContain(radicado);
    expect(text).toContain('Radicado;Clase;Categoría');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""clic"")"`);
    expect(text).not.toContain('NOTA-INTERNA');
    expect(text).not.toContain('Ya aplicamos la nota crédito');

    const response = await fetch(`${world.api.baseUrl}/api/v1/tickets/export?format=xlsx&q=${radicado}`, { headers: { authorization: `Bearer ${agentA.token}`, 'accept-language': 'en' } });
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const rows = workbook.worksheets[0].getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0]).toContain('Filing number');
    const cells = rows.flat().map(String);
    expect(cells).toContain(radicado);
    expect(cells).toContain('Claim');
    expect(cells).toContain('\'=HYPERLINK("http://evil.example","clic")');
    expect(cells.join(' ')).not.toContain('NOTA-INTERNA');
  });
});
