import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { simpleParser } from 'mailparser';
import { AmqpSpy, CrmWorld, waitFor, type WorldUser } from '@crm/testing';
import { createOpportunity } from './opportunities-test-kit.js';
import { readPdf } from './pdf-text.js';

/**
 * Issue #7 item 9: quotes (presupuestos) through the gateway — generated from the opportunity,
 * exact totals, gapless numbers under concurrency, revisions of sent quotes, optimistic
 * locking, and the opportunity's visibility.
 */
describe('quotes through the gateway (issue #7)', () => {
  let world: CrmWorld;
  let spy: AmqpSpy;
  let north: string;
  let seller: WorldUser;
  let southSeller: WorldUser;
  let opportunityId: string;
  let contactId: string;
  let contactEmail: string;

  const threeLines = [
    { description: 'Licencia anual ERP (usuario)', quantity: '3', unitPrice: '1250000.00' },
    { description: 'Implementación y migración', quantity: '2', unitPrice: '845999.99', discountPercent: '12.5' },
    { description: 'Capacitación (horas)', quantity: '1.5', unitPrice: '333333.33', taxPercent: '19' },
  ];

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts', 'opportunities', 'notifications'] });
    spy = await AmqpSpy.connect();
    await spy.listen(`${world.platform.amqpPrefix}crm.events`, 'opportunities.quote.#');
    const tag = randomUUID().slice(0, 6);
    north = await world.createTeam(`Norte ${tag}`);
    const south = await world.createTeam(`Sur ${tag}`);
    [seller, southSeller] = await Promise.all([world.createUser(['sales'], [north]), world.createUser(['sales'], [south])]);
    contactEmail = `compras-${tag}@cliente.test`;
    const contact = await world.createContact(seller.token, { lastName: 'Cotizado', teamId: north, taxId: '900123456-7', email: contactEmail });
    contactId = contact.id;
    const created = await createOpportunity(world.api, seller.token, { title: 'ERP sede Cali', contactId, value: { amount: '6000000', currency: 'COP' } });
    expect(created.status).toBe(201);
    opportunityId = created.body.id;
  }, 120_000);

  afterAll(async () => {
    await spy?.close();
    await world?.stop();
  });

  const createQuote = (body: Record<string, unknown>, token = seller.token) => world.api.post(`/api/v1/opportunities/${opportunityId}/quotes`, body, token);

  it('creates a 3-line quote (one discounted, IVA 19 % by default) that totals to the peso, from the opportunity', async () => {
    const response = await createQuote({ lines: threeLines, validUntil: '2099-12-31', terms: 'Pago a 30 días.' });
    expect(response.status).toBe(201);
    const year = new Intl.DateTimeFormat('en', { timeZone: 'America/Bogota', year: 'numeric' }).format(new Date());
    expect(response.body).toMatchObject({
      opportunityId,
      contactId,
      currency: 'COP',
      number: expect.stringMatching(new RegExp(`^COT-${year}-\\d{6}$`)),
      revision: 1,
      status: 'draft',
      validUntil: '2099-12-31',
      subtotal: '5941999.98',
      discountTotal: '211500.00',
      taxableTotal: '5730499.98',
      taxTotal: '1088795.00',
      total: '6819294.98',
      taxes: [{ ratePercent: '19.00', base: '5730499.98', tax: '1088795.00' }],
      version: 1,
    });
    expect(response.body.lines.map((line: { taxPercent: string; total: string }) => [line.taxPercent, line.total])).toEqual([
      ['19', '4462500.00'],
      ['19', '1761794.98'],
      ['19', '595000.00'],
    ]);
    expect(response.headers.get('etag')).toBe('"1"');
    const event = await spy.waitForMessage((m) => m.routingKey === 'opportunities.quote.created' && m.body.data.quoteId === response.body.id);
    expect(event.body.data).toMatchObject({ opportunityId, contactId, number: response.body.number, total: { amount: '6819294.98', currency: 'COP' } });
    const listed = await world.api.get(`/api/v1/opportunities/${opportunityId}/quotes`, seller.token);
    expect(listed.body.items.map((quote: { id: string }) => quote.id)).toContain(response.body.id);
  });

  it('never gives two concurrent creations the same number, and leaves no gaps', async () => {
    const responses = await Promise.all(Array.from({ length: 8 }, () => createQuote({ lines: [{ description: 'Soporte', quantity: '1', unitPrice: '100000' }] })));
    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(201));
    const sequences = responses.map((response) => Number((response.body.number as string).slice(-6))).sort((a, b) => a - b);
    expect(new Set(sequences).size).toBe(8);
    expect(sequences[7]! - sequences[0]!).toBe(7);
  });

  it('editing a sent quote makes a new revision and keeps the sent one', async () => {
    const created = await createQuote({ lines: threeLines, validUntil: '2099-12-31' });
    const id = created.body.id as string;
    const draftEdit = await world.api.patch(`/api/v1/quotes/${id}`, { version: 1, terms: 'Precios sin transporte.' }, seller.token);
    expect(draftEdit.body).toMatchObject({ revision: 1, status: 'draft', terms: 'Precios sin transporte.', version: 2 });
    const sent = await world.api.post(`/api/v1/quotes/${id}/send`, { version: 2 }, seller.token);
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ status: 'sent', version: 3 });
    await spy.waitForMessage((m) => m.routingKey === 'opportunities.quote.sent' && m.body.data.quoteId === id);

    const revised = await world.api.patch(`/api/v1/quotes/${id}`, { lines: [{ description: 'Licencia anual ERP (usuario)', quantity: '4', unitPrice: '1250000' }] }, seller.token, {
      'if-match': '"3"',
    });
    expect(revised.status).toBe(200);
    expect(revised.body).toMatchObject({ number: created.body.number, revision: 2, status: 'draft', subtotal: '5000000.00', taxTotal: '950000.00', total: '5950000.00' });
    const revisions = await world.api.get(`/api/v1/quotes/${id}/revisions`, seller.token);
    expect(revisions.body.items).toHaveLength(1);
    expect(revisions.body.items[0]).toMatchObject({ revision: 1, status: 'sent', total: '6819294.98', terms: 'Precios sin transporte.', replacedBy: seller.id });

    const rejectedDraft = await world.api.post(`/api/v1/quotes/${id}/reject`, { version: revised.body.version }, seller.token);
    expect(rejectedDraft.status).toBe(409);
    await world.api.post(`/api/v1/quotes/${id}/send`, { version: revised.body.version }, seller.token);
    const rejected = await world.api.post(`/api/v1/quotes/${id}/reject`, { version: revised.body.version + 1, reason: 'Precio' }, seller.token);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: 'Precio' });
    const editRejected = await world.api.patch(`/api/v1/quotes/${id}`, { version: rejected.body.version, terms: 'x' }, seller.token);
    expect(editRejected.status).toBe(409);
  });

  it('stale version → 412, none → 428, bad input → 400 naming the field, and nothing changes', async () => {
    const created = await createQuote({ lines: threeLines });
    const id = created.body.id as string;
    expect((await world.api.patch(`/api/v1/quotes/${id}`, { version: 7, terms: 'x' }, seller.token)).status).toBe(412);
    expect((await world.api.patch(`/api/v1/quotes/${id}`, { terms: 'x' }, seller.token)).status).toBe(428);

    const float = await createQuote({ lines: [{ description: 'Flotante', quantity: 1, unitPrice: 0.1 }] });
    expect(float.status).toBe(400);
    expect(float.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(float.body.errors)).toContain('unitPrice');
    const badPercent = await createQuote({ lines: [{ description: 'Descuento', quantity: '1', unitPrice: '10', discountPercent: '101' }] });
    expect(badPercent.status).toBe(400);
    expect(JSON.stringify(badPercent.body.errors)).toContain('discountPercent');
    expect((await createQuote({ lines: [] })).status).toBe(400);
    expect((await createQuote({ lines: threeLines, currency: 'USD' })).status).toBe(400);

    const after = await world.api.get(`/api/v1/quotes/${id}`, seller.token);
    expect(after.body).toMatchObject({ version: 1, terms: null, total: '6819294.98' });
  });

  it('renders a Spanish PDF with the number, customer tax id, lines and es-CO totals', async () => {
    const created = await createQuote({ lines: threeLines, validUntil: '2099-12-31', terms: 'Pago a 30 días.' });
    // Raw bytes: the API client decodes bodies as text.
    const response = await fetch(`${world.api.baseUrl}/api/v1/quotes/${created.body.id}/pdf`, { headers: { authorization: `Bearer ${seller.token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    if (process.env.QUOTE_PDF_SAMPLE) writeFileSync(process.env.QUOTE_PDF_SAMPLE, pdf); // to look at it by hand (pdftoppm)
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { pages, texts } = readPdf(pdf);
    expect(pages).toBe(1);
    const text = texts.join(' ');
    for (const expected of [
      'COTIZACIÓN',
      created.body.number,
      'NIT / C.C.: 900123456-7',
      'Implementación y migración',
      '12,5 %',
      '$ 6.819.294,98',
      '$ 1.088.795,00',
      'IVA 19 %',
      '31 de diciembre de 2099',
      'Pago a 30 días.',
    ]) {
      expect(text).toContain(expected);
    }
    expect((await world.api.get(`/api/v1/quotes/${created.body.id}/pdf`, southSeller.token)).status).toBe(404);
  });

  it('accepting publishes everything the ERP needs and wins the opportunity in the same step; the ERP order comes back linked', async () => {
    const opportunity = await createOpportunity(world.api, seller.token, { title: 'Renovación licencias', contactId, value: { amount: '6000000' } });
    const quoteOf = (body: Record<string, unknown>) => world.api.post(`/api/v1/opportunities/${opportunity.body.id}/quotes`, body, seller.token);
    const created = await quoteOf({ lines: threeLines, validUntil: '2099-12-31' });
    const id = created.body.id as string;
    expect((await world.api.post(`/api/v1/quotes/${id}/accept`, { version: 1 }, seller.token)).status).toBe(409); // a draft never reached the customer
    await world.api.post(`/api/v1/quotes/${id}/send`, { version: 1 }, seller.token);
    const accepted = await world.api.post(`/api/v1/quotes/${id}/accept`, { version: 2, winOpportunity: true }, seller.token);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', version: 3 });
    expect((await world.api.get(`/api/v1/opportunities/${opportunity.body.id}`, seller.token)).body.status).toBe('won');

    const event = await spy.waitForMessage((m) => m.routingKey === 'opportunities.quote.accepted' && m.body.data.quoteId === id);
    expect(event.body.data).toMatchObject({
      number: created.body.number,
      opportunityId: opportunity.body.id,
      contactId,
      customer: { crmContactId: contactId, taxId: '900123456-7', name: expect.stringContaining('Cotizado') },
      currency: 'COP',
      subtotal: { amount: '5941999.98', currency: 'COP' },
      discountTotal: { amount: '211500.00', currency: 'COP' },
      taxTotal: { amount: '1088795.00', currency: 'COP' },
      total: { amount: '6819294.98', currency: 'COP' },
      taxes: [{ ratePercent: '19.00', base: '5730499.98', tax: '1088795.00' }],
      wonOpportunity: true,
    });
    expect(event.body.data.lines).toHaveLength(3);
    expect(event.body.data.lines[1]).toMatchObject({
      description: 'Implementación y migración',
      quantity: '2',
      unitPrice: '845999.99',
      discountPercent: '12.5',
      taxPercent: '19',
      net: '1480499.98',
      tax: '281295.00',
    });

    // Winning an already won opportunity fails, and then the quote is not accepted either.
    const second = await quoteOf({ lines: threeLines, validUntil: '2099-12-31' });
    await world.api.post(`/api/v1/quotes/${second.body.id}/send`, { version: 1 }, seller.token);
    expect((await world.api.post(`/api/v1/quotes/${second.body.id}/accept`, { version: 2, winOpportunity: true }, seller.token)).status).toBe(409);
    expect((await world.api.get(`/api/v1/quotes/${second.body.id}`, seller.token)).body.status).toBe('sent');

    const tenantId = (await world.api.get('/api/v1/auth/me', world.adminToken)).body.tenant.id as string;
    const order = {
      specversion: '1.0',
      id: randomUUID(),
      source: 'erp/sales',
      type: 'sales.order.created',
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      tenantid: tenantId,
      data: {
        orderId: `ord-${randomUUID()}`,
        orderNumber: 'PV-2026-0042',
        createdAt: new Date().toISOString(),
        crmQuoteId: id,
        crmContactId: contactId,
        total: { amount: '6819294.98', currency: 'COP' },
      },
    };
    // Delivered twice (same message id): linked once.
    for (let i = 0; i < 2; i++) await spy.publish(`${world.platform.amqpPrefix}erp.events`, order.type, order, order.id, { appId: 'erp' });
    const linked = await waitFor(
      async () => {
        const quote = await world.api.get(`/api/v1/quotes/${id}`, seller.token);
        return quote.body.erpOrder ? quote : null;
      },
      { timeoutMs: 15_000, description: 'the ERP order linked to the quote' },
    );
    expect(linked.body.erpOrder).toEqual({ id: order.data.orderId, number: 'PV-2026-0042' });
    const orders = await world.api.get(`/api/v1/opportunities/${opportunity.body.id}/erp-orders`, seller.token);
    expect(orders.body.items).toEqual([
      expect.objectContaining({ orderNumber: 'PV-2026-0042', quoteId: id, quoteNumber: created.body.number, total: { amount: '6819294.98', currency: 'COP' } }),
    ]);
    expect((await world.api.get(`/api/v1/opportunities/${opportunity.body.id}/erp-orders`, southSeller.token)).status).toBe(404);
  });

  it("sending e-mails the PDF to the contact's primary e-mail; a contact without e-mail → 409", async () => {
    const created = await createQuote({ lines: threeLines, validUntil: '2099-12-31' });
    const sent = await world.api.post(`/api/v1/quotes/${created.body.id}/send`, { version: 1 }, seller.token);
    expect(sent.status).toBe(200);
    const [mail] = await world.platform.smtp.waitForMessages((m) => m.to.includes(contactEmail) && m.subject.includes(created.body.number), { count: 1, timeoutMs: 20_000 });
    expect(mail!.subject).toBe(`Cotización ${created.body.number} de Nuestra empresa`);
    expect(mail!.text).toContain('$ 6.819.294,98');
    expect(mail!.attachments).toHaveLength(1);
    const attachment = mail!.attachments[0]!;
    expect(attachment).toMatchObject({ fileName: `${created.body.number}.pdf`, contentType: 'application/pdf' });
    // The attachment's bytes, from the message as the SMTP server received it.
    const parsed = await simpleParser(mail!.raw);
    const { texts } = readPdf(parsed.attachments[0]!.content);
    expect(texts.join(' ')).toContain(created.body.number);
    const event = await spy.waitForMessage((m) => m.routingKey === 'opportunities.quote.sent' && m.body.data.quoteId === created.body.id);
    expect(event.body.data).toMatchObject({ recipient: { email: contactEmail }, pdf: { fileName: `${created.body.number}.pdf` } });
    const noEmail = await world.createContact(seller.token, { lastName: 'Sin correo', teamId: north });
    const other = await createOpportunity(world.api, seller.token, { title: 'Sin correo', contactId: noEmail.id, value: { amount: '100' } });
    const quote = await world.api.post(`/api/v1/opportunities/${other.body.id}/quotes`, { lines: threeLines }, seller.token);
    const refused = await world.api.post(`/api/v1/quotes/${quote.body.id}/send`, { version: 1 }, seller.token);
    expect(refused.status).toBe(409);
    expect((await world.api.get(`/api/v1/quotes/${quote.body.id}`, seller.token)).body.status).toBe('draft');
    expect(world.platform.smtp.messages.filter((m) => m.subject.includes(created.body.number))).toHaveLength(1);
  });

  it("another team's seller gets 404 on the opportunity's quotes, everywhere", async () => {
    const created = await createQuote({ lines: threeLines });
    const id = created.body.id as string;
    expect((await world.api.get(`/api/v1/quotes/${id}`, southSeller.token)).status).toBe(404);
    expect((await world.api.get(`/api/v1/quotes/${id}/revisions`, southSeller.token)).status).toBe(404);
    expect((await world.api.patch(`/api/v1/quotes/${id}`, { version: 1, terms: 'x' }, southSeller.token)).status).toBe(404);
    expect((await world.api.post(`/api/v1/quotes/${id}/send`, { version: 1 }, southSeller.token)).status).toBe(404);
    expect((await world.api.get(`/api/v1/opportunities/${opportunityId}/quotes`, southSeller.token)).status).toBe(404);
    expect((await createQuote({ lines: threeLines }, southSeller.token)).status).toBe(404);
    expect((await world.api.get(`/api/v1/quotes/${randomUUID()}`, seller.token)).status).toBe(404);
  });
});
