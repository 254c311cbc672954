import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { CrmWorld, type WorldUser } from '@crm/testing';

const CAP = 6;

async function download(world: CrmWorld, path: string, token: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${world.api.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

function csvTable(bytes: Buffer, delimiter = ';'): string[][] {
  return parse(bytes.toString('utf8'), { bom: true, delimiter }) as string[][];
}

async function xlsxSheets(bytes: Buffer): Promise<Map<string, unknown[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return new Map(
    workbook.worksheets.map((sheet) => [
      sheet.name,
      sheet
        .getSheetValues()
        .filter(Boolean)
        .map((row) => (row as unknown[]).slice(1)),
    ]),
  );
}

describe('contact export (CSV/XLSX, streamed) through the gateway', () => {
  let world: CrmWorld;
  let sales: WorldUser;
  let otherTenant: WorldUser;
  const tag = `exp${randomUUID().slice(0, 6)}`;
  const ids: Record<string, string> = {};
  const listIds = async (query: string, token: string) => ((await world.api.get(`/api/v1/contacts?${query}&limit=200`, token)).body.items as { id: string }[]).map((c) => c.id).sort();

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts'], env: { EXPORT_MAX_ROWS: String(CAP) } });
    const [teamA, teamB] = [await world.createTeam(`Norte ${tag}`), await world.createTeam(`Sur ${tag}`)];
    // teamB needs a member: contacts learns teams from the identity events of their users.
    [sales, otherTenant] = await Promise.all([world.createUser(['sales'], [teamA]), world.createTenant(), world.createUser(['sales'], [teamB])]);
    const make = async (key: string, body: Record<string, unknown>) => (ids[key] = (await world.createContact(world.adminToken, { lastName: `${tag} ${key}`, ...body })).id);
    await make('ana', {
      firstName: 'Ana',
      email: `ana@${tag}.co`,
      phone: '+57 300 111 2233',
      city: 'Medellín',
      country: 'CO',
      tags: ['feria', 'vip'],
      teamId: teamA,
      companyName: 'Gómez; Hermanos',
    });
    await make('luis', { firstName: 'Luis', lifecycle: 'prospect', teamId: teamA });
    await make('formula', { firstName: '=HYPERLINK("http://malo.example")', teamId: teamA });
    await make('sur1', { firstName: 'Sofía', teamId: teamB });
    await make('sur2', { firstName: 'Pedro', teamId: teamB, lifecycle: 'prospect' });
    // A note on a contact: exports never carry notes, private or shared.
    const note = await world.api.post(`/api/v1/contacts/${ids.ana}/notes`, { body: `nota secreta ${tag}`, visibility: 'private' }, world.adminToken);
    if (note.status !== 201) throw new Error(`note: ${note.status} ${JSON.stringify(note.body)}`);
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('exports the filtered list an admin sees as CSV with BOM, ";" and Spanish headers that parse back', async () => {
    const response = await download(world, `/api/v1/contacts/export?format=csv&q=${tag}`, world.adminToken);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="contactos-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(response.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [headers, ...rows] = csvTable(response.bytes);
    expect(headers.slice(0, 8)).toEqual(['ID', 'Tipo', 'Etapa', 'Nombre', 'Apellido', 'Empresa', 'Nombre para mostrar', 'Correo']);
    expect(rows.map((row) => row[0]).sort()).toEqual(await listIds(`q=${tag}`, world.adminToken));
    const column = (name: string) => headers.indexOf(name);
    const ana = rows.find((row) => row[0] === ids.ana)!;
    expect([ana[column('Tipo')], ana[column('Etapa')], ana[column('Empresa')], ana[column('Teléfono')], ana[column('Ciudad')], ana[column('País')], ana[column('Etiquetas')]]).toEqual([
      'persona',
      'contacto',
      'Gómez; Hermanos',
      "'+57 300 111 2233",
      'Medellín',
      'CO',
      'feria, vip',
    ]);
    expect(rows.find((row) => row[0] === ids.formula)![column('Nombre')]).toBe(`'=HYPERLINK("http://malo.example")`);
    expect(response.bytes.toString('utf8')).not.toContain('nota secreta');
  });

  it('applies the list filters: lifecycle=prospect exports exactly what GET /contacts lists', async () => {
    const response = await download(world, `/api/v1/contacts/export?q=${tag}&lifecycle=prospect`, world.adminToken);
    const rows = csvTable(response.bytes).slice(1);
    expect(rows.map((row) => row[0]).sort()).toEqual([ids.luis, ids.sur2].sort());
    expect(rows.map((row) => row[0]).sort()).toEqual(await listIds(`q=${tag}&lifecycle=prospect`, world.adminToken));
  });

  it("honours record visibility: a sales user exports only their team's shared contacts", async () => {
    const response = await download(world, `/api/v1/contacts/export?q=${tag}`, sales.token);
    expect(response.status).toBe(200);
    const exported = csvTable(response.bytes)
      .slice(1)
      .map((row) => row[0])
      .sort();
    expect(exported).toEqual([ids.ana, ids.luis, ids.formula].sort());
    expect(exported).toEqual(await listIds(`q=${tag}`, sales.token));
  });

  it('writes an XLSX that exceljs opens, with English headers and values on Accept-Language: en', async () => {
    const response = await download(world, `/api/v1/contacts/export?format=xlsx&q=${tag}&kind=person`, world.adminToken, { 'accept-language': 'en-US,en;q=0.9' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toMatch(/filename="contacts-.*\.xlsx"/);
    const sheets = await xlsxSheets(response.bytes);
    const [headers, ...rows] = sheets.get('Contacts')!;
    expect(headers!.slice(0, 4)).toEqual(['ID', 'Type', 'Lifecycle', 'First name']);
    expect(rows.map((row) => row[0]).sort()).toEqual(Object.values(ids).sort());
    expect(rows.find((row) => row[0] === ids.luis)!.slice(1, 3)).toEqual(['person', 'prospect']);
    // A text cell that looks like a formula stays text, also if the sheet is re-saved as CSV.
    expect(rows.find((row) => row[0] === ids.formula)![headers!.indexOf('First name')]).toBe(`'=HYPERLINK("http://malo.example")`);
    expect(sheets.has('Notice')).toBe(false);
  });

  it(`stops at the row cap (EXPORT_MAX_ROWS=${CAP}) and says so in the workbook`, async () => {
    await world.createContact(world.adminToken, { firstName: 'Séptimo', lastName: `${tag} extra1` });
    await world.createContact(world.adminToken, { firstName: 'Octavo', lastName: `${tag} extra2` });
    const csv = await download(world, `/api/v1/contacts/export?q=${tag}&delimiter=,`, world.adminToken);
    expect(csv.headers.get('x-export-max-rows')).toBe(String(CAP));
    expect(csvTable(csv.bytes, ',').slice(1)).toHaveLength(CAP);
    const sheets = await xlsxSheets((await download(world, `/api/v1/contacts/export?format=xlsx&q=${tag}`, world.adminToken)).bytes);
    expect(sheets.get('Contactos')!.slice(1)).toHaveLength(CAP);
    expect(String(sheets.get('Aviso')![0]![0])).toContain(`más de ${CAP} contactos`);
  });

  it('refuses bad parameters (400 naming the field) and shows another tenant none of our contacts', async () => {
    const badFormat = await world.api.get('/api/v1/contacts/export?format=pdf', world.adminToken);
    expect(badFormat.status).toBe(400);
    expect(badFormat.body.errors).toEqual([expect.objectContaining({ field: 'format' })]);
    const paging = await world.api.get('/api/v1/contacts/export?limit=10', world.adminToken);
    expect(paging.status).toBe(400);
    const foreign = await download(world, `/api/v1/contacts/export?q=${tag}`, otherTenant.token);
    expect(foreign.status).toBe(200);
    expect(csvTable(foreign.bytes)).toHaveLength(1); // the header row only
  });

  it('documents the export in the merged OpenAPI document', async () => {
    const docs = await world.api.get('/api/docs/openapi.json');
    expect(docs.body.paths['/api/v1/contacts/export']?.get?.parameters?.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['format', 'delimiter', 'q', 'lifecycle']));
  });
});
