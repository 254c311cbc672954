import { PassThrough } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { AmqpSpy, CrmWorld, waitFor, type WorldUser } from '@crm/testing';

const MAX_BYTES = 256 * 1024;
type Job = { id: string; status: string; progress: number; counts: Record<string, number>; error: string | null; rejectedRowsUrl: string | null; dryRun: boolean };

function upload(bytes: Buffer | string, fileName: string, options?: Record<string, unknown>, optionsLast = false): FormData {
  const form = new FormData();
  if (options && !optionsLast) form.append('options', JSON.stringify(options));
  form.append('file', new Blob([new Uint8Array(Buffer.from(bytes))], { type: 'text/csv' }), fileName);
  if (options && optionsLast) form.append('options', JSON.stringify(options));
  return form;
}

async function xlsxBytes(rows: unknown[][]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: true, useStyles: false });
  const sheet = workbook.addWorksheet('Contactos');
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

describe('contact import (CSV/XLSX → background job → COPY + set-based merge) through the gateway', () => {
  let world: CrmWorld;
  let spy: AmqpSpy;
  let sales: WorldUser;
  let manager: WorldUser;
  let otherTenant: WorldUser;
  const tag = randomUUID().slice(0, 6);
  const mail = (name: string) => `${name}.${tag}@importa.co`;

  const start = async (form: FormData, token = world.adminToken) => world.api.request('POST', '/api/v1/contacts/imports', { body: form, token });
  const finished = async (id: string, token = world.adminToken, timeoutMs = 20_000) => {
    let last: Job | undefined;
    try {
      return await waitFor(
        async () => {
          last = (await world.api.get(`/api/v1/contacts/imports/${id}`, token)).body as Job;
          return last.status === 'completed' || last.status === 'failed' ? last : undefined;
        },
        { timeoutMs, description: `import job ${id} to finish` },
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}; last seen: ${JSON.stringify(last)}`, { cause: error });
    }
  };
  const search = async (q: string, token = world.adminToken) => (await world.api.get(`/api/v1/contacts?q=${encodeURIComponent(q)}&limit=200`, token)).body.items as Record<string, any>[];

  beforeAll(async () => {
    world = await CrmWorld.start({
      services: ['contacts', 'reporting'],
      env: { IMPORT_MAX_BYTES: String(MAX_BYTES), IMPORT_POLL_MS: '200', IMPORT_BATCH_ROWS: '3', IMPORT_STALE_MS: '1500' },
    });
    spy = await AmqpSpy.connect();
    await spy.listen(`${world.platform.amqpPrefix}crm.events`, 'contacts.contact.*');
    const team = await world.createTeam(`Ventas ${tag}`);
    [sales, manager, otherTenant] = await Promise.all([world.createUser(['sales'], [team]), world.createUser(['manager'], [team]), world.createTenant()]);
  }, 120_000);

  afterAll(async () => {
    await spy?.close();
    await world?.stop();
  });

  it('imports a ";" CSV: creates the good rows, skips the existing contact, rejects bad rows with a Spanish "motivo", and reporting counts the new contacts', async () => {
    const before = (await world.api.get('/api/v1/reports/dashboard', world.adminToken)).body.totalContacts as number;
    const existing = await world.createContact(world.adminToken, { firstName: 'Original', email: mail('existente') });
    const csv =
      '\uFEFFNombre;Apellido;Correo electrónico;Teléfono;Empresa;Cargo;Ciudad;País;Etiquetas\r\n' +
      `Ana;Gómez;${mail('ana')};+57 300 111 2233;"Gómez; Hermanos";Gerente;Medellín;Colombia;"feria-${tag}, vip"\r\n` +
      `Luis;Pérez;${mail('luis')};;;;Bogotá;CO;\r\n` +
      `Marta;"Ruiz ""La Jefa""";${mail('marta')};;;;;;\r\n` +
      `Otro;Nombre;${mail('EXISTENTE').toUpperCase()};;;;;;\r\n` +
      `Malo;Correo;no-es-un-correo;;;;;;\r\n` +
      `Ana;Repetida;${mail('ana')};;;;;;\r\n` +
      `;SinNombre;${mail('sin-nombre')};;;;;;\r\n`;
    const response = await start(upload(csv, 'prospectos feria.csv'));
    expect(response.status).toBe(202);
    // A free worker may already have picked the job up by the time the 202 is written.
    expect(['queued', 'running']).toContain(response.body.status);
    expect(response.body).toMatchObject({ dryRun: false, format: 'csv', options: { dedupeOn: 'email', onDuplicate: 'skip', lifecycle: 'prospect', kind: 'person' } });
    expect(response.headers.get('location')).toBe(`/api/v1/contacts/imports/${response.body.id}`);

    const job = await finished(response.body.id);
    expect(job).toMatchObject({ status: 'completed', progress: 100, error: null, counts: { total: 7, processed: 7, created: 3, updated: 0, skipped: 1, rejected: 3 } });

    const ana = (await search(mail('ana')))[0];
    expect(ana).toMatchObject({
      firstName: 'Ana',
      lastName: 'Gómez',
      companyName: 'Gómez; Hermanos',
      position: 'Gerente',
      lifecycle: 'prospect',
      city: 'Medellín',
      country: 'CO',
      tags: [`feria-${tag}`, 'vip'],
      phone: '+57 300 111 2233',
      version: 1,
    });
    expect((await search(mail('marta')))[0]).toMatchObject({ displayName: 'Marta Ruiz "La Jefa"' });
    const untouched = await world.api.get(`/api/v1/contacts/${existing.id}`, world.adminToken);
    expect(untouched.body).toMatchObject({ firstName: 'Original', version: 1 });
    const timeline = await world.api.get(`/api/v1/contacts/${ana.id}/timeline`, world.adminToken);
    expect(timeline.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'created', details: expect.objectContaining({ importJobId: job.id }) })]));

    const rejected = await world.api.get(job.rejectedRowsUrl!, world.adminToken);
    expect(rejected.status).toBe(200);
    expect(rejected.headers.get('content-type')).toContain('text/csv');
    expect(rejected.headers.get('content-disposition')).toContain('attachment');
    const table = parse(rejected.body as string, { bom: true, delimiter: ';' }) as string[][];
    expect(table[0]).toEqual(['Nombre', 'Apellido', 'Correo electrónico', 'Teléfono', 'Empresa', 'Cargo', 'Ciudad', 'País', 'Etiquetas', 'fila', 'motivo']);
    expect(table.slice(1).map((row) => [row[0], row[9], row[10]])).toEqual([
      ['Malo', '6', 'Correo electrónico inválido «no-es-un-correo»'],
      ['Ana', '7', 'Correo repetido en el archivo: ya aparece en la fila 2'],
      ['', '8', 'Falta el nombre (obligatorio para personas)'],
    ]);

    // One contacts.contact.created per created contact, shaped like the ones the API publishes.
    const created = await waitFor(
      async () => {
        const events = spy.messages.filter((m) => m.routingKey === 'contacts.contact.created' && [mail('ana'), mail('luis'), mail('marta')].includes(m.body.data?.email));
        return events.length === 3 ? events : undefined;
      },
      { description: 'three contacts.contact.created events' },
    );
    const fromApi = spy.messages.find((m) => m.routingKey === 'contacts.contact.created' && m.body.subject === existing.id)!;
    expect(Object.keys(created[0]!.body).sort()).toEqual(Object.keys(fromApi.body).sort());
    expect(Object.keys(created[0]!.body.data).sort()).toEqual(Object.keys(fromApi.body.data).sort());
    expect(created.find((m) => m.body.data.email === mail('ana'))!.body).toMatchObject({
      specversion: '1.0',
      source: 'crm/contacts',
      type: 'contacts.contact.created',
      subject: ana.id,
      datacontenttype: 'application/json',
      tenantid: fromApi.body.tenantid,
      data: { contactId: ana.id, kind: 'person', lifecycle: 'prospect', displayName: 'Ana Gómez', email: mail('ana'), version: 1, createdAt: ana.createdAt },
    });
    expect(created[0]!.properties).toMatchObject({ messageId: created[0]!.body.id, type: 'contacts.contact.created', deliveryMode: 2 });

    // The contact created through the API plus the three imported ones.
    await waitFor(async () => (await world.api.get('/api/v1/reports/dashboard', world.adminToken)).body.totalContacts === before + 4, {
      description: 'reporting to count the 3 imported contacts',
    });
  });

  it('on a duplicate e-mail, "update" fills in the existing contact and "create" makes a second one', async () => {
    const existing = await world.createContact(world.adminToken, { firstName: 'Carla', lastName: 'Vieja', email: mail('carla') });
    const csv = `nombre,apellido,email,ciudad,cargo,etiquetas\nCarla,Nueva,${mail('carla')},Cali,Compras,cliente-${tag}\n`;
    const update = await finished((await start(upload(csv, 'actualiza.csv', { onDuplicate: 'update' }))).body.id);
    expect(update.counts).toMatchObject({ created: 0, updated: 1, skipped: 0, rejected: 0 });
    const updated = (await world.api.get(`/api/v1/contacts/${existing.id}`, world.adminToken)).body;
    expect(updated).toMatchObject({ firstName: 'Carla', lastName: 'Nueva', displayName: 'Carla Nueva', city: 'Cali', position: 'Compras', tags: [`cliente-${tag}`], version: 2 });
    const history = (await world.api.get(`/api/v1/contacts/${existing.id}/timeline`, world.adminToken)).body.items;
    expect(history[0]).toMatchObject({
      kind: 'updated',
      changes: expect.arrayContaining([
        { field: 'lastName', from: 'Vieja', to: 'Nueva' },
        { field: 'city', from: null, to: 'Cali' },
      ]),
    });
    const event = await spy.waitForMessage((m) => m.routingKey === 'contacts.contact.updated' && m.body.subject === existing.id);
    expect(event.body.data).toMatchObject({ contactId: existing.id, version: 2, changes: expect.arrayContaining([{ field: 'lastName', from: 'Vieja', to: 'Nueva' }]) });

    const again = await finished((await start(upload(csv, 'actualiza.csv', { onDuplicate: 'update' }))).body.id);
    expect(again.counts).toMatchObject({ updated: 0, skipped: 1 }); // nothing left to change

    const create = await finished((await start(upload(csv, 'crea.csv', { onDuplicate: 'create' }))).body.id);
    expect(create.counts).toMatchObject({ created: 1, skipped: 0 });
    expect((await search(mail('carla'))).length).toBe(2);
  });

  it('dedupes on the tax id whatever its punctuation', async () => {
    await world.createContact(world.adminToken, { kind: 'organization', companyName: `Ferretería ${tag}`, taxId: '900.123.456-7' });
    const csv = `empresa;nit;tipo\nFerretería Copia ${tag};9001234567;empresa\nOtra Empresa ${tag};800111222-1;empresa\n`;
    const job = await finished((await start(upload(csv, 'empresas.csv', { dedupeOn: 'taxId' }))).body.id);
    expect(job.counts).toMatchObject({ created: 1, skipped: 1, rejected: 0 });
    expect(await search(`Copia ${tag}`)).toHaveLength(0);
    expect((await search(`Otra Empresa ${tag}`))[0]).toMatchObject({ kind: 'organization', taxId: '800111222-1' });
  });

  it('a dry run reports what would happen and changes nothing', async () => {
    const eventsBefore = spy.messages.length;
    const csv = `Nombre,Correo\nSeca,${mail('seca')}\nTambién Seca,${mail('tambien-seca')}\nMala,mala@\n`;
    const job = await finished((await start(upload(csv, 'prueba.csv', { dryRun: true }, true))).body.id); // options after the file
    expect(job).toMatchObject({ status: 'completed', dryRun: true, counts: { total: 3, created: 2, rejected: 1 } });
    expect(await search(mail('seca'))).toHaveLength(0);
    const rejected = parse((await world.api.get(job.rejectedRowsUrl!, world.adminToken)).body as string, { bom: true, delimiter: ';' }) as string[][];
    expect(rejected[1]).toEqual(['Mala', 'mala@', '4', 'Correo electrónico inválido «mala@»']);
    expect(spy.messages.slice(eventsBefore).filter((m) => [mail('seca'), mail('tambien-seca')].includes(m.body.data?.email))).toEqual([]);
  });

  it('imports the first sheet of an XLSX workbook, numbers and all', async () => {
    const bytes = await xlsxBytes([
      ['First name', 'Last name', 'Email', 'Phone', 'Tax ID'],
      ['Sofía', 'Excel', mail('sofia'), 3001234567, 1032456789],
      ['Pedro', 'Excel', mail('pedro'), null, null],
    ]);
    const response = await start(upload(bytes, 'contactos.xlsx'));
    expect(response.status).toBe(202);
    expect(response.body.format).toBe('xlsx');
    const job = await finished(response.body.id);
    expect(job.counts).toMatchObject({ total: 2, created: 2, rejected: 0 });
    expect((await search(mail('sofia')))[0]).toMatchObject({ displayName: 'Sofía Excel', phone: '3001234567', taxId: '1032456789' });
  });

  it('lets a manager import; refuses sales (403), bad options (400 naming the field), other types (415) and big files (413)', async () => {
    const csv = `Nombre,Correo\nDe Gerente,${mail('gerente')}\n`;
    const byManager = await start(upload(csv, 'gerente.csv'), manager.token);
    expect(byManager.status).toBe(202);
    expect((await finished(byManager.body.id, manager.token)).counts.created).toBe(1);
    expect((await search(mail('gerente')))[0]).toMatchObject({ createdBy: manager.id });

    const bySales = await start(upload(csv, 'ventas.csv'), sales.token);
    expect(bySales.status).toBe(403);
    expect((await world.api.get('/api/v1/contacts/imports', sales.token)).status).toBe(403);

    const badOptions = await start(upload(csv, 'x.csv', { onDuplicate: 'merge', mapping: { Nombre: 'nombreCompleto' } }));
    expect(badOptions.status).toBe(400);
    expect(badOptions.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['options.onDuplicate']));
    const badMapping = await start(upload(csv, 'x.csv', { mapping: { Nombre: 'nombreCompleto' } }));
    expect(badMapping.body.errors).toEqual([expect.objectContaining({ field: 'options.mapping.Nombre' })]);
    const unknownOwner = await start(upload(csv, 'x.csv', { ownerId: randomUUID() }));
    expect(unknownOwner.body.errors).toEqual([expect.objectContaining({ field: 'options.ownerId' })]);

    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const unsupported = await start(upload(png, 'contactos.csv'));
    expect(unsupported.status).toBe(415);
    expect(unsupported.headers.get('content-type')).toContain('application/problem+json');

    const big = `Nombre,Correo\n${'Relleno,relleno@importa.co\n'.repeat(Math.ceil(MAX_BYTES / 25) + 10)}`;
    const tooLarge = await start(upload(big, 'grande.csv'));
    expect(tooLarge.status).toBe(413);
  });

  it('resumes a job whose worker crashed, without creating any contact twice', async () => {
    const rows = 600;
    const csv = `Nombre,Correo\n${Array.from({ length: rows }, (_v, i) => `Resumido ${i},${mail(`resume-${i}`)}`).join('\n')}\n`;
    const job = (await start(upload(csv, 'largo.csv'))).body as Job;
    await waitFor(async () => ((await world.api.get(`/api/v1/contacts/imports/${job.id}`, world.adminToken)).body as Job).counts.processed >= 60, {
      description: 'the job to merge its first batches',
    });
    await world.platform.stopService('contacts', 'SIGKILL');
    await world.platform.startService('contacts');
    const done = await finished(job.id, world.adminToken, 60_000);
    expect(done).toMatchObject({ status: 'completed', counts: { total: rows, processed: rows, created: rows, skipped: 0, rejected: 0 } });
    const exported = await fetch(`${world.api.baseUrl}/api/v1/contacts/export?q=${encodeURIComponent(`resume-`)}`, { headers: { authorization: `Bearer ${world.adminToken}` } });
    const emails = (parse(await exported.text(), { bom: true, delimiter: ';' }) as string[][])
      .slice(1)
      .map((row) => row[7])
      .filter((email) => email?.endsWith(`${tag}@importa.co`));
    expect(emails).toHaveLength(rows);
    expect(new Set(emails).size).toBe(rows);
  }, 90_000);

  it('keeps jobs to their tenant: another tenant gets 404 and does not list them', async () => {
    const job = (await start(upload(`Nombre\nPrivado ${tag}\n`, 'privado.csv'))).body as Job;
    await finished(job.id);
    expect((await world.api.get(`/api/v1/contacts/imports/${job.id}`, otherTenant.token)).status).toBe(404);
    expect((await world.api.get(`/api/v1/contacts/imports/${job.id}/rejected-rows`, otherTenant.token)).status).toBe(404);
    const theirs = await world.api.get('/api/v1/contacts/imports', otherTenant.token);
    expect(theirs.status).toBe(200);
    expect(theirs.body.items).toEqual([]);
    const ours = await world.api.get('/api/v1/contacts/imports?limit=200', world.adminToken);
    expect(ours.body.items.map((item: Job) => item.id)).toContain(job.id);
  });

  it('documents the import endpoints in the merged OpenAPI document', async () => {
    const docs = await world.api.get('/api/docs/openapi.json');
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/v1/contacts/imports', '/api/v1/contacts/imports/{jobId}', '/api/v1/contacts/imports/{jobId}/rejected-rows']));
  });
});
