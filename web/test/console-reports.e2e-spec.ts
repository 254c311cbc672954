import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { CrmWorld, waitFor, type WorldUser } from '@crm/testing';
import { closeConsole, openConsole, screenshot, type Browser } from './browser.js';

type Money = { currency: string; amount: string };
type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const CHANNELS: Record<string, string> = {
  web: 'Sitio web',
  trade_show: 'Feria',
  referral: 'Referido',
  social_media: 'Redes sociales',
  phone: 'Teléfono',
  email: 'Correo',
  advertising: 'Publicidad',
  partner: 'Aliado',
  other: 'Otro',
};

/**
 * The Reportes section, the quote line's product picker and the bell receiving a notification
 * live, in a real Chromium against the real platform. Data is seeded through the API by one
 * seller of their own, so the figures filtered by that seller can be worked out by hand:
 *
 * - 3 contacts of a new source "Feria <suffix>" (cost 3.000.000 COP this month);
 * - 4 deals: A 10.000.000 and B 4.000.000 won (contacts 1 and 2 become customers), C 2.000.000 lost,
 *   D 6.000.000 open at 40 % expected to close on the 15th of next month;
 * - 2 activities on D (a call, done; a task, pending);
 * - 2 PQRs assigned to the seller (a queja and a reclamo).
 *
 * By hand, for the seller this month: sales cycle won 2, lost 1, win rate 2 ÷ 3 = 66,7%; source:
 * 3 leads, 2 customers, 2 won for 14.000.000, CAC 3.000.000 ÷ 2 = 1.500.000; forecast next month:
 * 1 deal, 6.000.000, weighted 6.000.000 × 40 % = 2.400.000; activities: call 1 created 1 done,
 * task 1 created 0 done; PQR: 2 received, 1 queja and 1 reclamo.
 */
describe('web console: reports, quote product picker, live bell (Chromium, real platform)', () => {
  let world: CrmWorld;
  let browser: Browser;
  let page: Page;
  let base: string;
  let seller: WorldUser;
  const suffix = randomUUID().slice(0, 6);
  const sourceName = `Feria ${suffix}`;
  const bogotaDay = (date: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Bogota' }).format(date);
  const today = bogotaDay(new Date());
  const monthStart = `${today.slice(0, 8)}01`;
  // The 15th of next month, and the last day of the month after (the forecast page's default end).
  const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const nextMonth15 = new Date(Date.UTC(year, month, 15)).toISOString().slice(0, 10);
  const forecastEnd = new Date(Date.UTC(year, month + 2, 0)).toISOString().slice(0, 10);
  let openDealId = '';

  // The console's formats (es-CO), whitespace normalised (Intl puts no-break spaces).
  const norm = (text: string) => text.replace(/\s+/g, ' ').trim();
  const money = (m: Money) => norm(new Intl.NumberFormat('es-CO', { style: 'currency', currency: m.currency, maximumFractionDigits: m.currency === 'COP' ? 0 : 2 }).format(Number(m.amount)));
  const moneyList = (list: Money[]) => (list.length === 0 ? '—' : list.map(money).join(' · '));
  const percent = (ratio: number | null) => (ratio === null ? '—' : norm(new Intl.NumberFormat('es-CO', { style: 'percent', maximumFractionDigits: 1 }).format(ratio)));
  const num = (value: number | null, digits = 2) => (value === null ? '—' : norm(new Intl.NumberFormat('es-CO', { maximumFractionDigits: digits }).format(value)));

  beforeAll(async () => {
    ({ world, browser, page, base } = await openConsole());
  }, 180_000);

  afterAll(() => closeConsole({ browser, world }), 60_000);

  async function apiGet(path: string, token = world.adminToken): Promise<Body> {
    const response = await world.api.get(path, token);
    expect(response.status).toBe(200);
    return response.body as Body;
  }

  /** POSTs once more (same idempotency key) while the service answers 503 (its database busy on a loaded machine). */
  async function post(path: string, body: Record<string, unknown>, token = world.adminToken): Promise<Body> {
    const key = randomUUID();
    const deadline = Date.now() + 20_000;
    for (;;) {
      const response = await world.api.post(path, body, token, { 'idempotency-key': key });
      if (response.status === 200 || response.status === 201) return response.body as Body;
      if (response.status !== 503 || Date.now() > deadline) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /** POSTs until the service has learnt about a user it names (identity events are asynchronous). */
  async function postWhenKnown(path: string, body: Record<string, unknown>, token = world.adminToken): Promise<Body> {
    return waitFor(
      async () => {
        const response = await world.api.post(path, body, token, { 'idempotency-key': randomUUID() });
        if (response.status === 200 || response.status === 201) return response.body as Body;
        if (![400, 404, 503].includes(response.status)) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
        return undefined;
      },
      { timeoutMs: 20_000, intervalMs: 250, description: `${path} once the user is known` },
    );
  }

  /** The cells of a drawn table, row by row (row header first). */
  async function rowsOf(testId: string): Promise<string[][]> {
    const table = page.getByTestId(testId);
    await table.waitFor();
    return table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim())));
  }

  /** Waits until the reporting API's answer satisfies `ready` (reporting learns from events). */
  async function report(path: string, ready: (body: Body) => boolean, description: string): Promise<Body> {
    let last: Body | undefined;
    try {
      return await waitFor(
        async () => {
          last = await apiGet(path);
          return ready(last) ? last : undefined;
        },
        { timeoutMs: 45_000, intervalMs: 500, description },
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}; the API's last answer: ${JSON.stringify(last)}`);
    }
  }

  it('seeds a seller’s month through the API', async () => {
    const team = await world.createTeam(`Ventas ${suffix}`);
    seller = await world.createUser(['sales'], [team]);
    const source = await post('/api/v1/sources', { name: sourceName, channel: 'trade_show', cost: { amount: '3000000', currency: 'COP' }, period: { from: monthStart, to: today } });
    const contacts = [];
    for (const n of [1, 2, 3]) {
      // Contacts get an owner only from a round-robin rule or an assignment: the admin gives them to the seller.
      const contact = await world.createContact(seller.token, { lastName: `Reporte${n} ${suffix}`, sourceId: source.id });
      await world.assign(world.adminToken, contact.id, seller.id);
      contacts.push(contact);
    }
    const deal = async (title: string, contactId: string, amount: string, extra: Record<string, unknown> = {}) =>
      postWhenKnown('/api/v1/opportunities', { title: `${title} ${suffix}`, contactId, value: { amount, currency: 'COP' }, ...extra }, seller.token);
    const a = await deal('Dotación A', contacts[0]!.id, '10000000');
    const b = await deal('Dotación B', contacts[1]!.id, '4000000');
    const c = await deal('Dotación C', contacts[2]!.id, '2000000');
    const d = await deal('Dotación D', contacts[2]!.id, '6000000', { probability: 40, expectedCloseDate: nextMonth15 });
    openDealId = d.id as string;
    // A goes through Calificado before it is won: one exit from the first stage for "Tiempo en cada etapa".
    const stages = (await apiGet('/api/v1/pipelines')).items.find((pipeline: Body) => pipeline.isDefault).stages as Array<{ id: string; name: string }>;
    const moved = await post(`/api/v1/opportunities/${a.id}/stage`, { stageId: stages.find((stage) => stage.name === 'Calificado')!.id, version: a.version }, seller.token);
    await post(`/api/v1/opportunities/${a.id}/win`, { version: moved.version }, seller.token);
    await post(`/api/v1/opportunities/${b.id}/win`, { version: b.version }, seller.token);
    const reasons = (await apiGet('/api/v1/lost-reasons', seller.token)).items as Array<{ id: string }>;
    await post(`/api/v1/opportunities/${c.id}/lose`, { version: c.version, lostReasonId: reasons[0]!.id, note: 'Precio' }, seller.token);
    const call = await post('/api/v1/activities', { type: 'call', subject: `Llamar ${suffix}`, opportunityId: openDealId }, seller.token);
    await post('/api/v1/activities', { type: 'task', subject: `Enviar catálogo ${suffix}`, opportunityId: openDealId }, seller.token);
    await post(`/api/v1/activities/${call.id}/complete`, { version: call.version, outcome: 'Interesado' }, seller.token);
    for (const pqrClass of ['queja', 'reclamo']) {
      await postWhenKnown('/api/v1/tickets', {
        pqrClass,
        subject: `Demora en la entrega ${pqrClass} ${suffix}`,
        description: 'El pedido no llegó en la fecha acordada.',
        channel: 'telefono',
        priority: 'alta',
        requester: { name: 'Carlos Rincón', email: `carlos.${suffix}@example.co` },
        assigneeId: seller.id,
      });
    }
    // A lost deal of the admin: the unfiltered figures differ from the seller's.
    const mine = await world.createContact(world.adminToken, { lastName: `Admin ${suffix}` });
    const lostByAdmin = await postWhenKnown('/api/v1/opportunities', { title: `Otra ${suffix}`, contactId: mine.id, value: { amount: '1000000', currency: 'COP' } });
    await post(`/api/v1/opportunities/${lostByAdmin.id}/lose`, { version: lostByAdmin.version, lostReasonId: reasons[0]!.id });
  }, 120_000);

  it('Ciclo de ventas: the table is the API’s answer, worked out by hand; the owner filter lives in the URL', async () => {
    const filters = `from=${monthStart}&to=${today}&ownerId=${seller.id}`;
    const api = await report(`/api/v1/reports/sales-cycle?${filters}`, (r) => r.won === 2 && r.lost === 1, 'the seller’s closed deals in reporting');
    expect(api.winRate).toBeCloseTo(2 / 3, 4);
    await page.goto(`${base}/reportes?${filters}`);
    await page.getByRole('heading', { name: 'Ciclo de ventas' }).waitFor();
    await page.getByRole('link', { name: 'Ciclo de ventas' }).and(page.locator('[aria-current=page]')).waitFor();
    expect(await rowsOf('table-sales-cycle')).toEqual([
      ['Ganadas', '2', num(api.averageDaysToWin), num(api.medianDaysToWin)],
      ['Perdidas', '1', num(api.averageDaysToLose), num(api.medianDaysToLose)],
    ]);
    await expect(page.getByTestId('kpi-win-rate').locator('.kpi-value').innerText()).resolves.toBe(percent(2 / 3));
    expect(norm(await page.getByTestId('kpi-win-rate').locator('.kpi-value').innerText())).toBe('66,7%');
    const pipelines = (await apiGet('/api/v1/pipelines')).items as Array<{ stages: Array<{ id: string; name: string }> }>;
    const stageName = new Map(pipelines.flatMap((pipeline) => pipeline.stages.map((stage) => [stage.id, stage.name] as const)));
    const timeInStage = await report(`/api/v1/reports/sales-cycle?${filters}`, (r) => r.timeInStage.length > 0, 'the stage change in reporting');
    await page.reload();
    await page.getByRole('img', { name: 'Tiempo en cada etapa' }).waitFor();
    expect(await rowsOf('table-time-in-stage')).toEqual(
      // Reporting may not know the first stage's name (it learns names from stage changes): the page takes it from the pipeline.
      (timeInStage.timeInStage as Body[]).map((row) => [row.name ?? stageName.get(row.stageId), String(row.exits), num(row.averageDays), num(row.medianDays)]),
    );
    expect((await rowsOf('table-time-in-stage')).map((row) => row.slice(0, 2))).toEqual([['Prospecto', '1']]);
    await screenshot(page, '40-reports-sales-cycle');

    // Everyone's figures: the URL loses ownerId and the table shows the unfiltered answer (the admin's loss too).
    const all = await report(`/api/v1/reports/sales-cycle?from=${monthStart}&to=${today}`, (r) => r.lost >= 2, 'the admin’s lost deal in reporting');
    await page.getByLabel('Responsable').selectOption('');
    await waitFor(async () => (!new URL(page.url()).searchParams.has('ownerId') ? true : undefined), { timeoutMs: 5_000, description: 'ownerId gone from the URL' });
    await page
      .getByTestId('table-sales-cycle')
      .locator('tbody tr')
      .nth(1)
      .locator('td')
      .first()
      .filter({ hasText: new RegExp(`^${all.lost}$`) })
      .waitFor();
    expect(await rowsOf('table-sales-cycle')).toEqual([
      ['Ganadas', String(all.won), num(all.averageDaysToWin), num(all.medianDaysToWin)],
      ['Perdidas', String(all.lost), num(all.averageDaysToLose), num(all.medianDaysToLose)],
    ]);
    expect(all.lost).toBeGreaterThan(1);
  });

  it('Fuentes y CAC: the seller’s source with its CAC by hand, and its CSV export has the same row', async () => {
    const filters = `from=${monthStart}&to=${today}&ownerId=${seller.id}`;
    const api = await report(
      `/api/v1/reports/sources?${filters}`,
      (r) => (r.sources as Body[]).some((s) => s.name === sourceName && s.leads === 3 && s.customers === 2 && s.won === 2 && s.cost.length > 0),
      'the seller’s source in reporting',
    );
    await page.goto(`${base}/reportes/fuentes?${filters}`);
    await page.getByRole('heading', { name: 'Fuentes y CAC' }).first().waitFor();
    const rows = await rowsOf('table-sources');
    expect(rows).toEqual(
      (api.sources as Body[]).map((s) => [
        s.name ?? s.sourceId,
        s.channel ? (CHANNELS[s.channel] ?? s.channel) : '—',
        String(s.leads),
        String(s.customers),
        String(s.won),
        moneyList(s.wonValue),
        moneyList(s.cost),
        moneyList(s.cac),
      ]),
    );
    // By hand: 3 leads, 2 customers, 2 won for 14.000.000; cost 3.000.000 ÷ 2 customers = CAC 1.500.000.
    expect(rows.find((row) => row[0] === sourceName)).toEqual([sourceName, 'Feria', '3', '2', '2', '$ 14.000.000', '$ 3.000.000', '$ 1.500.000']);
    await page.getByRole('img', { name: 'Leads por fuente' }).waitFor();
    await screenshot(page, '41-reports-sources');

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exportar Fuentes y CAC en CSV' }).click();
    const file = await downloading;
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    const lines = readFileSync((await file.path())!, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
      .map((line) => line.split(';').map((cell) => cell.replace(/^"|"$/g, '')));
    expect(lines[0]).toEqual(['Fuente', 'Canal', 'Leads', 'Clientes adquiridos', 'Ganadas', 'Moneda', 'Valor ganado', 'Costo', 'CAC']);
    const row = lines.find((cells) => cells[0] === sourceName)!;
    expect(row.slice(1, 6)).toEqual(['trade_show', '3', '2', '2', 'COP']);
    expect(row.slice(6).map(Number)).toEqual([14_000_000, 3_000_000, 1_500_000]);
    expect(lines).toHaveLength(1 + rows.length);
  });

  it('Pronóstico, Actividades, PQR and Valor del cliente draw the API’s figures for the seller', async () => {
    // Forecast: this month to the end of the month after next (the page's default), D by hand.
    const forecastFilters = `from=${monthStart}&to=${forecastEnd}&ownerId=${seller.id}`;
    const forecast = await report(`/api/v1/reports/forecast?${forecastFilters}`, (r) => (r.months as Body[]).some((m) => m.count === 1), 'the open deal in the forecast');
    await page.goto(`${base}/reportes/pronostico?ownerId=${seller.id}`);
    await page.getByRole('heading', { name: 'Pronóstico' }).first().waitFor();
    const forecastRows = await rowsOf('table-forecast');
    expect(forecastRows).toEqual((forecast.months as Body[]).map((m) => [m.month, String(m.count), moneyList(m.value), moneyList(m.weightedValue)]));
    expect(forecastRows.find((row) => row[0] === nextMonth15.slice(0, 7))).toEqual([nextMonth15.slice(0, 7), '1', '$ 6.000.000', '$ 2.400.000']);
    await screenshot(page, '42-reports-forecast');

    const filters = `from=${monthStart}&to=${today}&ownerId=${seller.id}`;
    const activities = await report(`/api/v1/reports/activities?${filters}`, (r) => (r.rows as Body[]).some((row) => row.type === 'call' && row.done === 1), 'the done call in reporting');
    await page.getByRole('link', { name: 'Actividades', exact: true }).click();
    await page.waitForURL(/\/reportes\/actividades\?/);
    expect(new URL(page.url()).searchParams.get('ownerId')).toBe(seller.id);
    const activityRows = await rowsOf('table-activities');
    const typeName: Record<string, string> = { call: 'Llamada', task: 'Tarea', meeting: 'Reunión', visit: 'Visita', email: 'Correo' };
    expect(activityRows).toEqual((activities.rows as Body[]).map((row) => [row.name ?? row.userId, typeName[row.type] ?? row.type, String(row.created), String(row.done)]));
    expect(activityRows.map((row) => row.slice(1))).toEqual([
      ['Llamada', '1', '1'],
      ['Tarea', '1', '0'],
    ]);
    await screenshot(page, '43-reports-activities');

    const tickets = await report(`/api/v1/reports/tickets?${filters}`, (r) => r.total === 2, 'the seller’s PQRs in reporting');
    await page.getByRole('link', { name: 'PQR', exact: true }).click();
    await page.waitForURL(/\/reportes\/pqr\?/);
    const classRows = await rowsOf('table-tickets-class');
    expect(classRows).toEqual((tickets.byClass as Body[]).map((row) => [row.key.replace(/_/g, ' ').replace(/^./, (c: string) => c.toUpperCase()), String(row.count)]));
    expect([...classRows].sort()).toEqual([
      ['Queja', '1'],
      ['Reclamo', '1'],
    ]);
    await expect(page.getByTestId('kpi-tickets-total').locator('.kpi-value').innerText()).resolves.toBe('2');
    const legal = tickets.legalCompliance as Body;
    const legalRows = await rowsOf('table-tickets-legal');
    expect(legalRows.slice(0, 5).map((row) => row[1])).toEqual(['on_time', 'extended', 'late', 'overdue', 'pending'].map((key) => String(legal[key])));
    expect(legalRows[5]).toEqual(['Cumplimiento legal', percent(legal.rate)]);
    expect((await rowsOf('table-tickets-times'))[0]).toEqual([
      'Primera respuesta',
      String(tickets.firstResponseBusinessMinutes.answered),
      num(tickets.firstResponseBusinessMinutes.average),
      num(tickets.firstResponseBusinessMinutes.median),
    ]);
    await screenshot(page, '44-reports-tickets');

    // Customer value comes from ERP invoices (none in this platform unless the ERP sent some): the page says what the API says.
    const customers = await apiGet(`/api/v1/reports/customers/value?${filters}`);
    await page.getByRole('link', { name: 'Valor del cliente', exact: true }).click();
    await page.waitForURL(/\/reportes\/valor-del-cliente\?/);
    if ((customers.customers as Body[]).length === 0) {
      await page.getByTestId('report-valor-del-cliente').getByText('Sin datos para este período.').waitFor();
    } else {
      expect(await rowsOf('table-customers-value')).toEqual(
        (customers.customers as Body[]).map((c) => [
          c.name ?? c.contactId,
          String(c.invoices),
          money(c.revenueToDate),
          money(c.paidToDate),
          money(c.averageOrder),
          String(c.monthsActive),
          num(c.purchaseFrequencyPerMonth, 4),
          money(c.projectedCltv),
        ]),
      );
    }
    await screenshot(page, '45-reports-customers');
  });

  it('a refused report shows the API’s Spanish message and "Reintentar"', async () => {
    await page.goto(`${base}/reportes/ciclo-de-ventas?from=1-12-2026&to=${today}`);
    const alert = page.getByRole('alert').filter({ hasText: 'from debe ser una fecha AAAA-MM-DD' });
    await alert.waitFor();
    await alert.getByRole('button', { name: 'Reintentar' }).waitFor();
    await screenshot(page, '46-reports-error');
  });

  it('the quote line’s product picker (keyboard) fills the description and the saved quote has the interestId', async () => {
    const interest = await post('/api/v1/interests', { name: `Zeta dotación ${suffix}`, description: 'Overoles y botas' });
    await page.goto(`${base}/crm/oportunidades/${openDealId}`);
    await page.getByRole('heading', { name: `Dotación D ${suffix}` }).waitFor();
    await page.getByRole('button', { name: 'Nueva cotización' }).click();
    const line = page.getByTestId('quote-line-1');
    const picker = line.getByLabel('Producto o servicio');
    await picker.locator('option', { hasText: `Zeta dotación ${suffix}` }).waitFor({ state: 'attached' });
    // Keyboard only: focus the list and type the product's first letters (the native select's type-ahead).
    await picker.focus();
    await page.keyboard.type('Zeta dot', { delay: 40 });
    await expect(picker.inputValue()).resolves.toBe(interest.id);
    await expect(line.getByLabel('Descripción').inputValue()).resolves.toBe(`Zeta dotación ${suffix}`);
    await line.getByLabel('Cantidad').fill('2');
    await line.getByLabel('Precio unitario').fill('350.000');
    await screenshot(page, '47-quote-product-picker');
    await page.getByRole('button', { name: 'Guardar cotización' }).click();
    // By hand: 2 × 350.000 = 700.000 + IVA 19 % (133.000) = 833.000.
    await page.getByTestId('quote-total').filter({ hasText: '833.000' }).waitFor();
    const quotes = (await apiGet(`/api/v1/opportunities/${openDealId}/quotes`)).items as Array<{ lines: Array<{ interestId: string | null; description: string }> }>;
    expect(quotes).toHaveLength(1);
    expect(quotes[0]!.lines[0]).toMatchObject({ interestId: interest.id, description: `Zeta dotación ${suffix}` });
  });

  it('a ticket assigned to the admin by another user arrives live in the bell; marking it read lowers the count (the API agrees)', async () => {
    const me = (await apiGet('/api/v1/auth/me')).id as string;
    await page.goto(`${base}/reportes`);
    await page.getByRole('heading', { name: 'Reportes' }).first().waitFor();
    const before = (await apiGet('/api/v1/notifications/unread-count')).unreadCount as number;
    const bell = page.getByTestId('bell');
    await waitFor(async () => ((await bell.getAttribute('aria-label')) === `Notificaciones: ${before} sin leer` ? true : undefined), {
      timeoutMs: 10_000,
      description: 'the bell showing the API’s unread count',
    });
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations.push(frame.url()));

    // Another administrator files a PQR and assigns it to the signed-in admin, all through the API.
    const other = await world.createUser(['admin']);
    const ticket = await post(
      '/api/v1/tickets',
      { pqrClass: 'peticion_general', subject: `Cambio de talla ${suffix}`, description: 'Necesito cambiar la talla del overol.', channel: 'email', requester: { name: 'Lucía Mora' } },
      other.token,
    );
    await postWhenKnown(`/api/v1/tickets/${ticket.id}/assign`, { assigneeId: me, version: ticket.version }, other.token);

    // The count rises without a reload, and the screen reader hears the new notification.
    await waitFor(async () => ((await bell.getAttribute('aria-label')) === `Notificaciones: ${before + 1} sin leer` ? true : undefined), {
      timeoutMs: 20_000,
      intervalMs: 200,
      description: 'the bell counting the new notification',
    });
    const feed = await apiGet('/api/v1/notifications?limit=5');
    const arrived = (feed.items as Array<{ id: string; title: string; read: boolean; data?: Body }>)[0]!;
    expect(feed.unreadCount).toBe(before + 1);
    await page
      .getByTestId('bell-announce')
      .filter({ hasText: `Nueva notificación: ${arrived.title}` })
      .waitFor();
    expect(navigations).toEqual([]);
    await bell.click();
    const panel = page.getByRole('region', { name: 'Notificaciones' });
    const item = panel.locator('li.unread', { hasText: arrived.title });
    await item.waitFor();
    await screenshot(page, '48-bell-live');

    await item.getByRole('button', { name: 'Marcar como leída' }).click();
    await waitFor(async () => ((await bell.getAttribute('aria-label')) === `Notificaciones: ${before} sin leer` ? true : undefined), {
      timeoutMs: 10_000,
      description: 'the bell count dropping after marking it read',
    });
    expect((await apiGet('/api/v1/notifications/unread-count')).unreadCount).toBe(before);
    const after = (await apiGet('/api/v1/notifications?limit=5')).items as Array<{ id: string; read: boolean }>;
    expect(after.find((n) => n.id === arrived.id)?.read).toBe(true);
    await screenshot(page, '49-bell-read');
    expect(browser.errors).toEqual([]);
  });
});
