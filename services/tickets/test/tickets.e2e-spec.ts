import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AmqpSpy, CrmWorld } from '@crm/testing';
import { TicketsWorld } from './tickets-world.js';

describe('PQR tickets through the gateway: radicado, categories, lists, changes', () => {
  let world: CrmWorld;
  let t: TicketsWorld;
  let spy: AmqpSpy;

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['tickets'] });
    t = new TicketsWorld(world);
    spy = await AmqpSpy.connect();
    await spy.listen(`${world.platform.amqpPrefix}crm.events`, 'tickets.ticket.created');
  }, 120_000);

  afterAll(async () => {
    await spy?.close();
    await world?.stop();
  });

  it('registers a PQR with a radicado of the year, defaults and the reception time given by staff', async () => {
    const receivedAt = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const response = await world.api.post(
      '/api/v1/tickets',
      {
        pqrClass: 'queja',
        channel: 'telefono',
        subject: 'Atención telefónica deficiente',
        description: 'Llamé tres veces y nadie contestó.',
        requester: { name: 'Carlos Gómez', documentType: 'CC', documentNumber: '79888777', phone: '+57 310 555 1234' },
        tags: ['llamadas'],
        receivedAt,
      },
      world.adminToken,
    );
    expect(response.status).toBe(201);
    const year = new Intl.DateTimeFormat('en', { timeZone: 'America/Bogota', year: 'numeric' }).format(new Date());
    expect(response.body.radicado).toMatch(new RegExp(`^PQR-${year}-\\d{6}$`));
    expect(response.body).toMatchObject({ pqrClass: 'queja', priority: 'media', status: 'abierto', channel: 'telefono', receivedAt, tags: ['llamadas'], version: 1 });
    expect(response.body.requester).toMatchObject({ name: 'Carlos Gómez', documentType: 'CC', documentNumber: '79888777', email: null, language: 'es' });
    expect(response.headers.get('location')).toBe(`/api/v1/tickets/${response.body.id}`);
    expect(response.headers.get('etag')).toBe('"1"');

    const read = await world.api.get(`/api/v1/tickets/${response.body.id}`, world.adminToken);
    expect(read.status).toBe(200);
    expect(read.body.radicado).toBe(response.body.radicado);
    // The clocks (tickets-time) started in the same transaction: a queja has 15 business days.
    expect(new Date(read.body.legalDueAt).getTime()).toBeGreaterThan(Date.parse(receivedAt) + 15 * 86_400_000);
    expect(read.body.legalState).toMatch(/^(on_time|due_soon)$/);
  });

  it('filters by the legal clock: overdue and due before', async () => {
    const old = await t.createTicket(world.adminToken, {
      pqrClass: 'peticion_documentos',
      subject: 'Recibida hace dos meses',
      receivedAt: new Date(Date.now() - 60 * 86_400_000).toISOString(),
    });
    const fresh = await t.createTicket(world.adminToken, { subject: 'Recibida hoy' });
    const overdue = await world.api.get('/api/v1/tickets?overdue=true&limit=200', world.adminToken);
    expect(overdue.status).toBe(200);
    const overdueIds = overdue.body.items.map((x: { id: string }) => x.id);
    expect(overdueIds).toContain(old.id);
    expect(overdueIds).not.toContain(fresh.id);
    const oldView = overdue.body.items.find((x: { id: string }) => x.id === old.id);
    expect(oldView.legalState).toBe('overdue');
    const dueSoon = await world.api.get(`/api/v1/tickets?dueBefore=${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}&limit=200`, world.adminToken);
    expect(dueSoon.body.items.map((x: { id: string }) => x.id)).toContain(old.id);
    expect(dueSoon.body.items.map((x: { id: string }) => x.id)).not.toContain(fresh.id);
    const sla = await world.api.get('/api/v1/tickets?slaState=breached', world.adminToken);
    expect(sla.status).toBe(200);
    const badSla = await world.api.get('/api/v1/tickets?slaState=tarde', world.adminToken);
    expect(badSla.status).toBe(400);
    expect(badSla.body.errors[0].field).toBe('slaState');
    // Closed in time or not, a closed ticket is no longer overdue.
    const closed = await world.api.post(`/api/v1/tickets/${old.id}/status`, { status: 'cerrado', resolution: 'Se enviaron las copias.', version: old.version }, world.adminToken);
    expect(closed.status).toBe(200);
    expect(closed.body.legalState).toBe('answered_late');
    const after = await world.api.get('/api/v1/tickets?overdue=true&limit=200', world.adminToken);
    expect(after.body.items.map((x: { id: string }) => x.id)).not.toContain(old.id);
  });

  it('gives concurrent creations distinct, consecutive radicados (gapless, no duplicates)', async () => {
    const tenant = await world.createTenant();
    const created = await Promise.all(Array.from({ length: 24 }, (_, i) => t.createTicket(tenant.token, { subject: `Concurrente ${i}` })));
    const numbers = created.map((ticket) => Number(ticket.radicado.slice(-6))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(new Set(created.map((ticket) => ticket.radicado)).size).toBe(24);
    // The number is assigned last in the transaction: the history and the published event carry it too.
    for (const ticket of created.slice(0, 3)) {
      const history = await world.api.get(`/api/v1/tickets/${ticket.id}/history`, tenant.token);
      expect(history.status).toBe(200);
      expect(JSON.stringify(history.body)).toContain(`"radicado":"${ticket.radicado}"`);
      const event = await spy.waitForMessage((m) => m.body?.subject === ticket.id);
      expect(event.body.data.radicado).toBe(ticket.radicado);
      expect(JSON.stringify(event.body)).not.toContain('pendiente-');
    }
  });

  it('refuses bad input with 400 naming the field, and changes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ pqrClass: 'chisme' }, 'pqrClass'],
      [{ priority: 'urgente' }, 'priority'],
      [{ channel: 'fax' }, 'channel'],
      [{ receivedAt: new Date(Date.now() + 3_600_000).toISOString() }, 'receivedAt'],
      [{ requester: { name: 'Ana', email: 'no-es-correo' } }, 'requester.email'],
      [{ requester: undefined }, 'requester'],
      [{ tenantId: '00000000-0000-0000-0000-000000000000' }, 'tenantId'],
      [{ categoryId: '00000000-0000-0000-0000-000000000000' }, 'categoryId'],
      [{ contactId: '00000000-0000-0000-0000-000000000000', requester: undefined }, 'contactId'],
    ];
    const before = await world.api.get('/api/v1/tickets?limit=200', world.adminToken);
    for (const [override, field] of cases) {
      const body = { pqrClass: 'reclamo', subject: 'Asunto válido', description: 'Descripción', requester: { name: 'Ana' }, ...override };
      const response = await world.api.post('/api/v1/tickets', body, world.adminToken);
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    const after = await world.api.get('/api/v1/tickets?limit=200', world.adminToken);
    expect(after.body.items.length).toBe(before.body.items.length);

    const english = await world.api.post('/api/v1/tickets', { pqrClass: 'reclamo', subject: 'x', description: 'y', requester: { name: 'Ana' } }, world.adminToken, {
      'accept-language': 'en',
    });
    expect(english.status).toBe(400);
    expect(english.body.title).toBe('Bad request');
    expect(english.body.errors.map((error: { field: string }) => error.field)).toContain('subject');
  });

  it('seeds the Spanish categories once per tenant, in English on Accept-Language: en; admins add and retire them', async () => {
    const spanish = await world.api.get('/api/v1/ticket-categories', world.adminToken);
    expect(spanish.status).toBe(200);
    expect(spanish.body.items.map((c: { name: string }) => c.name)).toEqual(['Facturación', 'Soporte Técnico', 'Información General', 'Reclamos', 'Sugerencias']);
    const english = await world.api.get('/api/v1/ticket-categories', world.adminToken, { 'accept-language': 'en' });
    expect(english.body.items.map((c: { name: string }) => c.name)).toEqual(['Billing', 'Technical Support', 'General Information', 'Claims', 'Suggestions']);

    const billing = spanish.body.items[0];
    const retired = await world.api.patch(`/api/v1/ticket-categories/${billing.id}`, { active: false, version: billing.version }, world.adminToken);
    expect(retired.status).toBe(200);
    const again = await world.api.get('/api/v1/ticket-categories', world.adminToken);
    expect(again.body.items.map((c: { name: string }) => c.name)).not.toContain('Facturación');
    const refused = await world.api.post(
      '/api/v1/tickets',
      { pqrClass: 'reclamo', subject: 'Factura', description: 'd', requester: { name: 'Ana' }, categoryId: billing.id },
      world.adminToken,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toBe('categoryId');

    const added = await world.api.post('/api/v1/ticket-categories', { nameEs: 'Garantías', nameEn: 'Warranties' }, world.adminToken);
    expect(added.status).toBe(201);
    const duplicate = await world.api.post('/api/v1/ticket-categories', { nameEs: 'garantias' }, world.adminToken);
    expect(duplicate.status).toBe(409);
    const support = await world.createUser(['support']);
    const forbidden = await world.api.post('/api/v1/ticket-categories', { nameEs: 'Otra' }, support.token);
    expect(forbidden.status).toBe(403);
  });

  it('filters and searches the list (radicado, subject, requester; accents ignored) with keyset pages', async () => {
    const categories = await world.api.get('/api/v1/ticket-categories', world.adminToken);
    const soporte = categories.body.items.find((c: { code: string }) => c.code === 'soporte_tecnico');
    const a = await t.createTicket(world.adminToken, {
      pqrClass: 'peticion_documentos',
      priority: 'alta',
      channel: 'presencial',
      categoryId: soporte.id,
      subject: 'Copia del contrato de instalación',
      requester: { name: 'Ramón Núñez', email: 'ramon@example.com' },
    });
    const b = await t.createTicket(world.adminToken, {
      pqrClass: 'sugerencia',
      priority: 'baja',
      channel: 'chat',
      subject: 'Horario extendido los sábados',
      requester: { name: 'Lucía Ortiz' },
    });

    const byClass = await world.api.get('/api/v1/tickets?pqrClass=peticion_documentos&priority=alta', world.adminToken);
    expect(byClass.body.items.map((x: { id: string }) => x.id)).toEqual([a.id]);
    const byChannels = await world.api.get('/api/v1/tickets?channel=presencial,chat', world.adminToken);
    expect(byChannels.body.items.map((x: { id: string }) => x.id).sort()).toEqual([a.id, b.id].sort());
    const byCategory = await world.api.get(`/api/v1/tickets?categoryId=${soporte.id}`, world.adminToken);
    expect(byCategory.body.items.map((x: { id: string }) => x.id)).toEqual([a.id]);

    const byName = await world.api.get(`/api/v1/tickets?q=${encodeURIComponent('ramon nunez')}`, world.adminToken);
    expect(byName.body.items.map((x: { id: string }) => x.id)).toEqual([a.id]);
    const byRadicado = await world.api.get(`/api/v1/tickets?q=${b.radicado}`, world.adminToken);
    expect(byRadicado.body.items.map((x: { id: string }) => x.id)).toEqual([b.id]);
    const bySubject = await world.api.get(`/api/v1/tickets?q=${encodeURIComponent('SÁBADOS')}`, world.adminToken);
    expect(bySubject.body.items.map((x: { id: string }) => x.id)).toEqual([b.id]);
    const tooShort = await world.api.get('/api/v1/tickets?q=ab', world.adminToken);
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.errors[0].field).toBe('q');
    const badFilter = await world.api.get('/api/v1/tickets?status=resuelto', world.adminToken);
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.errors[0].field).toBe('status');

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await world.api.get(`/api/v1/tickets?limit=5${cursor ? `&cursor=${cursor}` : ''}`, world.adminToken);
      seen.push(...page.body.items.map((x) => x.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    const all = await world.api.get('/api/v1/tickets?limit=200', world.adminToken);
    expect(seen).toEqual(all.body.items.map((x: { id: string }) => x.id));
    expect(new Set(seen).size).toBe(seen.length);

    // A forged cursor is a 400 naming it, never a 500 from SQL.
    for (const forged of ['bm90LWEtY3Vyc29y', Buffer.from(JSON.stringify(['not-a-time', 'not-a-uuid'])).toString('base64url')]) {
      const refused = await world.api.get(`/api/v1/tickets?cursor=${forged}`, world.adminToken);
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].field).toBe('cursor');
    }
  });

  it('edits with optimistic locking: 428 without a version, 412 when stale', async () => {
    const ticket = await t.createTicket(world.adminToken);
    const missing = await world.api.patch(`/api/v1/tickets/${ticket.id}`, { priority: 'alta' }, world.adminToken);
    expect(missing.status).toBe(428);
    const first = await world.api.patch(`/api/v1/tickets/${ticket.id}`, { priority: 'alta', version: 1 }, world.adminToken);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ priority: 'alta', version: 2 });
    const stale = await world.api.patch(`/api/v1/tickets/${ticket.id}`, { priority: 'baja', version: 1 }, world.adminToken);
    expect(stale.status).toBe(412);
    const staleStatus = await world.api.post(`/api/v1/tickets/${ticket.id}/status`, { status: 'en_proceso' }, world.adminToken, { 'if-match': '"1"' });
    expect(staleStatus.status).toBe(412);
    const unknownField = await world.api.patch(`/api/v1/tickets/${ticket.id}`, { radicado: 'PQR-1999-000001', version: 2 }, world.adminToken);
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.errors[0].field).toBe('radicado');
    const read = await world.api.get(`/api/v1/tickets/${ticket.id}`, world.adminToken);
    expect(read.body).toMatchObject({ priority: 'alta', version: 2, radicado: ticket.radicado });
  });

  it('closes only with a resolution, reopens, and keeps the history in order', async () => {
    const ticket = await t.createTicket(world.adminToken);
    const noResolution = await world.api.post(`/api/v1/tickets/${ticket.id}/status`, { status: 'cerrado', version: 1 }, world.adminToken);
    expect(noResolution.status).toBe(400);
    expect(noResolution.body.errors[0].field).toBe('resolution');
    const working = await world.api.post(`/api/v1/tickets/${ticket.id}/status`, { status: 'en_proceso', version: 1 }, world.adminToken);
    expect(working.status).toBe(200);
    const closed = await world.api.post(
      `/api/v1/tickets/${ticket.id}/status`,
      { status: 'cerrado', resolution: 'Se reintegró el cobro doble.', version: working.body.version },
      world.adminToken,
    );
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'cerrado', resolution: 'Se reintegró el cobro doble.' });
    expect(closed.body.closedAt).not.toBeNull();
    const reopened = await world.api.post(
      `/api/v1/tickets/${ticket.id}/status`,
      { status: 'abierto', reason: 'El cliente dice que no llegó', version: closed.body.version },
      world.adminToken,
    );
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'abierto', closedAt: null });
    const history = await world.api.get(`/api/v1/tickets/${ticket.id}/history`, world.adminToken);
    expect(history.body.items.map((entry: { kind: string }) => entry.kind)).toEqual(['created', 'status_changed', 'closed', 'reopened']);
    const closedOnly = await world.api.get('/api/v1/tickets?status=cerrado', world.adminToken);
    expect(closedOnly.body.items.map((x: { id: string }) => x.id)).not.toContain(ticket.id);
  });

  it('answers a repeated Idempotency-Key with the first ticket instead of a second radicado (per caller; another body → 422)', async () => {
    const key = `pqr-${Date.now()}-abc`;
    const body = { pqrClass: 'consulta', subject: 'Consulta idempotente', description: 'd', requester: { name: 'Ana' } };
    const first = await world.api.post('/api/v1/tickets', body, world.adminToken, { 'idempotency-key': key });
    const second = await world.api.post('/api/v1/tickets', { requester: { name: 'Ana' }, description: 'd', subject: 'Consulta idempotente', pqrClass: 'consulta' }, world.adminToken, {
      'idempotency-key': key,
    });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.radicado).toBe(first.body.radicado);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const otherBody = await world.api.post('/api/v1/tickets', { ...body, subject: 'Otra consulta' }, world.adminToken, { 'idempotency-key': key });
    expect(otherBody.status).toBe(422);
    expect(otherBody.body.errors[0].field).toBe('Idempotency-Key');
    const colleague = await world.createUser(['support']);
    const theirs = await world.api.post('/api/v1/tickets', body, colleague.token, { 'idempotency-key': key });
    expect(theirs.status).toBe(201);
    expect(theirs.body.radicado).not.toBe(first.body.radicado);
    const malformed = await world.api.post('/api/v1/tickets', body, world.adminToken, { 'idempotency-key': 'x' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].field).toBe('Idempotency-Key');
  });
});
