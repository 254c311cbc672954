import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { CrmWorld, waitFor } from '@crm/testing';
import { closeConsole, openConsole, screenshot, type Browser } from './browser.js';
import { createOpportunity } from '../../services/opportunities/test/opportunities-test-kit.js';

/**
 * The console's newer pages in a real Chromium against the real platform: the quote line editor
 * (the API's totals), the ticket conversation live over the realtime WebSocket (a requester's
 * reply, typing and read receipts reach the agent's open page without a reload; files;
 * canned responses; Markdown only as the API's sanitised HTML), the dashboard on the reporting
 * API with its exports, notification preferences and the admin pages.
 */
describe('web console, live and reporting pages (Chromium, real platform)', () => {
  let world: CrmWorld;
  let browser: Browser;
  let page: Page;
  let base: string;
  const suffix = randomUUID().slice(0, 6);
  let opportunityId = '';

  beforeAll(async () => {
    ({ world, browser, page, base } = await openConsole());
  }, 180_000);

  afterAll(() => closeConsole({ browser, world }), 60_000);

  async function apiGet(path: string, token = world.adminToken) {
    const response = await world.api.get(path, token);
    expect(response.status).toBe(200);
    return response.body;
  }

  it('builds a quote with two lines and shows the totals the API computed; send, revise, preview and accept it', async () => {
    const contact = await world.createContact(world.adminToken, { firstName: 'Marta', lastName: `Quintero ${suffix}`, email: `marta.${suffix}@example.co` });
    // Opportunities learns the contact from its event: the kit retries its 400 until then.
    const opportunity = await createOpportunity(
      world.api,
      world.adminToken,
      { title: `Uniformes planta ${suffix}`, contactId: contact.id, value: { amount: '1500000', currency: 'COP' } },
      { 'idempotency-key': randomUUID() },
    );
    expect(opportunity.status).toBe(201);
    opportunityId = opportunity.body.id as string;
    await page.goto(`${base}/crm/oportunidades/${opportunityId}`);
    await page.getByRole('heading', { name: `Uniformes planta ${suffix}` }).waitFor();
    await page.getByRole('button', { name: 'Nueva cotización' }).click();

    const line = (n: number) => page.getByTestId(`quote-line-${n}`);
    await line(1).getByLabel('Descripción').fill('Camisa de dotación');
    await line(1).getByLabel('Cantidad').fill('10');
    await line(1).getByLabel('Precio unitario').fill('125.000');
    await line(1).getByLabel('Descuento %').fill('10');
    await page.getByRole('button', { name: 'Añadir línea' }).click();
    await line(2).getByLabel('Descripción').fill('Bordado del logo');
    await line(2).getByLabel('Cantidad').fill('10');
    await line(2).getByLabel('Precio unitario').fill('8000');
    await expect(line(2).getByLabel('IVA %').inputValue()).resolves.toBe('19');
    await screenshot(page, '20-quote-editor');
    await page.getByRole('button', { name: 'Guardar cotización' }).click();

    // Worked by hand: line 1 = 10 × 125.000 = 1.250.000 − 10 % (125.000) = 1.125.000 + IVA 19 % (213.750);
    // line 2 = 10 × 8.000 = 80.000 + IVA 19 % (15.200). Subtotal 1.330.000, discounts 125.000,
    // taxable 1.205.000, IVA 228.950, total 1.433.950.
    await page.getByTestId('quote-total').filter({ hasText: '1.433.950' }).waitFor();
    await expect(page.getByTestId('quote-subtotal').innerText()).resolves.toMatch(/1\.330\.000/);
    await expect(page.getByTestId('quote-discount').innerText()).resolves.toMatch(/125\.000/);
    await page.getByText(/IVA 19 % sobre \$\s?1\.205\.000/).waitFor();
    const quotes = (await apiGet(`/api/v1/opportunities/${opportunityId}/quotes`)).items as Array<{ id: string; number: string; total: string; lines: unknown[]; version: number }>;
    expect(quotes).toHaveLength(1);
    expect(Number(quotes[0]!.total)).toBe(1_433_950);
    expect(quotes[0]!.lines).toHaveLength(2);
    await screenshot(page, '21-quote-totals');

    // PDF preview inline (a blob the page fetched with the session's token).
    await page.getByRole('button', { name: 'Vista previa del PDF' }).click();
    await expect(page.locator('iframe.pdf-preview').getAttribute('src')).resolves.toMatch(/^blob:/);
    await page.getByRole('button', { name: 'Cerrar vista previa' }).click();

    // Sent, then edited: the API keeps the sent one as revision 1 and the quote continues as revision 2.
    await page.getByRole('button', { name: 'Marcar enviada' }).click();
    await page.getByRole('button', { name: 'Aceptada por el cliente' }).waitFor();
    await page.getByRole('button', { name: 'Editar líneas' }).click();
    await line(2).getByLabel('Cantidad').fill('20');
    await page.getByRole('button', { name: 'Guardar cotización' }).click();
    // Line 2 now 20 × 8.000 = 160.000 + 30.400 IVA: total 1.338.750 + 190.400 = 1.529.150.
    await page.getByTestId('quote-total').filter({ hasText: '1.529.150' }).waitFor();
    await page.getByText('Revisiones anteriores (1)').click();
    await page.getByTestId('quote-details-1').getByText('1.433.950').first().waitFor();
    const revised = await apiGet(`/api/v1/quotes/${quotes[0]!.id}`);
    expect(revised.revision).toBe(2);
    expect(Number(revised.total)).toBe(1_529_150);

    // Sent again and accepted by the customer, winning the opportunity in the same step.
    await page.getByRole('button', { name: 'Marcar enviada' }).click();
    await page.getByLabel('Ganar también la oportunidad').check();
    await page.getByRole('button', { name: 'Aceptada por el cliente' }).click();
    await page.getByTestId('opp-status').filter({ hasText: 'Ganada' }).waitFor();
    expect((await apiGet(`/api/v1/quotes/${quotes[0]!.id}`)).status).toBe('accepted');
    await waitFor(async () => ((await apiGet(`/api/v1/opportunities/${opportunityId}`)).status === 'won' ? true : undefined), { timeoutMs: 10_000, description: 'the opportunity won' });
    await screenshot(page, '22-quote-accepted');
  });

  it('the agent’s open ticket receives the requester’s reply, typing and read receipt live over the WebSocket; files, canned responses and safe Markdown', async () => {
    const portal = await apiGet('/api/v1/pqr-portal');
    const filed = await world.api.post('/api/v1/public/tickets', {
      portal: portal.portalKey,
      pqrClass: 'peticion_general',
      subject: `Certificado de pagos ${suffix}`,
      description: 'Necesito un certificado de los pagos del último año.',
      requester: { name: 'Ana Lucía Gómez', email: `ana.${suffix}@example.co` },
    });
    expect(filed.status).toBe(201);
    const { radicado, trackingToken } = filed.body as { radicado: string; trackingToken: string };
    const found = (await apiGet(`/api/v1/tickets?q=${encodeURIComponent(radicado)}`)).items as Array<{ id: string }>;
    const ticketId = found[0]!.id;

    // The agent opens the ticket; the page says it is live (subscribed over the WebSocket, so it no longer polls).
    await page.goto(`${base}/tickets/${ticketId}`);
    await page.getByRole('heading', { name: `${radicado} · Certificado de pagos ${suffix}` }).waitFor();
    await page.getByText('● En vivo').waitFor();

    // A canned response filled by the API for this ticket (placeholders replaced), then edited, with Markdown and a file.
    const picker = page.getByLabel('Respuesta predefinida');
    const firstCanned = await picker.locator('option').nth(1).getAttribute('value');
    await picker.selectOption(firstCanned!);
    const reply = page.getByLabel('Responder al solicitante');
    await waitFor(async () => ((await reply.inputValue()).trim().length > 0 ? true : undefined), { timeoutMs: 10_000, description: 'the canned response in the reply' });
    expect(await reply.inputValue()).not.toContain('{{');
    await reply.fill(`${await reply.inputValue()}\n\nAdjuntamos el **certificado** solicitado. <img src=x onerror="window.__xss=1">`);
    await page.locator('input[type=file]').setInputFiles({ name: `certificado-${suffix}.txt`, mimeType: 'text/plain', buffer: Buffer.from('Certificado de pagos 2026\n') });
    await page.getByRole('list', { name: 'Archivos que se adjuntarán' }).getByText(`certificado-${suffix}.txt (`).waitFor();
    await page.getByRole('button', { name: 'Enviar' }).click();
    const answer = page.locator('.message-public', { hasText: 'Adjuntamos el' });
    await answer.waitFor();
    // Markdown is the API's sanitised HTML: bold rendered, the raw <img> never an element.
    await answer.locator('.message-body strong', { hasText: /^certificado$/ }).waitFor();
    await expect(answer.locator('.message-body img').count()).resolves.toBe(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    // The file downloads through a short-lived link.
    const fileTab = browser.context.waitForEvent('page');
    const linkAnswer = page.waitForResponse((response) => /\/attachments\/[0-9a-f-]+\/download$/.test(new URL(response.url()).pathname));
    await answer.getByRole('button', { name: `certificado-${suffix}.txt` }).click();
    const link = (await (await linkAnswer).json()) as { url: string };
    await (await fileTab).close();
    // The link the tab opened serves the bytes that were uploaded.
    expect(await (await fetch(link.url)).text()).toBe('Certificado de pagos 2026\n');

    // The requester opens the tracking page: the agent's page shows the read receipt without a reload.
    const visitor = await browser.context.newPage();
    await visitor.goto(`${base}/pqr/seguimiento/${radicado}?token=${encodeURIComponent(trackingToken)}`);
    await visitor.getByText('Adjuntamos el').waitFor();
    await visitor.getByText('● En vivo').waitFor();
    // The requester gets the file too (public conversation only), through the public link.
    await visitor.getByRole('button', { name: `certificado-${suffix}.txt` }).waitFor();
    await answer.getByTestId('read-receipt').filter({ hasText: 'Leído por Solicitante' }).waitFor();

    // The requester types (the agent sees it) and replies: the reply appears in the agent's open page.
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations.push(frame.url()));
    const box = visitor.getByLabel('Agregar información');
    await box.pressSequentially('Muchas gracias', { delay: 30 });
    await page.getByText('Solicitante está escribiendo…').waitFor();
    await box.fill(`Muchas gracias, lo recibí ${suffix}.`);
    await visitor.getByRole('button', { name: 'Enviar' }).click();
    await page.locator('.message-requester', { hasText: `lo recibí ${suffix}` }).waitFor({ timeout: 8_000 });
    expect(navigations).toEqual([]);
    await screenshot(page, '23-ticket-live');
    await screenshot(visitor, '24-tracking-live');
    await visitor.close();
  });

  it('the dashboard shows the reporting API’s figures and exports a report', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Bogota' }).format(new Date());
    const from = `${today.slice(0, 8)}01`;
    // Reporting builds its figures from events: wait until it counts the won opportunity above.
    const report = await waitFor(
      async () => {
        const dashboard = await apiGet(`/api/v1/reports/dashboard?from=${from}&to=${today}`);
        return dashboard.conversionRate.opportunities.won >= 1 ? dashboard : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500, description: 'reporting to count the won opportunity' },
    );
    await page.goto(`${base}/?from=${from}&to=${today}`);
    await page.getByRole('heading', { name: 'Panel principal' }).waitFor();
    const kpi = (id: string) => page.getByTestId(id).locator('.kpi-value');
    await kpi('kpi-contacts').filter({ hasText: /\d/ }).waitFor();
    // The screen says what the API says (the figures can only grow meanwhile, never shrink).
    expect(Number((await kpi('kpi-contacts').innerText()).replace(/\D/g, ''))).toBeGreaterThanOrEqual(report.totalContacts as number);
    expect(Number((await kpi('kpi-open').innerText()).replace(/\D/g, ''))).toBe(report.activeOpportunities as number);
    await expect(page.getByTestId('kpi-conversion').innerText()).resolves.toMatch(/\d+ ganadas de \d+ cerradas/);
    const sellers = (await apiGet(`/api/v1/reports/sellers?from=${from}&to=${today}`)).sellers as Array<{ name: string; won: number }>;
    expect(sellers.length).toBeGreaterThan(0);
    const top = page.getByTestId('sellers-table').locator('tbody tr').first();
    await expect(top.locator('th').innerText()).resolves.toBe(sellers[0]!.name);
    await expect(top.locator('td').nth(1).innerText()).resolves.toBe(String(sellers[0]!.won));
    await page.getByRole('img', { name: 'Embudo de ventas' }).waitFor();
    await page.getByRole('img', { name: 'Análisis de tendencias' }).waitFor();
    await screenshot(page, '25-dashboard-reporting');

    // Export the sellers report as CSV with the page's filters.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exportar Rendimiento de ventas en CSV' }).click();
    const file = await downloading;
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync((await file.path())!, 'utf8');
    expect(csv).toContain(sellers[0]!.name);

    // Filtered by an owner with no sales: the table empties (the API applies the filter).
    const other = await world.createUser(['sales']);
    await page.goto(`${base}/?from=${from}&to=${today}&ownerId=${other.id}`);
    await page.getByTestId('report-sellers').getByText('Sin datos para este período.').waitFor();
  });

  it('notification preferences are saved through the API; the bell links to them', async () => {
    await page.goto(`${base}/notification-preferences`);
    await page.getByRole('heading', { name: 'Preferencias de notificación' }).waitFor();
    const before = (await apiGet('/api/v1/notification-preferences')).items as Array<{ template: string; label: string; email: boolean }>;
    const target = before[0]!;
    await page.getByLabel(`${target.label}: Correo`).setChecked(!target.email);
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByText('Preferencias guardadas.').waitFor();
    const after = (await apiGet('/api/v1/notification-preferences')).items as Array<{ template: string; email: boolean }>;
    expect(after.find((item) => item.template === target.template)?.email).toBe(!target.email);
    await screenshot(page, '26-notification-preferences');
    await page.getByTestId('bell').click();
    await page.getByRole('region', { name: 'Notificaciones' }).getByRole('link', { name: 'Preferencias de notificación' }).waitFor();
  });

  it('admin pages: an API key is shown once and works, SLA policies, web forms, dead letters and canned responses load from the API', async () => {
    await page.goto(`${base}/admin/claves-api`);
    await page.getByLabel('Nombre').fill(`ERP ${suffix}`);
    await page.getByRole('button', { name: 'Crear' }).click();
    const key = (await page.getByTestId('new-api-key').locator('code').innerText()).trim();
    expect((await world.api.get('/api/v1/contacts?limit=1', undefined, { authorization: `ApiKey ${key}` })).status).toBe(200);
    await screenshot(page, '27-admin-api-keys');
    await page
      .getByRole('row', { name: new RegExp(`ERP ${suffix}`) })
      .getByRole('button', { name: 'Revocar' })
      .waitFor();

    await page.goto(`${base}/admin/sla`);
    const policies = (await apiGet('/api/v1/sla-policies')).items as Array<{ name: string }>;
    await page.getByRole('rowheader', { name: policies[0]!.name }).first().waitFor();
    await page.getByRole('heading', { name: 'Calendarios hábiles' }).waitFor();
    await screenshot(page, '28-admin-sla');

    await page.goto(`${base}/admin/mensajes-fallidos?service=tickets`);
    await page.getByRole('heading', { name: 'Mensajes fallidos' }).waitFor();
    await page.getByText('No hay mensajes fallidos en este servicio.').or(page.getByTestId('dead-letter').first()).waitFor();

    await page.goto(`${base}/admin/formularios-web`);
    await page.getByRole('heading', { name: 'Formularios web' }).waitFor();

    await page.goto(`${base}/admin/respuestas-predefinidas`);
    await page.getByLabel('Título').fill(`Cierre ${suffix}`);
    await page.getByLabel('Texto').fill('Hola {{solicitante.nombre}}, cerramos su solicitud {{radicado}}.');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByText(`Cierre ${suffix}`).waitFor();
    const canned = (await apiGet('/api/v1/canned-responses')).items as Array<{ title: string; body: string }>;
    expect(canned.find((item) => item.title === `Cierre ${suffix}`)?.body).toBe('Hola {{solicitante.nombre}}, cerramos su solicitud {{radicado}}.');
    await screenshot(page, '29-admin-canned');
    expect(browser.errors).toEqual([]);
  });
});
