import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AmqpSpy, CrmWorld, waitFor, type WorldUser } from '@crm/testing';

const RATE_LIMIT = 8;

describe('web-to-lead: public forms tied to a source', () => {
  let world: CrmWorld;
  let spy: AmqpSpy;
  let sourceId: string;
  let otherTenant: WorldUser & { tenantSlug: string };

  const submit = (formKey: string, body: unknown, headers: Record<string, string> = {}) => world.api.request('POST', `/api/v1/public/forms/${formKey}/submissions`, { body, headers });

  async function createForm(extra: Record<string, unknown> = {}) {
    const response = await world.api.post('/api/v1/web-forms', { name: `Sitio web ${randomUUID().slice(0, 6)}`, sourceId, ...extra }, world.adminToken);
    if (response.status !== 201) throw new Error(`form: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string; formKey: string; version: number; submitUrl: string };
  }

  async function contactsByEmail(email: string) {
    const response = await world.api.get(`/api/v1/contacts?q=${encodeURIComponent(email)}`, world.adminToken);
    return response.body.items as {
      id: string;
      email: string;
      lifecycle: string;
      sourceId: string;
      ownerId: string | null;
      marketingConsent: { granted: boolean; channel: string | null };
    }[];
  }

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts'], env: { WEB_FORM_RATE_LIMIT: String(RATE_LIMIT) } });
    spy = await AmqpSpy.connect();
    await spy.listen(`${world.platform.amqpPrefix}crm.events`, 'contacts.#');
    const source = await world.api.post('/api/v1/sources', { name: `Formulario web ${Date.now()}`, channel: 'web' }, world.adminToken);
    expect(source.status).toBe(201);
    sourceId = source.body.id;
    otherTenant = await world.createTenant();
  }, 120_000);

  afterAll(async () => {
    await spy?.close();
    await world?.stop();
  });

  it('lets an admin create a form with an unguessable key tied to a source; others are refused', async () => {
    const form = await createForm({ allowedFields: ['lastName', 'message'], thankYouText: 'Gracias, le llamaremos.' });
    expect(form.formKey).toMatch(/^[A-Za-z0-9_-]{24,}$/);
    expect(form).toMatchObject({ submitUrl: `/api/v1/public/forms/${form.formKey}/submissions`, sourceId, active: true, allowedFields: ['firstName', 'lastName', 'email', 'message'] });
    const again = await createForm();
    expect(again.formKey).not.toBe(form.formKey);

    const seller = await world.createUser(['sales']);
    expect((await world.api.post('/api/v1/web-forms', { name: 'X', sourceId }, seller.token)).status).toBe(403);
    expect((await world.api.get('/api/v1/web-forms', seller.token)).status).toBe(403);
    expect((await world.api.get(`/api/v1/web-forms/${form.id}`, otherTenant.token)).status).toBe(404);
    const foreignSource = await world.api.post('/api/v1/web-forms', { name: 'X', sourceId }, otherTenant.token);
    expect(foreignSource.status).toBe(400);
    expect(foreignSource.body.errors[0].field).toBe('sourceId');
    const noSource = await world.api.post('/api/v1/web-forms', { name: 'X', allowedFields: ['fax'] }, world.adminToken);
    expect(noSource.status).toBe(400);
    expect(noSource.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['allowedFields', 'sourceId']);
    const stale = await world.api.patch(`/api/v1/web-forms/${form.id}`, { name: 'Nuevo', version: form.version + 1 }, world.adminToken);
    expect(stale.status).toBe(412);
    const listed = await world.api.get('/api/v1/web-forms?limit=1', world.adminToken);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.nextCursor).toEqual(expect.any(String));
  });

  it('creates a prospect with the form’s source and consent from a submission without login, revealing nothing', async () => {
    const form = await createForm({
      allowedFields: ['lastName', 'phone', 'message', 'acceptsMarketing'],
      thankYouText: 'Gracias, le llamaremos.',
      redirectUrl: 'https://empresa.co/gracias',
    });
    const email = `lead-${randomUUID().slice(0, 8)}@cliente.co`;
    const response = await submit(form.formKey, {
      firstName: 'Lucía',
      lastName: 'Ramírez',
      email,
      phone: '+57 310 555 0000',
      message: 'Quiero una cotización de 20 cascos.',
      acceptsMarketing: true,
    });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ status: 'accepted', message: 'Gracias, le llamaremos.', redirectUrl: 'https://empresa.co/gracias' });

    const [contact] = await contactsByEmail(email);
    expect(contact).toMatchObject({ email, lifecycle: 'prospect', sourceId, marketingConsent: { granted: true, channel: 'web-form' } });
    const created = await spy.waitForMessage((m) => m.routingKey === 'contacts.contact.created' && m.body.subject === contact!.id);
    expect(created.body.data).toMatchObject({ sourceId, lifecycle: 'prospect', createdBy: form.id });
    const timeline = (await world.api.get(`/api/v1/contacts/${contact!.id}/timeline`, world.adminToken)).body.items;
    const entry = timeline.find((item: { kind: string }) => item.kind === 'web_form_submitted');
    expect(entry).toMatchObject({ source: 'web-form', title: `Nuevo formulario recibido: ${(await world.api.get(`/api/v1/web-forms/${form.id}`, world.adminToken)).body.name}` });
    expect(entry.details.fields).toMatchObject({ message: 'Quiero una cotización de 20 cascos.' });
    expect(timeline.map((item: { kind: string }) => item.kind)).toEqual(expect.arrayContaining(['created', 'consent_changed', 'web_form_submitted']));

    // The same person again (another case): same answer, no second contact, one more timeline entry.
    const again = await submit(form.formKey, { firstName: 'Lucía', email: email.toUpperCase(), message: 'Sigo interesada' });
    expect(again.status).toBe(202);
    expect(again.body).toEqual(response.body);
    expect(await contactsByEmail(email)).toHaveLength(1);
    const entries = (await world.api.get(`/api/v1/contacts/${contact!.id}/timeline`, world.adminToken)).body.items.filter((item: { kind: string }) => item.kind === 'web_form_submitted');
    expect(entries).toHaveLength(2);
    expect(entries[0].details).toMatchObject({ newContact: false, fields: { message: 'Sigo interesada' } });
    expect((await world.api.get(`/api/v1/web-forms/${form.id}`, world.adminToken)).body.submissionCount).toBe(2);
  });

  it('answers a filled honeypot like a success and stores nothing', async () => {
    const form = await createForm();
    const email = `bot-${randomUUID().slice(0, 8)}@spam.co`;
    const response = await submit(form.formKey, { firstName: 'Bot', email, website_url: 'http://spam.example' });
    expect(response.status).toBe(202);
    expect(response.body.status).toBe('accepted');
    expect(await contactsByEmail(email)).toEqual([]);
    expect((await world.api.get(`/api/v1/web-forms/${form.id}`, world.adminToken)).body.submissionCount).toBe(0);
  });

  it('refuses unknown or inactive forms (404), bad and non-whitelisted fields (400), big bodies (413)', async () => {
    const form = await createForm({ allowedFields: ['message'] });
    expect((await submit('ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ', { firstName: 'A', email: 'a@b.co' })).status).toBe(404);
    expect((await submit('short', { firstName: 'A', email: 'a@b.co' })).status).toBe(404);

    const badEmail = await submit(form.formKey, { firstName: 'Ana', email: 'no-es-un-correo' });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.errors).toEqual([expect.objectContaining({ field: 'email' })]);
    const notAllowed = await submit(form.formKey, { firstName: 'Ana', email: 'ana@cliente.co', companyName: 'ACME', ownerId: randomUUID() });
    expect(notAllowed.status).toBe(400);
    expect(notAllowed.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['companyName', 'ownerId']);
    const huge = await submit(form.formKey, { firstName: 'Ana', email: 'ana@cliente.co', message: 'x'.repeat(20_000) });
    expect(huge.status).toBe(413);
    expect(await contactsByEmail('ana@cliente.co')).toEqual([]);

    const current = await world.api.get(`/api/v1/web-forms/${form.id}`, world.adminToken);
    expect((await world.api.patch(`/api/v1/web-forms/${form.id}`, { active: false }, world.adminToken, { 'if-match': current.headers.get('etag')! })).status).toBe(200);
    expect((await submit(form.formKey, { firstName: 'Ana', email: 'ana@cliente.co' })).status).toBe(404);

    // A form whose source was deactivated stops taking leads (contacts may no longer get that source).
    const retired = await world.api.post('/api/v1/sources', { name: `Feria ${Date.now()}`, channel: 'trade_show' }, world.adminToken);
    const retiredForm = await createForm({ sourceId: retired.body.id });
    expect((await submit(retiredForm.formKey, { firstName: 'Eva', email: `eva-${randomUUID().slice(0, 6)}@cliente.co` })).status).toBe(202);
    expect((await world.api.patch(`/api/v1/sources/${retired.body.id}`, { active: false, version: retired.body.version }, world.adminToken)).status).toBe(200);
    expect((await submit(retiredForm.formKey, { firstName: 'Eva', email: 'eva2@cliente.co' })).status).toBe(404);
  });

  it('gives new prospects the form’s default owner and team', async () => {
    const team = await world.createTeam(`Web ${Date.now()}`);
    const agent = await world.createUser(['sales'], [team]);
    const form = await waitFor(
      async () => {
        const response = await world.api.post('/api/v1/web-forms', { name: 'Con dueño', sourceId, defaultOwnerId: agent.id, defaultTeamId: team }, world.adminToken);
        return response.status === 201 ? (response.body as { formKey: string }) : undefined;
      },
      { description: 'contacts to learn the agent' },
    );
    const email = `owned-${randomUUID().slice(0, 8)}@cliente.co`;
    expect((await submit(form.formKey, { firstName: 'Pedro', email })).status).toBe(202);
    const [contact] = await contactsByEmail(email);
    expect(contact).toMatchObject({ ownerId: agent.id, teamId: team });
    expect((await world.api.get(`/api/v1/contacts/${contact!.id}`, agent.token)).status).toBe(200);
  });

  it('limits submissions per address and form (429 with Retry-After), even with a forged X-Forwarded-For', async () => {
    const form = await createForm();
    const other = await createForm();
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT + 1; i++) {
      const response = await submit(form.formKey, { firstName: 'Bot', email: `flood-${i}@spam.co`, website_url: 'x' }, { 'x-forwarded-for': `10.0.0.${i}` });
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([...Array(RATE_LIMIT).fill(202), 429]);
    expect((await submit(other.formKey, { firstName: 'Ana', email: `ok-${randomUUID().slice(0, 6)}@cliente.co` })).status).toBe(202);
  });
});
