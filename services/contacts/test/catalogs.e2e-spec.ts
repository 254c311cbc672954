import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AmqpSpy, CrmWorld, type WorldUser } from '@crm/testing';

describe('catalogues: sources of capture and interests', () => {
  let world: CrmWorld;
  let spy: AmqpSpy;
  let seller: WorldUser;
  let otherTenant: WorldUser;

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts'] });
    spy = await AmqpSpy.connect();
    await spy.listen(`${world.platform.amqpPrefix}crm.events`, 'contacts.#');
    seller = await world.createUser(['sales']);
    otherTenant = await world.createTenant();
  }, 120_000);

  afterAll(async () => {
    await spy?.close();
    await world?.stop();
  });

  const createSource = (body: Record<string, unknown>, token = world.adminToken) => world.api.post('/api/v1/sources', body, token);

  it('seeds the Spanish default sources once per tenant, on the first list, for any user', async () => {
    const [first, concurrent] = await Promise.all([world.api.get('/api/v1/sources', seller.token), world.api.get('/api/v1/sources', world.adminToken)]);
    expect(first.status).toBe(200);
    expect(concurrent.status).toBe(200);
    expect(first.body.items.map((s: { name: string }) => s.name)).toEqual(['Feria comercial', 'Llamada entrante', 'Redes sociales', 'Referido', 'Sitio web']);
    expect(concurrent.body.items).toHaveLength(5);
    expect(first.body.items.find((s: { name: string }) => s.name === 'Feria comercial')).toMatchObject({ channel: 'trade_show', active: true, isDefault: true, cost: null, period: null });
    const event = await spy.waitForMessage((m) => m.routingKey === 'contacts.source.changed' && m.body.data.name === 'Sitio web');
    expect(event.body.data).toMatchObject({ change: 'created', channel: 'web', active: true });

    // Another tenant gets its own, and never sees these.
    const other = await world.api.get('/api/v1/sources', otherTenant.token);
    expect(other.body.items).toHaveLength(5);
    expect(other.body.items.map((s: { id: string }) => s.id)).not.toContain(first.body.items[0].id);
  });

  it('lets an admin create and change a source with cost and period (event for reporting); sales get 403', async () => {
    const created = await createSource({
      name: 'Expoconstrucción 2026',
      channel: 'trade_show',
      notes: 'Stand 42',
      cost: { amount: '12500000', currency: 'COP' },
      period: { from: '2026-05-01', to: '2026-05-31' },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/sources/${created.body.id}`);
    expect(created.body).toMatchObject({
      name: 'Expoconstrucción 2026',
      channel: 'trade_show',
      cost: { amount: '12500000.00', currency: 'COP' },
      period: { from: '2026-05-01', to: '2026-05-31' },
      active: true,
      version: 1,
    });
    const event = await spy.waitForMessage((m) => m.routingKey === 'contacts.source.changed' && m.body.subject === created.body.id);
    expect(event.body.data).toMatchObject({
      sourceId: created.body.id,
      change: 'created',
      cost: { amount: '12500000.00', currency: 'COP' },
      period: { from: '2026-05-01', to: '2026-05-31' },
    });

    const changed = await world.api.patch(`/api/v1/sources/${created.body.id}`, { cost: { amount: '13000000.50', currency: 'COP' }, version: 1 }, world.adminToken);
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ cost: { amount: '13000000.50', currency: 'COP' }, version: 2 });
    const update = await spy.waitForMessage((m) => m.routingKey === 'contacts.source.changed' && m.body.subject === created.body.id && m.body.data.version === 2);
    expect(update.body.data.changes).toEqual([{ field: 'costAmount', from: '12500000.00', to: '13000000.50' }]);

    expect((await createSource({ name: 'De ventas', channel: 'web' }, seller.token)).status).toBe(403);
    expect((await world.api.patch(`/api/v1/sources/${created.body.id}`, { name: 'X', version: 2 }, seller.token)).status).toBe(403);
    expect((await world.api.post('/api/v1/interests', { name: 'De ventas' }, seller.token)).status).toBe(403);
    expect((await world.api.get(`/api/v1/sources/${created.body.id}`, seller.token)).status).toBe(200);
    expect((await world.api.get(`/api/v1/sources/${created.body.id}`, otherTenant.token)).status).toBe(404);
  });

  it('refuses bad input naming the field, duplicates (409) and stale versions (412)', async () => {
    const badPeriod = await createSource({ name: 'Periodo malo', channel: 'web', period: { from: '2026-06-30', to: '2026-06-01' } });
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.body.errors[0].field).toBe('period.to');
    const badAmount = await createSource({ name: 'Monto malo', channel: 'web', cost: { amount: '12,5', currency: 'COP' } });
    expect(badAmount.status).toBe(400);
    expect(badAmount.body.errors[0].field).toBe('cost.amount');
    const badChannel = await createSource({ name: 'Canal malo', channel: 'paloma' });
    expect(badChannel.status).toBe(400);
    expect(badChannel.body.errors[0].field).toBe('channel');
    const duplicate = await createSource({ name: 'sitio WEB', channel: 'web' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.existingId).toEqual(expect.any(String));

    const source = (await createSource({ name: `Versionada ${Date.now()}`, channel: 'email' })).body;
    expect((await world.api.patch(`/api/v1/sources/${source.id}`, { notes: 'a' }, world.adminToken)).status).toBe(428);
    expect((await world.api.patch(`/api/v1/sources/${source.id}`, { notes: 'a', version: 1 }, world.adminToken)).status).toBe(200);
    const stale = await world.api.patch(`/api/v1/sources/${source.id}`, { notes: 'b' }, world.adminToken, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.body.currentVersion).toBe(2);
  });

  it('deactivating a source keeps it on its contacts but it cannot be chosen again (400 naming sourceId)', async () => {
    const source = (await createSource({ name: `Volante ${Date.now()}`, channel: 'advertising' })).body;
    const contact = await world.createContact(seller.token, { sourceId: source.id });
    expect(contact).toMatchObject({ sourceId: source.id });

    const off = await world.api.patch(`/api/v1/sources/${source.id}`, { active: false, version: 1 }, world.adminToken);
    expect(off.status).toBe(200);
    const active = await world.api.get('/api/v1/sources?active=true&limit=200', seller.token);
    expect(active.body.items.map((s: { id: string }) => s.id)).not.toContain(source.id);
    const inactive = await world.api.get('/api/v1/sources?active=false', seller.token);
    expect(inactive.body.items.map((s: { id: string }) => s.id)).toContain(source.id);

    expect((await world.api.get(`/api/v1/contacts/${contact.id}`, seller.token)).body.sourceId).toBe(source.id);
    const edited = await world.api.patch(`/api/v1/contacts/${contact.id}`, { city: 'Pereira', version: contact.version }, seller.token);
    expect(edited.status).toBe(200);
    expect(edited.body.sourceId).toBe(source.id);

    const fresh = await world.api.post('/api/v1/contacts', { kind: 'person', firstName: 'Nuevo', sourceId: source.id }, seller.token);
    expect(fresh.status).toBe(400);
    expect(fresh.body.errors).toEqual([{ field: 'sourceId', message: expect.stringContaining('desactivada') }]);
    const other = await world.createContact(seller.token);
    const moved = await world.api.patch(`/api/v1/contacts/${other.id}`, { sourceId: source.id, version: 1 }, seller.token);
    expect(moved.status).toBe(400);
    expect(moved.body.errors[0].field).toBe('sourceId');

    const foreign = (await world.api.get('/api/v1/sources', otherTenant.token)).body.items[0].id;
    const crossTenant = await world.api.post('/api/v1/contacts', { kind: 'person', firstName: 'Ajeno', sourceId: foreign }, seller.token);
    expect(crossTenant.status).toBe(400);
    expect(crossTenant.body.errors[0].field).toBe('sourceId');
  });

  it('keeps a contact’s interests (join table), refuses deactivated ones for new choices, and records the change', async () => {
    const stamp = Date.now();
    const payroll = await world.api.post('/api/v1/interests', { name: `Nómina ${stamp}`, description: 'Software de nómina' }, world.adminToken);
    const billing = await world.api.post('/api/v1/interests', { name: `Facturación ${stamp}` }, world.adminToken);
    const crm = await world.api.post('/api/v1/interests', { name: `CRM ${stamp}` }, world.adminToken);
    expect(payroll.status).toBe(201);
    expect(payroll.body).toMatchObject({ description: 'Software de nómina', active: true, version: 1 });
    await spy.waitForMessage((m) => m.routingKey === 'contacts.interest.changed' && m.body.subject === payroll.body.id);

    const contact = await world.createContact(seller.token, { interestIds: [payroll.body.id, billing.body.id] });
    expect([...(contact as unknown as { interestIds: string[] }).interestIds].sort()).toEqual([payroll.body.id, billing.body.id].sort());
    const read = await world.api.get(`/api/v1/contacts/${contact.id}`, seller.token);
    expect(read.body.interestIds.sort()).toEqual([payroll.body.id, billing.body.id].sort());

    expect((await world.api.patch(`/api/v1/interests/${payroll.body.id}`, { active: false, version: 1 }, world.adminToken)).status).toBe(200);
    expect((await world.api.get(`/api/v1/contacts/${contact.id}`, seller.token)).body.interestIds).toContain(payroll.body.id);

    const refused = await world.api.post('/api/v1/contacts', { kind: 'person', firstName: 'Otro', interestIds: [payroll.body.id] }, seller.token);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ field: 'interestIds', message: expect.stringContaining(payroll.body.id) });

    // Keeping the deactivated one while adding an active one is fine; the timeline shows old → new.
    const kept = await world.api.patch(`/api/v1/contacts/${contact.id}`, { interestIds: [payroll.body.id, crm.body.id], version: 1 }, seller.token);
    expect(kept.status).toBe(200);
    expect(kept.body.interestIds.sort()).toEqual([payroll.body.id, crm.body.id].sort());
    expect(kept.body.version).toBe(2);
    const timeline = await world.api.get(`/api/v1/contacts/${contact.id}/timeline`, seller.token);
    expect(timeline.body.items[0]).toMatchObject({
      kind: 'updated',
      changes: [{ field: 'interestIds', from: [payroll.body.id, billing.body.id].sort(), to: [payroll.body.id, crm.body.id].sort() }],
    });

    const interests = await world.api.get('/api/v1/interests?active=true&limit=200', seller.token);
    expect(interests.status).toBe(200);
    expect(interests.body.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([billing.body.id, crm.body.id]));
    expect(interests.body.items.map((i: { id: string }) => i.id)).not.toContain(payroll.body.id);
    expect((await world.api.get(`/api/v1/interests/${crm.body.id}`, otherTenant.token)).status).toBe(404);
  });
});
