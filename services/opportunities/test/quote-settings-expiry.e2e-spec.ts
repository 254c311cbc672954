import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AmqpSpy, CrmWorld, type WorldUser } from '@crm/testing';
import { createOpportunity } from './opportunities-test-kit.js';
import { readPdf } from './pdf-text.js';

/** YYYY-MM-DD of `date` plus `days` (calendar arithmetic on the date itself, no zone). */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Issue #7: per-tenant quote issuer settings (admin GET/PUT /quote-settings, the environment as
 * the default, used by the PDF) and quote expiry in the tenant's time zone.
 */
describe('quote settings and quote expiry', () => {
  let world: CrmWorld;
  let spy: AmqpSpy;
  let db: pg.Client;
  let seller: WorldUser;
  let opportunityId: string;

  const lines = [{ description: 'Overol industrial', quantity: '10', unitPrice: '85000' }];
  const settings = () => world.api.get('/api/v1/quote-settings', world.adminToken);
  const putSettings = (body: Record<string, unknown>, token = world.adminToken) => world.api.request('PUT', '/api/v1/quote-settings', { body, token });

  beforeAll(async () => {
    world = await CrmWorld.start({
      services: ['contacts', 'opportunities'],
      env: { QUOTE_EXPIRY_POLL_MS: '300', QUOTE_ISSUER_NAME: 'Emisor del Entorno S.A.S.', QUOTE_ISSUER_TAX_ID: '800000001-1' },
    });
    spy = await AmqpSpy.connect();
    await spy.listen(`${world.platform.amqpPrefix}crm.events`, 'opportunities.quote.#');
    db = new pg.Client({ connectionString: world.platform.env.DATABASE_URL });
    await db.connect();
    const team = await world.createTeam(`Cotizaciones ${randomUUID().slice(0, 6)}`);
    seller = await world.createUser(['sales'], [team]);
    const contact = await world.createContact(seller.token, { lastName: 'Vence', teamId: team, email: `compras-${randomUUID().slice(0, 6)}@cliente.test` });
    const created = await createOpportunity(world.api, seller.token, { title: 'Overoles planta Sabaneta', contactId: contact.id });
    expect(created.status).toBe(201);
    opportunityId = created.body.id;
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await spy?.close();
    await world?.stop();
  });

  async function sentQuote(validUntil: string): Promise<{ id: string; version: number }> {
    const created = await world.api.post(`/api/v1/opportunities/${opportunityId}/quotes`, { lines, validUntil }, seller.token);
    expect(created.status).toBe(201);
    const sent = await world.api.post(`/api/v1/quotes/${created.body.id}/send`, { version: created.body.version }, seller.token);
    expect(sent.status).toBe(200);
    return { id: sent.body.id, version: sent.body.version };
  }

  it('keeps the environment as the default issuer until an admin stores the tenant’s own, which the PDF then shows', async () => {
    const initial = await settings();
    expect(initial.status).toBe(200);
    expect(initial.body).toMatchObject({ source: 'default', companyName: 'Emisor del Entorno S.A.S.', taxId: '800000001-1', timeZone: 'America/Bogota', version: 0 });
    expect((await world.api.get('/api/v1/quote-settings', seller.token)).status).toBe(403);
    expect((await putSettings({ companyName: 'Intruso' }, seller.token)).status).toBe(403);
    const badEmail = await putSettings({ companyName: 'Dotaciones Andinas S.A.S.', email: 'no-es-correo' });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.errors[0].field).toBe('email');
    const badZone = await putSettings({ companyName: 'Dotaciones Andinas S.A.S.', timeZone: 'Marte/Olimpo' });
    expect(badZone.status).toBe(400);
    expect(badZone.body.errors[0].field).toBe('timeZone');

    const body = {
      companyName: 'Dotaciones Andinas S.A.S.',
      taxId: '900123456-7',
      address: 'Cra. 43A # 1-50, Medellín',
      phone: '+57 604 444 5566',
      email: 'ventas@dotacionesandinas.co',
      footerTerms: 'Consignar en Bancolombia cuenta 123-456789-01.',
    };
    const stored = await putSettings(body);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ ...body, source: 'tenant', timeZone: 'America/Bogota', version: 1 });
    expect((await putSettings({ ...body, phone: '+57 604 000 0000' })).status).toBe(428);
    expect((await putSettings({ ...body, version: 7 })).status).toBe(412);
    expect((await settings()).body).toMatchObject({ ...body, version: 1 });

    const quote = await world.api.post(`/api/v1/opportunities/${opportunityId}/quotes`, { lines, validUntil: '2099-12-31' }, seller.token);
    const pdf = await fetch(`${world.api.baseUrl}/api/v1/quotes/${quote.body.id}/pdf`, { headers: { authorization: `Bearer ${seller.token}` } });
    expect(pdf.status).toBe(200);
    const text = readPdf(Buffer.from(await pdf.arrayBuffer())).texts.join('\n');
    expect(text).toContain('Dotaciones Andinas S.A.S.');
    expect(text).toContain('NIT 900123456-7');
    expect(text).toContain('Consignar en Bancolombia cuenta 123-456789-01.');
    expect(text).not.toContain('Emisor del Entorno');

    // Another tenant is untouched: it still sees the default.
    const other = await world.createTenant();
    expect((await world.api.get('/api/v1/quote-settings', other.token)).body).toMatchObject({ source: 'default', companyName: 'Emisor del Entorno S.A.S.' });
  });

  it('expires a sent quote the day after its validity date at 00:00 in the tenant time zone, and refuses to accept it (409)', async () => {
    // Worked by hand. Kiritimati is UTC+14 and Pago Pago UTC−11, neither with daylight saving:
    // Kiritimati's date is always one or two days ahead of Pago Pago's (25 hours apart).
    // Let L be today's date in Kiritimati. Then now ∈ [L−1 10:00Z, L 10:00Z) and Pago Pago's date
    // is L−1 (from 11:00Z) or L−2.
    // - validUntil L−1 expires at L 00:00 local: in Kiritimati that is L−1 10:00Z (passed); in
    //   Pago Pago L 11:00Z (still ahead).
    // - validUntil L expires at L+1 00:00 in Kiritimati = L 10:00Z: still ahead.
    // - validUntil L−3 expires in Pago Pago at L−2 11:00Z: passed.
    // (The test does not straddle 10:00Z, when L changes.)
    const L = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Kiritimati' }).format(new Date());
    const current = (await settings()).body;
    const toPagoPago = await putSettings({ companyName: current.companyName, timeZone: 'Pacific/Pago_Pago', version: current.version });
    expect(toPagoPago.status).toBe(200);

    const a = await sentQuote(addDays(L, -1));
    const b = await sentQuote(L);
    const control = await sentQuote(L);
    await db.query('UPDATE opportunities.quote SET valid_until = $2 WHERE id = $1', [control.id, addDays(L, -3)]);
    const controlExpired = await spy.waitForMessage((m) => m.routingKey === 'opportunities.quote.expired' && m.body.data.quoteId === control.id, 20_000);
    expect(controlExpired.body.data).toMatchObject({ validUntil: addDays(L, -3), timeZone: 'Pacific/Pago_Pago' });
    // The pass that expired the control looked at A and B too: in Pago Pago both are still valid.
    expect((await world.api.get(`/api/v1/quotes/${a.id}`, seller.token)).body.status).toBe('sent');
    expect((await world.api.get(`/api/v1/quotes/${b.id}`, seller.token)).body.status).toBe('sent');

    const toKiritimati = await putSettings({ companyName: current.companyName, timeZone: 'Pacific/Kiritimati', version: toPagoPago.body.version });
    expect(toKiritimati.status).toBe(200);
    const expired = await spy.waitForMessage((m) => m.routingKey === 'opportunities.quote.expired' && m.body.data.quoteId === a.id, 20_000);
    expect(expired.body.data).toMatchObject({ opportunityId, validUntil: addDays(L, -1), timeZone: 'Pacific/Kiritimati', version: a.version + 1 });
    expect(spy.messages.some((m) => m.routingKey === 'opportunities.quote.expired' && m.body.data.quoteId === b.id)).toBe(false);

    const seen = await world.api.get(`/api/v1/quotes/${a.id}`, seller.token);
    expect(seen.body).toMatchObject({ status: 'expired', version: a.version + 1 });
    expect(seen.body.expiredAt).not.toBeNull();
    const accept = await world.api.post(`/api/v1/quotes/${a.id}/accept`, { version: seen.body.version }, seller.token);
    expect(accept.status).toBe(409);
    expect((await world.api.post(`/api/v1/quotes/${a.id}/send`, { version: seen.body.version }, seller.token)).status).toBe(409);
    expect((await world.api.get(`/api/v1/quotes/${b.id}`, seller.token)).body.status).toBe('sent');
    expect((await world.api.post(`/api/v1/quotes/${b.id}/accept`, { version: b.version }, seller.token)).status).toBe(200);

    // Renewing the expired quote: a new draft revision with a new date, the expired one kept.
    const renewed = await world.api.patch(`/api/v1/quotes/${a.id}`, { validUntil: addDays(L, 30), version: seen.body.version }, seller.token);
    expect(renewed.status).toBe(200);
    expect(renewed.body).toMatchObject({ status: 'draft', revision: 2, validUntil: addDays(L, 30), expiredAt: null });
    const revisions = await world.api.get(`/api/v1/quotes/${a.id}/revisions`, seller.token);
    expect(revisions.body.items.map((r: { status: string; revision: number }) => [r.revision, r.status])).toEqual([[1, 'expired']]);
  });
});
