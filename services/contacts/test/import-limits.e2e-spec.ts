import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildZip, CrmWorld, waitFor } from '@crm/testing';

const MAX_EXPANDED = 4 * 1024 * 1024;
const MAX_ROWS = 1000;

/** A minimal workbook whose first sheet has these `<row>` elements. */
function workbook(sheetRows: string, options: { declaredSheetSize?: number } = {}): Buffer {
  const sheet = Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`,
  );
  const contentTypes =
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
  const book =
    '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Contactos" sheetId="1" r:id="rId1"/></sheets></workbook>';
  return buildZip({
    '[Content_Types].xml': { data: contentTypes, deflate: true },
    'xl/workbook.xml': { data: book, deflate: true },
    'xl/worksheets/sheet1.xml': { data: sheet, deflate: true, declaredSize: options.declaredSheetSize },
  });
}

const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const header = `<row r="1">${cell('A1', 'Nombre')}${cell('B1', 'Correo')}</row>`;
/** One cell of 64 MiB of the same letter: about 64 KiB once deflated. */
const bombRows = () => `${header}<row r="2">${cell('A2', 'A'.repeat(64 * 1024 * 1024))}</row>`;

describe('XLSX imports are bounded in expanded size and rows (zip bombs)', () => {
  let world: CrmWorld;
  const tag = randomUUID().slice(0, 6);

  const start = (bytes: Buffer, fileName = 'contactos.xlsx') => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), fileName);
    return world.api.request('POST', '/api/v1/contacts/imports', { body: form, token: world.adminToken });
  };
  const jobs = async () => (await world.api.get('/api/v1/contacts/imports?limit=200', world.adminToken)).body.items as { id: string }[];

  beforeAll(async () => {
    world = await CrmWorld.start({
      services: ['contacts'],
      env: { IMPORT_XLSX_MAX_EXPANDED_BYTES: String(MAX_EXPANDED), IMPORT_XLSX_MAX_ROWS: String(MAX_ROWS), IMPORT_POLL_MS: '200' },
    });
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('refuses a small file that expands hugely with 413, before expanding it all, and stores no job', async () => {
    const bomb = workbook(bombRows());
    expect(bomb.length).toBeLessThan(256 * 1024);
    const before = await jobs();
    const refused = await start(bomb);
    expect(refused.status).toBe(413);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.detail).toMatch(/descomprim/);
    expect(refused.body.detail).toContain('4 MB');
    expect(await jobs()).toHaveLength(before.length);
    // The service is still there to answer.
    expect((await world.api.get('/api/v1/contacts?limit=1', world.adminToken)).status).toBe(200);
  });

  it('refuses a bomb whose ZIP directory lies about its size (the real expansion is counted)', async () => {
    const liar = workbook(bombRows(), { declaredSheetSize: 2048 });
    const refused = await start(liar);
    expect(refused.status).toBe(413);
    expect(refused.body.detail).toMatch(/descomprim/);
  });

  it('refuses a sheet with more rows than allowed (413), and imports one within both limits', async () => {
    const rows = (count: number) =>
      header + Array.from({ length: count }, (_v, i) => `<row r="${i + 2}">${cell(`A${i + 2}`, `Fila ${i}`)}${cell(`B${i + 2}`, `fila${i}.${tag}@limites.co`)}</row>`).join('');
    const tooMany = await start(workbook(rows(MAX_ROWS + 1)));
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.detail).toContain(`${MAX_ROWS.toLocaleString('es-CO')} filas`);

    const fine = await start(workbook(rows(5)));
    expect(fine.status).toBe(202);
    const job = await waitFor(
      async () => {
        const current = (await world.api.get(`/api/v1/contacts/imports/${fine.body.id}`, world.adminToken)).body;
        return current.status === 'completed' || current.status === 'failed' ? current : undefined;
      },
      { description: 'the small workbook to be imported' },
    );
    expect(job).toMatchObject({ status: 'completed', counts: expect.objectContaining({ created: 5, rejected: 0 }) });
  });
});
