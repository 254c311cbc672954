import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AmqpSpy, CrmWorld, waitFor, type WorldUser, scrapeMetrics } from '@crm/testing';

/** A CloudEvent exactly as the ERP publishes it on its own exchange. */
function erpEvent(type: string, tenantId: string, data: Record<string, unknown>, id: string = randomUUID()) {
  return {
    specversion: '1.0',
    id,
    source: type.startsWith('sales') ? 'erp/sales' : 'erp/finance',
    type,
    time: new Date().toISOString(),
    subject: String(data.invoiceId ?? data.paymentId ?? data.crmContactId ?? data.customerTaxId),
    datacontenttype: 'application/json',
    tenantid: tenantId,
    data,
  };
}

const cop = (amount: string) => ({ amount, currency: 'COP' });

describe('ERP account status and the contact timeline (events from the ERP, opportunities and tickets)', () => {
  let world: CrmWorld;
  let spy: AmqpSpy;
  let tenantId: string;
  let otherTenant: WorldUser & { tenantSlug: string };

  async function publishErp(type: string, data: Record<string, unknown>, options: { id?: string; tenant?: string } = {}) {
    const event = erpEvent(type, options.tenant ?? tenantId, data, options.id);
    await spy.publish(`${world.platform.amqpPrefix}erp.events`, type, event, event.id, { appId: 'erp' });
    return event;
  }

  async function metric(name: string): Promise<number> {
    const text = await scrapeMetrics(world.platform.urlOf('contacts'));
    const match = text.match(new RegExp(`crm_messaging_total\\{[^}]*name="${name}"[^}]*\\} (\\d+)`));
    return match ? Number(match[1]) : 0;
  }

  async function account(contactId: string, query = '', token = world.adminToken) {
    return world.api.get(`/api/v1/contacts/${contactId}/account${query}`, token);
  }

  async function customer(extra: Record<string, unknown> = {}) {
    return world.createContact(world.adminToken, { kind: 'organization', companyName: `Ferretería ${randomUUID().slice(0, 6)}`, lifecycle: 'customer', ...extra });
  }

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts'] });
    spy = await AmqpSpy.connect();
    tenantId = (await world.api.get('/api/v1/auth/me', world.adminToken)).body.tenant.id;
    otherTenant = await world.createTenant();
  }, 120_000);

  afterAll(async () => {
    await spy?.close();
    await world?.stop();
  });

  it('keeps an invoice by crmContactId in the purchase history, the last invoice and the timeline', async () => {
    const contact = await customer();
    const before = await account(contact.id);
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ contactId: contact.id, status: null, movements: { items: [], nextCursor: null } });

    await publishErp('sales.invoice.issued', {
      invoiceId: 'INV-9001',
      invoiceNumber: 'FV-1001',
      crmContactId: contact.id,
      issuedAt: '2026-03-02T15:00:00Z',
      dueDate: '2099-04-01',
      total: cop('1250000.00'),
    });
    const after = await waitFor(
      async () => {
        const response = await account(contact.id);
        return response.body.movements.items.length === 1 ? response.body : undefined;
      },
      { description: 'the invoice on the account' },
    );
    expect(after.movements.items[0]).toMatchObject({
      kind: 'invoice',
      erpId: 'INV-9001',
      number: 'FV-1001',
      date: '2026-03-02T15:00:00.000Z',
      dueDate: '2099-04-01',
      amount: { amount: '1250000.00', currency: 'COP' },
      paidAmount: { amount: '0', currency: 'COP' },
      status: 'open',
    });
    expect(after.status).toMatchObject({ lastInvoice: { number: 'FV-1001', issuedAt: '2026-03-02T15:00:00.000Z', total: cop('1250000.00') }, balance: null });

    const timeline = await world.api.get(`/api/v1/contacts/${contact.id}/timeline`, world.adminToken);
    // Ordered by when things happened: the ERP's invoice of March comes after (below) today's creation.
    expect(timeline.body.items.map((item: { kind: string }) => item.kind)).toEqual(['created', 'invoice_issued']);
    expect(timeline.body.items[1]).toMatchObject({
      source: 'erp',
      kind: 'invoice_issued',
      title: 'Factura FV-1001 emitida por COP 1.250.000,00',
      occurredAt: '2026-03-02T15:00:00.000Z',
      referenceId: 'INV-9001',
      actorId: null,
      changes: [],
    });
    expect(timeline.body.items[0]).toMatchObject({ source: 'contacts', kind: 'created', title: 'Contacto creado' });
    expect(timeline.body.nextCursor).toBeNull();
  });

  it('matches a payment by tax id written differently and marks the invoice it settles', async () => {
    const contact = await customer({ taxId: '900.123.456-7' });
    await publishErp('sales.invoice.issued', {
      invoiceId: 'INV-77',
      invoiceNumber: 'FV-77',
      customerTaxId: '9001234567',
      issuedAt: '2026-03-01T10:00:00Z',
      dueDate: '2026-03-31',
      total: cop('1000.00'),
    });
    await publishErp('finance.payment.received', {
      paymentId: 'PAY-1',
      reference: 'RC-55',
      customerTaxId: '900 123 456 7',
      receivedAt: '2026-03-05T12:00:00Z',
      amount: cop('400.00'),
      method: 'transferencia',
      appliedTo: [{ invoiceId: 'INV-77', amount: cop('400.00') }],
    });
    const body = await waitFor(
      async () => {
        const response = await account(contact.id);
        return response.body.movements.items.length === 2 ? response.body : undefined;
      },
      { description: 'invoice and payment on the account' },
    );
    const [payment, invoice] = body.movements.items;
    expect(payment).toMatchObject({
      kind: 'payment',
      number: 'RC-55',
      amount: cop('400.00'),
      method: 'transferencia',
      status: 'received',
      appliedTo: [{ invoiceId: 'INV-77', amount: cop('400.00') }],
    });
    expect(invoice).toMatchObject({ kind: 'invoice', number: 'FV-77', paidAmount: cop('400.00'), status: 'partially_paid' });
    expect(body.status.lastPayment).toEqual({ reference: 'RC-55', receivedAt: '2026-03-05T12:00:00.000Z', amount: cop('400.00') });

    const onlyPayments = await account(contact.id, '?kind=payment&limit=1');
    expect(onlyPayments.body.movements).toEqual({ items: [expect.objectContaining({ kind: 'payment' })], nextCursor: null });
    const firstPage = await account(contact.id, '?limit=1');
    expect(firstPage.body.movements.items.map((m: { erpId: string }) => m.erpId)).toEqual(['PAY-1']);
    const secondPage = await account(contact.id, `?limit=1&cursor=${firstPage.body.movements.nextCursor}`);
    expect(secondPage.body.movements).toEqual({ items: [expect.objectContaining({ erpId: 'INV-77' })], nextCursor: null });
  });

  it('counts a duplicate ERP message once, and a re-sent invoice (same ERP id) once', async () => {
    const contact = await customer();
    const data = { invoiceId: 'INV-DUP', invoiceNumber: 'FV-2002', crmContactId: contact.id, issuedAt: '2026-03-03T10:00:00Z', total: cop('500.00') };
    const duplicatesBefore = await metric('duplicates');
    const first = await publishErp('sales.invoice.issued', data);
    await publishErp('sales.invoice.issued', data, { id: first.id });
    await waitFor(async () => (await metric('duplicates')) >= duplicatesBefore + 1, { description: 'the inbox to skip the redelivery' });
    // The ERP re-sends the same invoice as a new message (e.g. after its own retry).
    const consumedBefore = await metric('consumed');
    await publishErp('sales.invoice.issued', { ...data, total: cop('550.00') });
    await waitFor(async () => (await metric('consumed')) >= consumedBefore + 1, { description: 'the re-sent invoice to be handled' });

    const body = (await account(contact.id)).body;
    expect(body.movements.items).toHaveLength(1);
    expect(body.movements.items[0]).toMatchObject({ erpId: 'INV-DUP', amount: cop('550.00') });
    const timeline = await world.api.get(`/api/v1/contacts/${contact.id}/timeline`, world.adminToken);
    expect(timeline.body.items.filter((item: { kind: string }) => item.kind === 'invoice_issued')).toHaveLength(1);
  });

  it('keeps the newest statement: an older asOf arriving later does not overwrite it', async () => {
    const contact = await customer();
    await publishErp('finance.account_statement.updated', {
      crmContactId: contact.id,
      asOf: '2026-03-10T00:00:00Z',
      balance: cop('500000.00'),
      overdue: cop('120000.00'),
      creditLimit: cop('2000000.00'),
    });
    const status = await waitFor(async () => (await account(contact.id)).body.status ?? undefined, { description: 'the statement' });
    expect(status).toMatchObject({
      balance: cop('500000.00'),
      overdue: cop('120000.00'),
      creditLimit: cop('2000000.00'),
      availableCredit: cop('1500000.00'),
      statementAsOf: '2026-03-10T00:00:00.000Z',
    });

    const consumedBefore = await metric('consumed');
    await publishErp('finance.account_statement.updated', { crmContactId: contact.id, asOf: '2026-03-01T00:00:00Z', balance: cop('900000.00'), overdue: cop('0.00') });
    await waitFor(async () => (await metric('consumed')) >= consumedBefore + 1, { description: 'the older statement to be handled' });
    expect((await account(contact.id)).body.status).toMatchObject({ balance: cop('500000.00'), statementAsOf: '2026-03-10T00:00:00.000Z' });

    await publishErp('finance.account_statement.updated', { crmContactId: contact.id, asOf: '2026-03-12T00:00:00Z', balance: cop('0.00'), overdue: cop('0.00'), creditLimit: null });
    await waitFor(async () => (await account(contact.id)).body.status.balance.amount === '0.00', { description: 'the newer statement' });
  });

  it('does not retry an event for an unknown customer forever: it is acknowledged and listed for admins', async () => {
    const retriedBefore = await metric('retried');
    const unknown = await publishErp('sales.invoice.issued', {
      invoiceId: 'INV-X',
      invoiceNumber: 'FV-X',
      customerTaxId: '800999111',
      issuedAt: '2026-03-03T10:00:00Z',
      total: cop('10.00'),
    });
    const invalid = await publishErp('finance.payment.received', { paymentId: 'PAY-BAD', crmContactId: randomUUID(), receivedAt: '2026-03-03T10:00:00Z', amount: 125000 });
    const listed = await waitFor(
      async () => {
        const response = await world.api.get('/api/v1/contacts/erp-unmatched?limit=200', world.adminToken);
        const ids = response.body.items?.map((item: { messageId: string }) => item.messageId) ?? [];
        return ids.includes(unknown.id) ? response.body.items : undefined;
      },
      { description: 'the unmatched events' },
    );
    expect(listed.find((item: { messageId: string }) => item.messageId === unknown.id)).toMatchObject({
      type: 'sales.invoice.issued',
      reason: 'unknown_customer',
      customerTaxId: '800999111',
    });
    // A payload that breaks the contract never reaches the handler: the transport's schema check
    // dead-letters it at once, with the reason, for the tenant's admin.
    const invalidLetter = await waitFor(
      async () => {
        const response = await world.api.get('/api/v1/admin/dead-letters?service=contacts&limit=200', world.adminToken);
        return response.body.items?.find((item: { messageId: string }) => item.messageId === invalid.id);
      },
      { description: 'the invalid payment in the dead letters' },
    );
    expect(invalidLetter.reason).toContain('/data/amount must be object');
    expect(listed.map((item: { messageId: string }) => item.messageId)).not.toContain(invalid.id);
    expect(await metric('retried')).toBe(retriedBefore);
    const deadLetters = await world.api.get('/api/v1/admin/dead-letters?service=contacts', world.adminToken);
    expect(JSON.stringify(deadLetters.body)).not.toContain(unknown.id);

    const seller = await world.createUser(['sales']);
    expect((await world.api.get('/api/v1/contacts/erp-unmatched', seller.token)).status).toBe(403);
    expect((await world.api.get('/api/v1/contacts/erp-unmatched', otherTenant.token)).body.items).toEqual([]);
  });

  it('never puts one tenant’s ERP event on another tenant’s contact, and hides accounts like contacts (404)', async () => {
    const contact = await customer({ taxId: 'NIT-555' });
    const consumedBefore = await metric('consumed');
    await publishErp(
      'sales.invoice.issued',
      { invoiceId: 'INV-F', invoiceNumber: 'FV-F', crmContactId: contact.id, issuedAt: '2026-03-03T10:00:00Z', total: cop('10.00') },
      { tenant: randomUUID() },
    );
    await publishErp('sales.invoice.issued', { invoiceId: 'INV-OWN', invoiceNumber: 'FV-OWN', crmContactId: contact.id, issuedAt: '2026-03-04T10:00:00Z', total: cop('20.00') });
    await waitFor(async () => (await metric('consumed')) >= consumedBefore + 2 && (await account(contact.id)).body.movements.items.length > 0, { description: 'both invoices handled' });
    expect((await account(contact.id)).body.movements.items.map((m: { erpId: string }) => m.erpId)).toEqual(['INV-OWN']);

    expect((await account(contact.id, '', otherTenant.token)).status).toBe(404);
    const [north, south] = [await world.createTeam(`Norte ${Date.now()}`), await world.createTeam(`Sur ${Date.now()}`)];
    const seller = await world.createUser(['sales'], [north]);
    // contacts learns a team from the identity events of its members: give the south one a member.
    await world.createUser(['sales'], [south]);
    const southContact = await customer({ teamId: south });
    expect((await account(southContact.id, '', seller.token)).status).toBe(404);
    expect((await world.api.get(`/api/v1/contacts/${southContact.id}/timeline`, seller.token)).status).toBe(404);
    expect((await account(contact.id, '?cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
  });

  it('puts any opportunities.* / tickets.* event carrying a contactId on the timeline, in time order with keyset pages', async () => {
    const contact = await customer();
    const crmEvents = `${world.platform.amqpPrefix}crm.events`;
    const opportunityId = randomUUID();
    const base = { specversion: '1.0', datacontenttype: 'application/json', tenantid: tenantId };
    // Whole events as their publishers send them: the transport dead-letters a wrong-shaped one.
    const someone = randomUUID();
    const opportunity = {
      ...base,
      id: randomUUID(),
      source: 'crm/opportunities',
      type: 'opportunities.opportunity.created',
      time: '2030-01-01T10:00:00.000Z',
      subject: opportunityId,
      data: {
        opportunityId,
        contactId: contact.id,
        title: 'Dotación 2026',
        pipelineId: randomUUID(),
        stageId: randomUUID(),
        ownerId: someone,
        teamId: null,
        agentId: null,
        assigneeId: null,
        createdBy: someone,
        status: 'open',
        amount: cop('3000000.00'),
        probability: 10,
        expectedCloseDate: null,
        createdAt: '2030-01-01T10:00:00.000Z',
        version: 1,
        description: 'texto libre que no se copia',
      },
    };
    const ticketBase = (ticketId: string, contactId: string | null, radicado: string) => ({
      ticketId,
      radicado,
      contactId,
      pqrClass: 'peticion_general',
      categoryId: null,
      priority: 'media',
      channel: 'web',
      subject: 'Factura duplicada',
      assigneeId: null,
      teamId: null,
      legalDueAt: '2030-01-23T04:59:59.999Z',
      requester: { name: 'Ana Gómez', email: null, language: 'es' },
      trackingUrl: null,
    });
    const ticketId = randomUUID();
    const ticket = {
      ...base,
      id: randomUUID(),
      source: 'crm/tickets',
      type: 'tickets.ticket.created',
      time: '2030-01-02T10:00:00.000Z',
      subject: ticketId,
      data: { ...ticketBase(ticketId, contact.id, 'PQR-2030-000123'), status: 'abierto', receivedAt: '2030-01-02T10:00:00.000Z', createdBy: null },
    };
    const otherTicket = randomUUID();
    const noContact = {
      ...base,
      id: randomUUID(),
      source: 'crm/tickets',
      type: 'tickets.ticket.closed',
      time: '2030-01-03T10:00:00.000Z',
      subject: otherTicket,
      data: {
        ...ticketBase(otherTicket, null, 'PQR-2030-000124'),
        status: 'cerrado',
        resolution: 'Resuelto',
        closedBy: someone,
        closedAt: '2030-01-03T10:00:00.000Z',
        legalState: 'answered_on_time',
        slaState: 'met',
      },
    };
    for (const event of [opportunity, ticket, noContact]) await spy.publish(crmEvents, event.type, event, event.id);

    const items = await waitFor(
      async () => {
        const response = await world.api.get(`/api/v1/contacts/${contact.id}/timeline`, world.adminToken);
        return response.body.items.length >= 3 ? response.body.items : undefined;
      },
      { description: 'the opportunity and ticket entries' },
    );
    expect(items[0]).toMatchObject({ source: 'tickets', kind: 'tickets.ticket.created', title: 'PQR radicada: PQR-2030-000123', occurredAt: '2030-01-02T10:00:00.000Z' });
    expect(items[1]).toMatchObject({ source: 'opportunities', kind: 'opportunities.opportunity.created', title: 'Oportunidad creada: Dotación 2026', referenceId: opportunityId });
    expect(items[1].details).toMatchObject({ amount: cop('3000000.00'), title: 'Dotación 2026' });
    expect(items[1].details).not.toHaveProperty('description');
    expect(items).toHaveLength(3);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await world.api.get(
        `/api/v1/contacts/${contact.id}/timeline?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        world.adminToken,
      );
      expect(page.body.items).toHaveLength(1);
      seen.push(page.body.items[0]!.id);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(items.map((item: { id: string }) => item.id));

    expect((await world.api.get(`/api/v1/contacts/${contact.id}/timeline?limit=500`, world.adminToken)).body.errors[0].field).toBe('limit');
    expect((await world.api.get(`/api/v1/contacts/${contact.id}/timeline?cursor=WyJ4IiwieSJd`, world.adminToken)).status).toBe(400);
    expect((await world.api.get(`/api/v1/contacts/${contact.id}/timeline`, otherTenant.token)).status).toBe(404);
  });
});
