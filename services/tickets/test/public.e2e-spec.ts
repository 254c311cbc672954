import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CrmWorld, waitFor, type WorldUser } from '@crm/testing';
import { TicketsWorld } from './tickets-world.js';

const TRACKING_BASE = 'https://pqr.example.co/seguimiento';

/**
 * The public side of PQRs, through the gateway with no token: filing, the acuse de recibo
 * e-mail (loopback SMTP), tracking with the token, the requester's reply, close, CSAT once,
 * and the unknown requester appearing in the contacts directory.
 */
describe('public PQR filing, tracking and satisfaction', () => {
  let world: CrmWorld;
  let portal: string;
  let agent: WorldUser;

  const filing = (overrides: Record<string, unknown> = {}) => ({
    portal,
    pqrClass: 'reclamo',
    subject: 'Cobro doble en la factura de marzo',
    description: 'Me cobraron dos veces el servicio de marzo.\nAdjunto el extracto.',
    requester: { name: 'María Pérez Gómez', documentType: 'CC', documentNumber: '1020304050', email: `maria-${randomUUID().slice(0, 8)}@cliente.test`, phone: '+57 300 123 4567' },
    ...overrides,
  });
  const track = (radicado: string, token: string) => world.api.get(`/api/v1/public/tickets/${radicado}?token=${encodeURIComponent(token)}`);

  /** The staff view of a public ticket, found by its radicado. */
  async function staffTicket(radicado: string) {
    const list = await world.api.get(`/api/v1/tickets?q=${encodeURIComponent(radicado)}`, world.adminToken);
    expect(list.status).toBe(200);
    const found = (list.body.items as { id: string; radicado: string }[]).find((item) => item.radicado === radicado);
    expect(found).toBeDefined();
    return (await world.api.get(`/api/v1/tickets/${found!.id}`, world.adminToken)).body as { id: string; version: number; contactId: string | null; assigneeId: string | null };
  }

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['tickets', 'notifications', 'contacts'], env: { PUBLIC_TRACKING_URL_BASE: TRACKING_BASE } });
    const settings = await world.api.get('/api/v1/pqr-portal', world.adminToken);
    expect(settings.status).toBe(200);
    portal = settings.body.portalKey;
    const team = await world.createTeam(`Atención ${randomUUID().slice(0, 4)}`);
    agent = await world.createUser(['support'], [team], { name: 'Laura Restrepo' });
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('files anonymously, e-mails the acuse, tracks the public reply but never the internal note, closes and rates once', async () => {
    const form = await world.api.get(`/api/v1/public/tickets/portal/${portal}`);
    expect(form.status).toBe(200);
    const billing = (form.body.categories as { id: string; name: string }[]).find((c) => c.name === 'Facturación');
    expect(billing).toBeDefined();
    expect(form.body.pqrClasses).toContainEqual({ value: 'reclamo', label: 'Reclamo' });

    const body = filing({ categoryId: billing!.id });
    const filed = await world.api.post('/api/v1/public/tickets', body);
    expect(filed.status).toBe(201);
    expect(filed.body.radicado).toMatch(/^PQR-\d{4}-\d{6}$/);
    expect(filed.body.trackingToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(Object.keys(filed.body).sort()).toEqual(['legalDueAt', 'radicado', 'trackingToken', 'trackingUrl']);
    const { radicado, trackingToken, legalDueAt } = filed.body as { radicado: string; trackingToken: string; legalDueAt: string };
    // A reclamo: 15 business days, due at the end of a day in Bogotá (23:59:59.999 local = 04:59:59.999Z).
    expect(legalDueAt).toMatch(/T04:59:59\.999Z$/);
    const dueDay = new Intl.DateTimeFormat('es-CO', { dateStyle: 'full', timeZone: 'America/Bogota' }).format(new Date(legalDueAt));

    // The acuse de recibo, read from the SMTP server: radicado, due date and the link with the token.
    const [ack] = await world.platform.smtp.waitForMessages((m) => m.to.includes(body.requester.email), { timeoutMs: 20_000 });
    expect(ack!.subject).toBe(`Acuse de recibo de su PQR ${radicado}`);
    expect(ack!.text).toContain(`Radicado: ${radicado}`);
    expect(ack!.text).toContain(`${TRACKING_BASE}/${radicado}?token=${trackingToken}`);
    expect(ack!.text).toContain(`a más tardar el ${dueDay}`);

    // Staff: the agent gets the ticket, replies publicly and writes an internal note.
    const ticket = await staffTicket(radicado);
    await waitFor(
      async () => {
        const version = (await world.api.get(`/api/v1/tickets/${ticket.id}`, world.adminToken)).body.version;
        return (await world.api.post(`/api/v1/tickets/${ticket.id}/assign`, { assigneeId: agent.id, version }, world.adminToken)).status === 200;
      },
      { timeoutMs: 15_000, description: 'tickets to learn the agent and assign' },
    );
    const publicReply = await world.api.post(`/api/v1/tickets/${ticket.id}/messages`, { kind: 'public', body: 'Revisamos su factura: le devolveremos el cobro doble.' }, agent.token);
    expect(publicReply.status).toBe(201);
    const note = await world.api.post(`/api/v1/tickets/${ticket.id}/messages`, { kind: 'internal', body: 'Nota interna: cliente difícil, código 4471.' }, agent.token);
    expect(note.status).toBe(201);

    const page = await track(radicado, trackingToken);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      radicado,
      legalDueAt,
      legalState: 'on_time',
      status: 'abierto',
      statusLabel: 'Abierto',
      pqrClass: 'reclamo',
      category: 'Facturación',
      subject: body.subject,
      canRate: false,
      satisfaction: null,
    });
    expect(page.body.messages).toEqual([expect.objectContaining({ from: 'staff', authorFirstName: 'Laura', body: 'Revisamos su factura: le devolveremos el cobro doble.' })]);
    const raw = JSON.stringify(page.body);
    expect(raw).not.toContain('4471');
    expect(raw).not.toContain('Restrepo');
    expect(raw).not.toContain(agent.id);

    // The reply reached the requester by e-mail too.
    const [replyMail] = await world.platform.smtp.waitForMessages((m) => m.to.includes(body.requester.email) && m.subject.startsWith('Respuesta a su PQR'), { timeoutMs: 20_000 });
    expect(replyMail!.subject).toBe(`Respuesta a su PQR ${radicado}: ${body.subject}`);
    expect(replyMail!.text).toContain('Laura respondió');
    expect(replyMail!.text).not.toContain('4471');

    // The requester answers on the public page; staff see it in the conversation.
    const answer = await world.api.post(`/api/v1/public/tickets/${radicado}/messages?token=${trackingToken}`, { body: 'Gracias, quedo atenta.' });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ from: 'requester', authorFirstName: null, body: 'Gracias, quedo atenta.' });
    const conversation = await world.api.get(`/api/v1/tickets/${ticket.id}/messages`, agent.token);
    expect(conversation.body.items.map((m: { authorKind: string; kind: string }) => `${m.kind}/${m.authorKind}`)).toEqual(['public/staff', 'internal/staff', 'public/requester']);

    // Rating an open PQR is refused; after closing, once.
    const early = await world.api.post(`/api/v1/public/tickets/${radicado}/satisfaction?token=${trackingToken}`, { rating: 5 });
    expect(early.status).toBe(409);
    const current = await world.api.get(`/api/v1/tickets/${ticket.id}`, agent.token);
    const closed = await world.api.post(`/api/v1/tickets/${ticket.id}/status`, { status: 'cerrado', resolution: 'Se reembolsó el cobro doble.', version: current.body.version }, agent.token);
    expect(closed.status).toBe(200);
    const [survey] = await world.platform.smtp.waitForMessages((m) => m.to.includes(body.requester.email) && m.subject.includes('fue cerrada'), { timeoutMs: 20_000 });
    expect(survey!.text).toContain(`${TRACKING_BASE}/${radicado}/satisfaccion?token=${trackingToken}`);

    const rated = await world.api.post(`/api/v1/public/tickets/${radicado}/satisfaction?token=${trackingToken}`, { rating: 4, comment: 'Rápidos y amables.' });
    expect(rated.status).toBe(201);
    expect(rated.body).toMatchObject({ rating: 4, comment: 'Rápidos y amables.' });
    const again = await world.api.post(`/api/v1/public/tickets/${radicado}/satisfaction?token=${trackingToken}`, { rating: 1 });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    const after = await track(radicado, trackingToken);
    expect(after.body).toMatchObject({ status: 'cerrado', resolution: 'Se reembolsó el cobro doble.', canRate: false, satisfaction: { rating: 4, comment: 'Rápidos y amables.' } });
    const history = await world.api.get(`/api/v1/tickets/${ticket.id}/history`, world.adminToken);
    expect(JSON.stringify(history.body)).toContain('satisfaction_recorded');
    // Staff see it with the ticket's outcome: answered within the legal term, SLA met or breached.
    const stored = await world.api.get(`/api/v1/tickets/${ticket.id}/satisfaction`, agent.token);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ rating: 4, comment: 'Rápidos y amables.', legalOutcome: 'answered_on_time' });
    expect(['met', 'breached']).toContain(stored.body.slaOutcome);

    // The unknown requester became a contact (source PQR), and the ticket points at it.
    const contact = await waitFor(
      async () => {
        const found = await world.api.get(`/api/v1/contacts?q=${encodeURIComponent(body.requester.email)}`, world.adminToken);
        return (found.body.items as { id: string; email: string; sourceId: string | null; lifecycle: string; displayName: string }[] | undefined)?.find(
          (c) => c.email === body.requester.email,
        );
      },
      { timeoutMs: 20_000, description: 'the requester in the contacts directory' },
    );
    expect(contact).toMatchObject({ lifecycle: 'contact', displayName: 'María Pérez Gómez' });
    const sources = await world.api.get('/api/v1/sources?limit=100', world.adminToken);
    const pqrSource = (sources.body.items as { id: string; name: string }[]).find((s) => s.name === 'PQR');
    expect(pqrSource).toBeDefined();
    expect(contact.sourceId).toBe(pqrSource!.id);
    await waitFor(async () => (await staffTicket(radicado)).contactId === contact.id, { timeoutMs: 20_000, description: 'the ticket linked to the contact' });
  });

  it('links a second PQR of the same e-mail to the same contact instead of creating another', async () => {
    const first = filing();
    const a = await world.api.post('/api/v1/public/tickets', first);
    expect(a.status).toBe(201);
    const linked = async (radicado: string) =>
      waitFor(
        async () => {
          const ticket = await staffTicket(radicado);
          return ticket.contactId ? ticket : undefined;
        },
        { timeoutMs: 20_000, description: `${radicado} linked` },
      );
    const ta = await linked(a.body.radicado);
    const b = await world.api.post('/api/v1/public/tickets', filing({ requester: { ...first.requester, email: first.requester.email.toUpperCase() } }));
    expect(b.status).toBe(201);
    const tb = await linked(b.body.radicado);
    expect(tb.contactId).toBe(ta.contactId);
    const found = await world.api.get(`/api/v1/contacts?q=${encodeURIComponent(first.requester.email)}`, world.adminToken);
    expect(found.body.items).toHaveLength(1);
  });

  it('answers a wrong token exactly like a missing radicado: 404', async () => {
    const filed = await world.api.post('/api/v1/public/tickets', filing());
    const other = await world.api.post('/api/v1/public/tickets', filing());
    const { radicado, trackingToken } = filed.body as { radicado: string; trackingToken: string };
    const wrong = await track(radicado, `${trackingToken.slice(0, -2)}xx`);
    const missing = await track('PQR-2099-999999', trackingToken);
    const crossed = await track(radicado, other.body.trackingToken);
    const none = await world.api.get(`/api/v1/public/tickets/${radicado}`);
    for (const response of [wrong, missing, crossed, none]) {
      expect(response.status).toBe(404);
      expect(response.body.detail).toBe(missing.body.detail);
    }
    expect((await world.api.post(`/api/v1/public/tickets/${radicado}/messages?token=bad-token-bad-token-00`, { body: 'hola' })).status).toBe(404);
    expect((await world.api.post(`/api/v1/public/tickets/${radicado}/satisfaction?token=${other.body.trackingToken}`, { rating: 5 })).status).toBe(404);
    expect((await track(radicado, trackingToken)).status).toBe(200);
  });

  it('refuses what the public may not send and stores nothing', async () => {
    const before = await world.api.get('/api/v1/tickets?limit=100', world.adminToken);
    const cases: [Record<string, unknown>, number, string | null][] = [
      [filing({ priority: 'alta' }), 400, 'priority'],
      [filing({ assigneeId: agent.id }), 400, 'assigneeId'],
      [filing({ requester: { name: 'Ana', email: 'no-es-correo' } }), 400, 'requester.email'],
      [filing({ requester: { name: 'Ana', email: 'ana@cliente.test', role: 'admin' } }), 400, 'requester.role'],
      [filing({ pqrClass: 'chisme' }), 400, 'pqrClass'],
      [filing({ website_url: 'http://spam.example' }), 400, null],
      [filing({ portal: 'x'.repeat(32) }), 404, null],
    ];
    for (const [payload, status, field] of cases) {
      const response = await world.api.post('/api/v1/public/tickets', payload);
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      if (field) expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const after = await world.api.get('/api/v1/tickets?limit=100', world.adminToken);
    expect(after.body.items.length).toBe(before.body.items.length);
  });

  it('lets the admin close the portal, reopen it and rotate its key (others 403)', async () => {
    const current = await world.api.get('/api/v1/pqr-portal', world.adminToken);
    expect((await world.api.get('/api/v1/pqr-portal', agent.token)).status).toBe(403);
    const closed = await world.api.patch('/api/v1/pqr-portal', { active: false, version: current.body.version }, world.adminToken);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ active: false, portalKey: current.body.portalKey, version: current.body.version + 1 });
    expect((await world.api.post('/api/v1/public/tickets', filing())).status).toBe(404);
    const stale = await world.api.patch('/api/v1/pqr-portal', { active: true, version: current.body.version }, world.adminToken);
    expect(stale.status).toBe(412);
    const reopened = await world.api.patch('/api/v1/pqr-portal', { active: true, version: closed.body.version }, world.adminToken);
    expect(reopened.body).toMatchObject({ active: true, version: closed.body.version + 1 });
    const rotated = await world.api.post('/api/v1/pqr-portal/rotate-key', { version: reopened.body.version }, world.adminToken);
    expect(rotated.status).toBe(200);
    expect(rotated.body.portalKey).not.toBe(current.body.portalKey);
    expect((await world.api.post('/api/v1/public/tickets', filing())).status).toBe(404);
    portal = rotated.body.portalKey;
    expect((await world.api.post('/api/v1/public/tickets', filing())).status).toBe(201);
  });

  it('keeps the version staff saw at filing when contacts links the requester (no 412 for a system projection)', async () => {
    const filed = await world.api.post('/api/v1/public/tickets', filing());
    expect(filed.status).toBe(201);
    const linked = await waitFor(
      async () => {
        const current = await staffTicket(filed.body.radicado);
        return current.contactId ? current : undefined;
      },
      { timeoutMs: 20_000, description: 'the requester linked' },
    );
    expect(linked.version).toBe(1);
    const history = await world.api.get(`/api/v1/tickets/${linked.id}/history`, world.adminToken);
    expect(JSON.stringify(history.body)).toContain('requester_linked');
    // The edit staff started from the freshly filed ticket (version 1) still applies.
    const edit = await world.api.patch(`/api/v1/tickets/${linked.id}`, { priority: 'alta', version: 1 }, world.adminToken);
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ priority: 'alta', version: 2, contactId: linked.contactId });
  });

  it('brings a Pendiente ticket back to En proceso when the requester answers', async () => {
    const filed = await world.api.post('/api/v1/public/tickets', filing());
    const { radicado, trackingToken } = filed.body as { radicado: string; trackingToken: string };
    // After contacts linked the requester.
    const ticket = await waitFor(
      async () => {
        const current = await staffTicket(radicado);
        return current.contactId ? current : undefined;
      },
      { timeoutMs: 20_000, description: 'the requester linked' },
    );
    const pending = await world.api.post(`/api/v1/tickets/${ticket.id}/status`, { status: 'pendiente', version: ticket.version }, world.adminToken);
    expect(pending.status).toBe(200);
    const answer = await world.api.post(`/api/v1/public/tickets/${radicado}/messages?token=${trackingToken}`, { body: 'Adjunto lo que faltaba.' });
    expect(answer.status).toBe(201);
    const after = await world.api.get(`/api/v1/tickets/${ticket.id}`, world.adminToken);
    expect(after.body).toMatchObject({ status: 'en_proceso', version: pending.body.version + 1 });
    const history = await world.api.get(`/api/v1/tickets/${ticket.id}/history`, world.adminToken);
    expect(JSON.stringify(history.body)).toContain('requester_reply');
  });

  it('asks the petitioner to complete a suspended PQR (art. 17) and resumes the term when they answer', async () => {
    const body = filing();
    const filed = await world.api.post('/api/v1/public/tickets', body);
    const { radicado, trackingToken } = filed.body as { radicado: string; trackingToken: string };
    const ticket = await staffTicket(radicado);
    const suspended = await world.api.post(`/api/v1/tickets/${ticket.id}/legal-suspension`, { reason: 'Adjunte la factura de marzo.' }, world.adminToken);
    expect(suspended.status).toBe(200);
    expect((await track(radicado, trackingToken)).body.legalState).toBe('suspended');
    const [request] = await world.platform.smtp.waitForMessages((m) => m.to.includes(body.requester.email) && m.subject.startsWith('Necesitamos'), { timeoutMs: 20_000 });
    expect(request!.text).toContain('> Adjunte la factura de marzo.');
    expect(request!.text).toContain(`${TRACKING_BASE}/${radicado}?token=${trackingToken}`);

    const answer = await world.api.post(`/api/v1/public/tickets/${radicado}/messages?token=${trackingToken}`, { body: 'Adjunto la factura.' });
    expect(answer.status).toBe(201);
    const page = await track(radicado, trackingToken);
    expect(page.body.legalState).not.toBe('suspended');
    expect(page.body.legalDueAt).not.toBeNull();
    const history = await world.api.get(`/api/v1/tickets/${ticket.id}/history`, world.adminToken);
    expect(JSON.stringify(history.body)).toContain('legal_resumed');
  });

  it('accepts attachments with a multipart filing and shows them to staff', async () => {
    const body = filing();
    const form = new FormData();
    form.set('ticket', JSON.stringify(body));
    form.set('extracto', new Blob([Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')], { type: 'application/pdf' }), 'extracto.pdf');
    const response = await fetch(`${world.platform.gatewayUrl}/api/v1/public/tickets`, { method: 'POST', body: form });
    expect(response.status).toBe(201);
    const { radicado } = (await response.json()) as { radicado: string };
    const ticket = await staffTicket(radicado);
    const files = await world.api.get(`/api/v1/tickets/${ticket.id}/attachments`, world.adminToken);
    expect(files.body.items).toEqual([expect.objectContaining({ fileName: 'extracto.pdf', contentType: 'application/pdf' })]);
  });
  it("hands PQRs filed at once into the portal's team to its agents in turn, each with its own radicado", async () => {
    // Filing into a team with a rule picks the agent first, so the creation is a transaction (not
    // the radicado's statement alone, as for the filings above).
    const team = await world.createTeam(`Turnos ${randomUUID().slice(0, 4)}`);
    const agents = [await new TicketsWorld(world).knownUser(['support'], [team], 'Ana Uno'), await new TicketsWorld(world).knownUser(['support'], [team], 'Beto Dos')];
    const rule = await world.api.request('PUT', `/api/v1/tickets/assignment-rules/${team}`, { body: { strategy: 'round_robin' }, token: world.adminToken });
    expect(rule.status).toBe(200);
    const settings = await world.api.get('/api/v1/pqr-portal', world.adminToken);
    const routed = await world.api.patch('/api/v1/pqr-portal', { teamId: team, version: settings.body.version }, world.adminToken);
    expect(routed.status).toBe(200);
    try {
      const filed = await Promise.all(Array.from({ length: 4 }, (_, i) => world.api.post('/api/v1/public/tickets', filing({ subject: `Turno público ${i}` }))));
      expect(filed.map((response) => response.status)).toEqual([201, 201, 201, 201]);
      const radicados = filed.map((response) => response.body.radicado as string);
      expect(new Set(radicados).size).toBe(4);
      const assignees = await Promise.all(radicados.map(async (radicado) => (await staffTicket(radicado)).assigneeId));
      const perAgent = agents.map((agent) => assignees.filter((id) => id === agent.id).length);
      expect(perAgent).toEqual([2, 2]);
    } finally {
      const current = await world.api.get('/api/v1/pqr-portal', world.adminToken);
      expect((await world.api.patch('/api/v1/pqr-portal', { teamId: null, version: current.body.version }, world.adminToken)).status).toBe(200);
    }
  });
});
