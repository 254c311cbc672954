import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { CrmWorld, waitFor } from '@crm/testing';

const cursorOf = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

function csvUpload(text: string, options: Record<string, unknown> = {}): FormData {
  const form = new FormData();
  form.append('options', JSON.stringify(options));
  form.append('file', new Blob([new Uint8Array(Buffer.from(text))], { type: 'text/csv' }), 'lista.csv');
  return form;
}

/** Issue #6: every contacts list checks its cursor (400, never 500) and pages without repeats or gaps; CSV cells never run as formulas. */
describe('contacts lists and CSV files (issue #6) through the gateway', () => {
  let world: CrmWorld;
  const tag = `lh${randomUUID().slice(0, 6)}`;

  async function importJob(form: FormData) {
    const started = await world.api.request('POST', '/api/v1/contacts/imports', { body: form, token: world.adminToken });
    expect(started.status).toBe(202);
    return waitFor(
      async () => {
        const job = (await world.api.get(`/api/v1/contacts/imports/${started.body.id}`, world.adminToken)).body;
        return job.status === 'completed' || job.status === 'failed' ? job : undefined;
      },
      { timeoutMs: 20_000, description: 'the import job' },
    );
  }

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts'], env: { IMPORT_POLL_MS: '200' } });
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('answers 400 naming the cursor for a forged cursor on every list', async () => {
    const forged = {
      '/api/v1/companies': [cursorOf(['Andina', 'no-es-uuid']), cursorOf([{}, randomUUID()])],
      '/api/v1/companies?sort=createdAt': [cursorOf(['ayer', randomUUID()])],
      '/api/v1/sources': [cursorOf(['Feria', 'no-es-uuid']), cursorOf([42, randomUUID()])],
      '/api/v1/interests': [cursorOf(['Cascos', 'no-es-uuid'])],
      '/api/v1/contacts/duplicates': [cursorOf(['name', ['Ana', '-'.repeat(36)]]), cursorOf(['email', 7]), cursorOf(['otra', null])],
      '/api/v1/contacts?q=ana': [cursorOf(['createdAt', 'ayer', randomUUID()]), cursorOf(['displayName', 'ana', 'x'])],
      '/api/v1/contacts/imports': [cursorOf(['2026-01-01T00:00:00Z', 'no-es-uuid'])],
      '/api/v1/companies/00000000-0000-4000-8000-000000000000/contacts': [cursorOf(['x', 'y'])],
    };
    for (const [path, cursors] of Object.entries(forged)) {
      for (const cursor of cursors) {
        const response = await world.api.get(`${path}${path.includes('?') ? '&' : '?'}cursor=${cursor}`, world.adminToken);
        expect({ path, cursor, status: response.status }).toEqual({ path, cursor, status: path.includes('/companies/0000') ? 404 : 400 });
        if (response.status === 400) expect(response.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
      }
    }
  });

  it('pages companies by creation without repeating or skipping rows created in the same instant', async () => {
    const names = Array.from({ length: 7 }, (_, i) => `${tag} Empresa ${i}`);
    const job = await importJob(csvUpload(`Empresa;Ciudad\n${names.map((name) => `${name};Cali`).join('\n')}\n`, { kind: 'organization' }));
    expect(job.counts).toMatchObject({ created: 7, rejected: 0 });
    for (const sort of ['createdAt', '-createdAt', 'displayName']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 20; page++) {
        const response: { status: number; body: { items: { displayName: string }[]; nextCursor: string | null } } = await world.api.get(
          `/api/v1/companies?limit=2&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`,
          world.adminToken,
        );
        expect(response.status).toBe(200);
        seen.push(...(response.body.items as { displayName: string }[]).map((c) => c.displayName).filter((name) => name.startsWith(tag)));
        cursor = response.body.nextCursor;
        if (!cursor) break;
      }
      expect({ sort, seen: [...seen].sort() }).toEqual({ sort, seen: [...names].sort() });
    }
  });

  it('neutralises every formula-like cell in the export (=, +, -, @) and in the rejected-rows file', async () => {
    const hostile = ['+1+HYPERLINK("http://malo.example")', "-1+cmd|' /C calc'!A0", '@SUM(1+1)*cmd|x'];
    for (const [i, firstName] of hostile.entries()) await world.createContact(world.adminToken, { firstName, lastName: `${tag} ${i}` });
    const response = await fetch(`${world.api.baseUrl}/api/v1/contacts/export?format=csv&kind=person&q=${tag}`, { headers: { authorization: `Bearer ${world.adminToken}` } });
    expect(response.status).toBe(200);
    const [headers, ...rows] = parse(Buffer.from(await response.arrayBuffer()).toString('utf8'), { bom: true, delimiter: ';' }) as string[][];
    const firstNames = rows.map((row) => row[headers!.indexOf('Nombre')]);
    expect(firstNames.sort()).toEqual(hostile.map((text) => `'${text}`).sort());

    const job = await importJob(csvUpload(`Nombre;Correo\nMala;+1+HYPERLINK("http://malo.example")\nPeor;-2+3+cmd|' /C calc'!A0\n`));
    expect(job.counts).toMatchObject({ rejected: 2 });
    const rejected = await world.api.get(job.rejectedRowsUrl, world.adminToken);
    const table = parse(rejected.body as string, { bom: true, delimiter: ';' }) as string[][];
    expect(table.slice(1).map((row) => row[1])).toEqual([`'+1+HYPERLINK("http://malo.example")`, `'-2+3+cmd|' /C calc'!A0`]);
  });
});
