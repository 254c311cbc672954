import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CrmWorld, type WorldUser } from '@crm/testing';

// Every expected date is counted by hand on the official 2026/2027 Colombian holiday calendar
// (see libs/business-calendar/src/__tests__/hand-calendar.ts). Bogotá is UTC−5 all year,
// so the end of local day D is D+1 at 04:59:59.999Z.
describe('business calendars and the business-days endpoint', () => {
  let world: CrmWorld;
  let agent: WorldUser;
  let otherTenant: WorldUser;

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['tickets'] });
    agent = await world.createUser(['support']);
    otherTenant = await world.createTenant();
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  const businessDays = (from: string, days: number, id = 'default', token = agent.token, headers: Record<string, string> = {}) =>
    world.api.get(`/api/v1/business-calendars/${id}/business-days?from=${encodeURIComponent(from)}&days=${days}`, token, headers);

  it('seeds the tenant default calendar: America/Bogota, Mon–Fri 08:00–17:00, Colombian holidays', async () => {
    const list = await world.api.get('/api/v1/business-calendars', agent.token);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      name: 'Calendario general',
      timeZone: 'America/Bogota',
      colombianHolidays: true,
      isDefault: true,
      extraNonWorkingDays: [],
      workingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '17:00' })),
    });
  });

  it('a Friday-night receipt in Bogotá (Saturday in UTC), 15 days: Mon 30 Mar 2026', async () => {
    // Fri 6 Mar 21:30 Bogotá = Sat 7 Mar 02:30Z; day of receipt Friday. Mon 9(1) … Fri 20(10), Mon 23
    // San José skipped, Tue 24(11) … Fri 27(14), Mon 30 Mar(15).
    const response = await businessDays('2026-03-07T02:30:00Z', 15);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ timeZone: 'America/Bogota', receivedOn: '2026-03-06', startsOn: '2026-03-09', dueDate: '2026-03-30', dueAt: '2026-03-31T04:59:59.999Z' });
    expect(response.body.skippedDays).toContainEqual({ date: '2026-03-23', reason: 'holiday', label: 'Festivo: San José' });
    expect(response.body.skippedDays).toContainEqual({ date: '2026-03-07', reason: 'weekend', label: 'Fin de semana' });
    expect(response.body.countedDays).toHaveLength(15);
  });

  it('Semana Santa 2026, 10 days from Mon 30 Mar: Wed 15 Apr (labels in English on request)', async () => {
    // Tue 31(1) Wed 1 Apr(2), Thu 2/Fri 3 holidays, Mon 6(3) … Wed 15(10).
    const response = await businessDays('2026-03-30', 10, 'default', agent.token, { 'accept-language': 'en' });
    expect(response.body).toMatchObject({ dueDate: '2026-04-15', dueAt: '2026-04-16T04:59:59.999Z' });
    expect(response.body.skippedDays.filter((d: { reason: string }) => d.reason === 'holiday')).toEqual([
      { date: '2026-04-02', reason: 'holiday', label: 'Holiday: Maundy Thursday' },
      { date: '2026-04-03', reason: 'holiday', label: 'Holiday: Good Friday' },
    ]);
  });

  it('across the year end, 30 days from Mon 7 Dec 2026: Fri 22 Jan 2027 (8 Dec, 25 Dec, 1 Jan, Reyes on 11 Jan)', async () => {
    const response = await businessDays('2026-12-07', 30);
    expect(response.body).toMatchObject({ dueDate: '2027-01-22', dueAt: '2027-01-23T04:59:59.999Z' });
    expect(response.body.skippedDays.filter((d: { reason: string }) => d.reason === 'holiday').map((d: { date: string }) => d.date)).toEqual([
      '2026-12-08',
      '2026-12-25',
      '2027-01-01',
      '2027-01-11',
    ]);
  });

  it('received on a holiday and on the Monday of a moved holiday', async () => {
    // Fri 1 May 2026 (Día del Trabajo), 15 days: Mon 4(1) … Fri 15(10), Mon 18 Ascensión, Tue 19(11) … Mon 25 May(15).
    expect((await businessDays('2026-05-01', 15)).body).toMatchObject({ startsOn: '2026-05-04', dueDate: '2026-05-25' });
    // Mon 12 Jan 2026 (Reyes moved from Tue 6), 10 days: Tue 13(1) … Mon 26 Jan(10).
    expect((await businessDays('2026-01-12', 10)).body).toMatchObject({ startsOn: '2026-01-13', dueDate: '2026-01-26' });
  });

  it('an admin adds a tenant non-working day; the count skips it with its reason', async () => {
    const current = await world.api.get('/api/v1/business-calendars/default', world.adminToken);
    const changed = await world.api.patch(
      `/api/v1/business-calendars/${current.body.id}`,
      { extraNonWorkingDays: [{ date: '2026-03-10', reason: 'Inventario anual' }], version: current.body.version },
      world.adminToken,
    );
    expect(changed.status).toBe(200);
    // The Friday-night case moves from Mon 30 to Tue 31 Mar.
    const response = await businessDays('2026-03-06', 15, current.body.id, world.adminToken);
    expect(response.body).toMatchObject({ dueDate: '2026-03-31' });
    expect(response.body.skippedDays).toContainEqual({ date: '2026-03-10', reason: 'non_working_day', label: 'Día no laborable: Inventario anual' });
    const stale = await world.api.patch(`/api/v1/business-calendars/${current.body.id}`, { extraNonWorkingDays: [], version: current.body.version }, world.adminToken);
    expect(stale.status).toBe(412);
    const restored = await world.api.patch(`/api/v1/business-calendars/${current.body.id}`, { extraNonWorkingDays: [], version: changed.body.version }, world.adminToken);
    expect(restored.status).toBe(200);
  });

  it('a calendar in another zone with Saturday hours; bad input is a 400 naming the field; support may not edit', async () => {
    const created = await world.api.post(
      '/api/v1/business-calendars',
      {
        name: 'Sucursal Madrid',
        timeZone: 'Europe/Madrid',
        workingHours: [
          { weekday: 1, start: '09:00', end: '18:00' },
          { weekday: 6, start: '09:00', end: '13:00' },
        ],
      },
      world.adminToken,
    );
    expect(created.status).toBe(201);
    // 2026-03-05T23:30Z is already Friday in Madrid: 1 day → Mon 9 Mar (Saturday never counts for the law).
    const response = await businessDays('2026-03-05T23:30:00Z', 1, created.body.id);
    expect(response.body).toMatchObject({ receivedOn: '2026-03-06', dueDate: '2026-03-09', dueAt: '2026-03-09T22:59:59.999Z' });

    const badZone = await world.api.post('/api/v1/business-calendars', { name: 'Marte', timeZone: 'Mars/Olympus' }, world.adminToken);
    expect(badZone.status).toBe(400);
    expect(badZone.body.errors[0].field).toBe('timeZone');
    const badHours = await world.api.post('/api/v1/business-calendars', { name: 'Al revés', workingHours: [{ weekday: 1, start: '17:00', end: '08:00' }] }, world.adminToken);
    expect(badHours.status).toBe(400);
    expect(badHours.body.errors[0].field).toBe('workingHours[0].end');
    expect((await businessDays('ayer', 15)).status).toBe(400);
    expect((await businessDays('2026-03-06', 0)).status).toBe(400);
    expect((await world.api.post('/api/v1/business-calendars', { name: 'Soporte' }, agent.token)).status).toBe(403);
    expect((await world.api.get(`/api/v1/business-calendars/${created.body.id}`, otherTenant.token)).status).toBe(404);
    expect((await world.api.delete(`/api/v1/business-calendars/${created.body.id}`, world.adminToken)).status).toBe(204);
  });

  it('legal terms: the law defaults per class, admin-editable', async () => {
    const list = await world.api.get('/api/v1/legal-terms', agent.token);
    expect(list.status).toBe(200);
    const days = Object.fromEntries(list.body.items.map((t: { pqrClass: string; termDays: number }) => [t.pqrClass, t.termDays]));
    expect(days).toEqual({ peticion_general: 15, peticion_documentos: 10, consulta: 30, queja: 15, reclamo: 15, sugerencia: 15, felicitacion: 15, denuncia: 15 });
    const edited = await world.api.patch('/api/v1/legal-terms/queja', { termDays: 12, version: 1 }, world.adminToken);
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ pqrClass: 'queja', termDays: 12, lawDefaultDays: 15, version: 2 });
    expect((await world.api.patch('/api/v1/legal-terms/queja', { termDays: 10, version: 1 }, world.adminToken)).status).toBe(412);
    expect((await world.api.patch('/api/v1/legal-terms/queja', { termDays: 10, version: 2 }, agent.token)).status).toBe(403);
    expect((await world.api.patch('/api/v1/legal-terms/queja', { termDays: 0, version: 2 }, world.adminToken)).status).toBe(400);
    expect((await world.api.get('/api/v1/legal-terms/tutela', agent.token)).status).toBe(404);
    // Another tenant keeps the law's 15.
    const other = await world.api.get('/api/v1/legal-terms/queja', otherTenant.token);
    expect(other.body.termDays).toBe(15);
  });
});
