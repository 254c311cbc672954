import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { CrmWorld, TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD, waitFor } from '@crm/testing';
import { GENERATED_FILE, fetchOpenApi, generateApiTypes } from '../../scripts/web-api-types.mjs';
import { closeConsole, openConsole, screenshot, signIn, type Browser } from './browser.js';

/**
 * The web console in a real Chromium against the real gateway and services (built by the Jest
 * global setup: scripts/build.mjs also builds web/dist). Each step is what a user does and sees;
 * the API is asked afterwards whether the screen told the truth.
 */
describe('web console (Chromium, real platform)', () => {
  let world: CrmWorld;
  let browser: Browser;
  let page: Page;
  let base: string;
  const suffix = randomUUID().slice(0, 6);
  const lastName = `Restrepo ${suffix}`;
  const dealTitle = `Dotación sede ${suffix}`;
  let contactId = '';
  let opportunityId = '';
  let trackingPath = '';
  let radicado = '';

  beforeAll(async () => {
    ({ world, browser, page, base } = await openConsole({ signedIn: false }));
  }, 180_000);

  afterAll(() => closeConsole({ browser, world }), 60_000);

  // Where the login lands is what these steps check, so no heading is awaited here.
  const login = (email: string, password: string) => signIn(page, email, password, null);

  async function apiGet(path: string, token = world.adminToken) {
    const response = await world.api.get(path, token);
    expect(response.status).toBe(200);
    return response.body;
  }

  it('the generated API types match the OpenAPI document the gateway serves (run `node scripts/web-api-types.mjs <gatewayUrl>` when this fails)', async () => {
    const expected = generateApiTypes(await fetchOpenApi(base));
    expect(readFileSync(GENERATED_FILE, 'utf8') === expected).toBe(true);
  });

  it('serves the console at / with its CSP, long-cached hashed assets and index.html for client routes; /api stays the API', async () => {
    const shell = await fetch(`${base}/clientes/no-such-page?x=1`);
    expect(shell.status).toBe(200);
    expect(shell.headers.get('content-type')).toContain('text/html');
    expect(shell.headers.get('cache-control')).toBe('no-cache');
    expect(shell.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await shell.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const script = await fetch(`${base}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const api = await fetch(`${base}/api/v1/no-such-thing`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
  });

  it('logs in as the demo admin and shows the dashboard with the four KPIs', async () => {
    await page.goto(`${base}/clientes?lifecycle=customer`);
    // Not logged in: the login page, which then goes back to the page asked for.
    await expect(page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor()).resolves.toBeUndefined();
    await screenshot(page, '01-login');
    await login(TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD);
    await page.waitForURL(`${base}/clientes?lifecycle=customer`);
    await page.getByRole('link', { name: 'Panel principal' }).click();
    for (const kpi of ['Total de contactos', 'Oportunidades activas', 'Valor potencial', 'Tasa de conversión']) await page.getByText(kpi).waitFor();
    await expect(page.getByTestId('admin-menu').isVisible()).resolves.toBe(true);
    await screenshot(page, '02-dashboard');
  });

  it('creates a contact, showing the API field message first, and opens its profile', async () => {
    await page.goto(`${base}/clientes/nuevo`);
    await page.getByLabel('Nombres').fill('Camila');
    await page.getByLabel('Apellidos').fill(lastName);
    await page.getByLabel('Correo').fill('camila-no-es-correo');
    await page.getByRole('button', { name: 'Guardar' }).click();
    // The API's problem+json names the field; the form shows it under the e-mail input.
    const emailError = page.locator('.field.has-error', { has: page.getByLabel('Correo') }).locator('.field-error');
    await emailError.waitFor();
    await expect(page.getByLabel('Correo').getAttribute('aria-invalid')).resolves.toBe('true');
    await screenshot(page, '03-contact-form-error');
    await page.getByLabel('Correo').fill(`camila.${suffix}@example.co`);
    await page.getByLabel('Teléfono').fill('+57 300 555 1234');
    await page.getByLabel('Ciudad').fill('Medellín');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByRole('heading', { name: `Camila ${lastName}` }).waitFor();
    contactId = /\/clientes\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
    expect(contactId).not.toBe('');
    const stored = await apiGet(`/api/v1/contacts/${contactId}`);
    expect(stored).toMatchObject({ firstName: 'Camila', lastName, email: `camila.${suffix}@example.co`, city: 'Medellín' });
    for (const section of ['Información general', 'Oportunidades activas', 'Historial de interacciones', 'Notas y comentarios', 'Documentos']) {
      await page.getByRole('heading', { name: section }).waitFor();
    }
    await page.getByLabel('Nueva nota').fill('Prefiere que la llamen en la mañana.');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByText('Prefiere que la llamen en la mañana.').waitFor();
    await screenshot(page, '04-contact-profile');
    // The directory finds it by search, and the search stays in the URL.
    await page.goto(`${base}/clientes`);
    await page.getByRole('searchbox').fill(lastName);
    await page.getByRole('button', { name: 'Buscar' }).click();
    await page.waitForURL(/q=Restrepo/);
    await page.getByRole('link', { name: `Camila ${lastName}` }).waitFor();
    await screenshot(page, '05-contacts-list');

    // Import: two good rows and one with a bad e-mail; the progress reaches the end and the rejected row can be downloaded.
    await page.getByRole('button', { name: 'Importar' }).click();
    const csv = `nombre,apellidos,correo\nAndrés,Importado ${suffix},andres.${suffix}@example.co\nBeatriz,Importada ${suffix},beatriz.${suffix}@example.co\nCarlos,Malo ${suffix},no-es-un-correo\n`;
    await page.getByLabel('Archivo').setInputFiles({ name: 'contactos.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page
      .locator('form', { has: page.getByLabel('Archivo') })
      .getByRole('button', { name: 'Importar' })
      .click();
    const status = page.getByTestId('import-status');
    await status.getByText('Importación terminada · 100 %').waitFor({ timeout: 30_000 });
    await status.getByText('3 filas procesadas: 2 creados, 0 actualizados, 0 omitidos, 1 rechazados.').waitFor();
    const rejected = page.waitForEvent('download');
    await status.getByRole('button', { name: 'Descargar las filas rechazadas' }).click();
    const file = await rejected;
    expect(readFileSync((await file.path())!, 'utf8')).toContain('no-es-un-correo');
    await screenshot(page, '05b-contacts-import');
  });

  it('creates an opportunity from the profile, drags it across two stages (board and API agree) and wins it', async () => {
    await page.goto(`${base}/clientes/${contactId}`);
    await page.getByRole('button', { name: 'Nueva oportunidad' }).click();
    await page.getByLabel('Título').fill(dealTitle);
    await page.getByLabel('Valor (COP)').fill('12500000');
    await page.getByRole('button', { name: 'Crear' }).click();
    await page.getByRole('heading', { name: dealTitle }).waitFor();
    opportunityId = /oportunidades\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
    expect(opportunityId).not.toBe('');

    const stages = (await apiGet('/api/v1/pipelines')).items.find((pipeline: { isDefault: boolean }) => pipeline.isDefault).stages as Array<{ id: string; name: string }>;
    const stageId = (name: string) => stages.find((stage) => stage.name === name)!.id;
    await page.goto(`${base}/crm`);
    const card = page.getByTestId(`card-${dealTitle}`);
    const column = (name: string) => page.getByTestId(`column-${name}`);
    await column('Prospecto').getByTestId(`card-${dealTitle}`).waitFor();
    await expect(column('Prospecto').getByTestId('column-sum').innerText()).resolves.toMatch(/12\.500\.000/);

    await card.dragTo(column('Calificado'));
    await column('Calificado').getByTestId(`card-${dealTitle}`).waitFor();
    await waitFor(async () => ((await apiGet(`/api/v1/opportunities/${opportunityId}`)).stageId === stageId('Calificado') ? true : undefined), {
      timeoutMs: 10_000,
      description: 'the API to have the first move',
    });

    await card.dragTo(column('Propuesta'));
    await column('Propuesta').getByTestId(`card-${dealTitle}`).waitFor();
    await page.getByText(`«${dealTitle}» movida a Propuesta.`).waitFor();
    const moved = await apiGet(`/api/v1/opportunities/${opportunityId}`);
    expect(moved.stageId).toBe(stageId('Propuesta'));
    // The board after a reload says the same as the API: one card, its value in the column sum.
    await page.reload();
    await column('Propuesta').getByTestId(`card-${dealTitle}`).waitFor();
    await expect(column('Propuesta').getByTestId('column-count').innerText()).resolves.toBe('1');
    await expect(column('Propuesta').getByTestId('column-sum').innerText()).resolves.toMatch(/12\.500\.000/);
    await expect(column('Prospecto').getByTestId('column-count').innerText()).resolves.toBe('0');
    await screenshot(page, '06-pipeline');

    // A stale version (someone else moved it meanwhile) → 412: the card goes back where the server has it.
    const current = await apiGet(`/api/v1/opportunities/${opportunityId}`);
    const elsewhere = await world.api.post(`/api/v1/opportunities/${opportunityId}/stage`, { stageId: stageId('Negociación'), version: current.version }, world.adminToken);
    expect(elsewhere.status).toBe(200);
    await card.dragTo(column('Calificado'));
    await page.getByText('Otra persona cambió esta oportunidad; el tablero se actualizó.').waitFor();
    await column('Negociación').getByTestId(`card-${dealTitle}`).waitFor();
    expect((await apiGet(`/api/v1/opportunities/${opportunityId}`)).stageId).toBe(stageId('Negociación'));

    // A quote made through the API is listed on the opportunity with its PDF.
    const quote = await world.api.post(`/api/v1/opportunities/${opportunityId}/quotes`, { lines: [{ description: 'Uniformes', quantity: '10', unitPrice: '125000' }] }, world.adminToken);
    expect(quote.status).toBe(201);
    await page.getByRole('link', { name: dealTitle }).click();
    await page.getByRole('button', { name: quote.body.number as string }).waitFor();
    const pdfTab = browser.context.waitForEvent('page');
    await page.getByRole('button', { name: 'Ver PDF' }).click();
    const pdf = await pdfTab;
    expect(pdf.url()).toMatch(/^blob:/);
    await pdf.close();
    await page.getByRole('button', { name: 'Marcar ganada' }).click();
    await page.getByTestId('opp-status').filter({ hasText: 'Ganada' }).waitFor();
    await waitFor(async () => ((await apiGet(`/api/v1/opportunities/${opportunityId}`)).status === 'won' ? true : undefined), { timeoutMs: 10_000, description: 'the API to say won' });
    await screenshot(page, '07-opportunity-won');
  });

  it('files a PQR on the public page, sees it in the agent inbox, answers it and the answer shows on the public tracking page', async () => {
    const portal = await apiGet('/api/v1/pqr-portal');
    const visitor = await browser.context.newPage();
    await visitor.goto(`${base}/pqr/${portal.portalKey}`);
    await visitor.getByLabel('Tipo de PQR').selectOption('reclamo');
    await visitor.getByLabel('Nombre completo').fill('Luis Fernando Díaz');
    await visitor.getByLabel('Correo').fill(`luis.${suffix}@example.co`);
    await visitor.getByLabel('Asunto').fill(`Cobro doble ${suffix}`);
    await visitor.getByLabel('Descripción').fill('En la factura de noviembre me cobraron dos veces el mismo servicio.');
    await screenshot(visitor, '08-public-pqr-form');
    await visitor.getByRole('button', { name: 'Radicar' }).click();
    const filed = await visitor.getByTestId('radicado').innerText();
    radicado = /(PQR-\d{4}-\d+)/.exec(filed)?.[1] ?? '';
    expect(radicado).not.toBe('');
    await screenshot(visitor, '09-public-pqr-filed');
    await visitor.getByRole('link', { name: 'Ver el seguimiento' }).click();
    await visitor.getByText('Aún no hay respuestas. Le avisaremos por correo.').waitFor();
    trackingPath = new URL(visitor.url()).pathname + new URL(visitor.url()).search;

    // The agent's inbox, already open, shows it without a manual reload.
    await page.goto(`${base}/tickets`);
    const row = page.getByTestId(`ticket-${radicado}`);
    await row.waitFor({ timeout: 30_000 });
    await expect(row.locator('[data-light]').first().getAttribute('data-light')).resolves.toBe('green');
    await screenshot(page, '10-tickets-inbox');
    await row.getByRole('link', { name: radicado }).click();
    await page.getByRole('heading', { name: `${radicado} · Cobro doble ${suffix}` }).waitFor();
    await page.getByLabel('Responder al solicitante').fill('Hola Luis, ya revisamos: le devolveremos el cobro duplicado.');
    await page.getByRole('button', { name: 'Enviar' }).click();
    await page.locator('.message-public', { hasText: 'le devolveremos el cobro duplicado' }).waitFor();
    await page.getByLabel('Nota interna').check();
    await page.getByRole('textbox', { name: 'Nota interna' }).fill(`Revisar con facturación ${suffix}`);
    await page.getByRole('button', { name: 'Nota interna' }).click();
    const note = page.locator('.message-internal', { hasText: `Revisar con facturación ${suffix}` });
    await note.waitFor();
    await expect(note.locator('.message-kind').innerText()).resolves.toContain('NOTA INTERNA');
    await screenshot(page, '11-ticket-detail');

    // The requester's page shows the public answer (live or on its next refresh), never the note.
    await visitor.getByText('le devolveremos el cobro duplicado').waitFor({ timeout: 30_000 });
    await expect(visitor.getByText(`Revisar con facturación ${suffix}`).count()).resolves.toBe(0);
    await screenshot(visitor, '12-public-tracking');
    expect(trackingPath).toContain(`/pqr/seguimiento/${radicado}?token=`);
    // Someone with the radicado but not the tracking code sees the API's refusal and nothing of the request.
    await visitor.goto(`${base}/pqr/seguimiento/${radicado}?token=not-the-token`);
    await visitor.locator('.notice-error').waitFor();
    await expect(visitor.getByText(`Cobro doble ${suffix}`).count()).resolves.toBe(0);
    await expect(visitor.getByText('le devolveremos el cobro duplicado').count()).resolves.toBe(0);
    await visitor.close();

    // Assignment and the legal clock from the ticket page, checked against the API.
    const ticketId = /\/tickets\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
    const me = (await apiGet('/api/v1/auth/me')).id as string;
    await page.getByRole('button', { name: 'Asignármelo' }).click();
    await waitFor(async () => ((await apiGet(`/api/v1/tickets/${ticketId}`)).assigneeId === me ? true : undefined), { timeoutMs: 10_000, description: 'the ticket assigned to the admin' });
    await page.getByRole('button', { name: 'Suspender (solicitar completar)' }).click();
    await page.getByLabel('Qué debe completar el peticionario').fill('Copia de la factura de noviembre.');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByRole('button', { name: 'Reanudar el término' }).waitFor();
    expect((await apiGet(`/api/v1/tickets/${ticketId}`)).legalState).toBe('suspended');
    await page.locator('[data-light]', { hasText: 'Suspendido' }).waitFor();
    await screenshot(page, '11b-ticket-suspended');
    await page.getByRole('button', { name: 'Reanudar el término' }).click();
    await page.getByRole('button', { name: 'Prorrogar el término' }).waitFor();
    expect((await apiGet(`/api/v1/tickets/${ticketId}`)).legalState).not.toBe('suspended');
  });

  it('an expired access token is renewed with the refresh token without the user noticing', async () => {
    await page.goto(`${base}/clientes`);
    await page.getByRole('heading', { name: 'Directorio de clientes' }).waitFor();
    // Leave the app for a page of the same origin first, so no request of the page being left can
    // renew the session behind the test's back while the stored token is swapped.
    await page.goto(`${base}/health/live`);
    // The access token no longer valid (as after its 15 minutes), the refresh token still good.
    const before = (await page.evaluate(`(() => {
      const session = JSON.parse(localStorage.getItem('crm.session'));
      localStorage.setItem('crm.session', JSON.stringify({ ...session, accessToken: 'expired.token.value' }));
      return session.refreshToken;
    })()`)) as string;
    await page.goto(`${base}/clientes?q=${encodeURIComponent(lastName)}`);
    await page.getByRole('link', { name: `Camila ${lastName}` }).waitFor();
    const after = (await page.evaluate(`JSON.parse(localStorage.getItem('crm.session'))`)) as { accessToken: string; refreshToken: string };
    expect(after.accessToken).not.toBe('expired.token.value');
    expect(after.refreshToken).not.toBe(before);
    // The old refresh token was rotated away. For a few seconds the gateway still renews it (two tabs
    // renewing at once, a reload mid-refresh); after that a reuse revokes the family (gateway/test).
  });

  it('an expired session goes to login and comes back to the page the user was on', async () => {
    await page.goto(`${base}/health/live`);
    // As if the access token had expired and the refresh token had been revoked meanwhile.
    await page.evaluate(`(() => {
      const session = JSON.parse(localStorage.getItem('crm.session'));
      localStorage.setItem('crm.session', JSON.stringify({ ...session, accessToken: 'expired.token.value', refreshToken: 'revoked', expiresAt: Date.now() + 600000 }));
    })()`);
    await page.goto(`${base}/clientes?q=${encodeURIComponent(lastName)}`);
    await page.getByText('Su sesión expiró').waitFor();
    await login(TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/clientes' && url.searchParams.get('q') === lastName);
    await page.getByRole('link', { name: `Camila ${lastName}` }).waitFor();
  });

  it('a sales user sees no admin menu and gets "Sin permiso" on a forced admin URL; the API refuses too', async () => {
    const email = `ventas-${suffix}@demo.test`;
    const password = 'Ventas-Segura-2026!';
    const created = await world.api.post('/api/v1/users', { email, name: 'Vendedora Prueba', password, roles: ['sales'] }, world.adminToken);
    expect(created.status).toBe(201);
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
    await login(email, password);
    await page.getByRole('heading', { name: 'Panel principal' }).waitFor();
    await expect(page.getByTestId('admin-menu').count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Usuarios' }).count()).resolves.toBe(0);
    await page.goto(`${base}/admin/usuarios`);
    await page.getByRole('heading', { name: 'Sin permiso' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/usuarios');
    await screenshot(page, '13-sales-forbidden');
    const token = await world.api.login(email, password);
    expect((await world.api.get('/api/v1/users', token)).status).toBe(403);
    expect(browser.errors).toEqual([]);
  });

  it('the dashboard shows the new numbers, in English when switched', async () => {
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await login(TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD);
    await page.getByRole('heading', { name: 'Panel principal' }).waitFor();
    // Reporting counts contacts from events: at least the one created above.
    await waitFor(
      async () => {
        await page.reload();
        // The figure once the dashboard has loaded (a dash while it loads).
        const value = page.getByTestId('kpi-contacts').locator('.kpi-value').filter({ hasText: /\d/ });
        await value.waitFor();
        const text = await value.innerText();
        return Number(text.replace(/\D/g, '')) >= 1 ? true : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 1000, description: 'the dashboard to count the new contact' },
    );
    // The reports draw what happened above: the opportunity won this month is in the sellers' ranking.
    await waitFor(
      async () => {
        await page.reload();
        const won = page.getByTestId('sellers-table').locator('tbody tr').first().locator('td').nth(1);
        await won.waitFor();
        return Number(await won.innerText()) >= 1 ? true : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 1000, description: 'the sellers report to count the won opportunity' },
    );
    await page.getByRole('img', { name: 'Embudo de ventas' }).waitFor();
    await screenshot(page, '14-dashboard-after');
    // Usable on a phone: the menu folds behind a button.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.getByRole('link', { name: 'Directorio de clientes' }).isVisible()).resolves.toBe(false);
    await page.getByRole('button', { name: 'Menú' }).click();
    await page.getByRole('link', { name: 'Comunicaciones y PQR' }).click();
    await page.getByTestId(`ticket-${radicado}`).waitFor();
    await screenshot(page, '15-phone-tickets');
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.getByRole('link', { name: 'Panel principal' }).click();
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByRole('button', { name: /Español/ }).click();
    await page.getByRole('heading', { name: 'Panel principal' }).waitFor();
  });
});
