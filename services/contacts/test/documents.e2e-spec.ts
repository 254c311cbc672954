import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CrmWorld, type WorldUser } from '@crm/testing';

const LIMIT = 256 * 1024;

/** A small but real PDF (header, one empty page, trailer). */
function pdfBytes(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
}

function form(bytes: Buffer, fileName: string, declaredType = 'application/pdf'): FormData {
  const body = new FormData();
  body.append('file', new Blob([new Uint8Array(bytes)], { type: declaredType }), fileName);
  return body;
}

describe('contact documents through the gateway (real S3 endpoint)', () => {
  let world: CrmWorld;
  let contactId: string;
  let otherTenant: WorldUser;

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts'], env: { UPLOAD_MAX_BYTES: String(LIMIT) } });
    contactId = (await world.createContact(world.adminToken)).id;
    otherTenant = await world.createTenant();
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('uploads a PDF, lists it and downloads the same bytes through a short-lived link', async () => {
    const bytes = pdfBytes();
    const upload = await world.api.request('POST', `/api/v1/contacts/${contactId}/documents`, { body: form(bytes, 'cotización firmada.pdf'), token: world.adminToken });
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ fileName: 'cotización firmada.pdf', contentType: 'application/pdf', sizeBytes: bytes.length });

    const list = await world.api.get(`/api/v1/contacts/${contactId}/documents`, world.adminToken);
    expect(list.body.items.map((d: { id: string }) => d.id)).toContain(upload.body.id);

    const link = await world.api.get(`/api/v1/contacts/${contactId}/documents/${upload.body.id}/download`, world.adminToken);
    expect(link.status).toBe(200);
    expect(new Date(link.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const download = await fetch(link.body.url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    expect(download.headers.get('content-disposition')).toContain('attachment');
  });

  it('judges the file by its bytes: HTML named .pdf is refused with 415 and nothing is stored', async () => {
    const html = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
    const response = await world.api.request('POST', `/api/v1/contacts/${contactId}/documents`, { body: form(html, 'factura.pdf'), token: world.adminToken });
    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const list = await world.api.get(`/api/v1/contacts/${contactId}/documents`, world.adminToken);
    expect(list.body.items.map((d: { fileName: string }) => d.fileName)).not.toContain('factura.pdf');
  });

  it('refuses a file over the size limit with 413', async () => {
    const big = Buffer.concat([pdfBytes(), Buffer.alloc(LIMIT + 1024, 0x20)]);
    const response = await world.api.request('POST', `/api/v1/contacts/${contactId}/documents`, { body: form(big, 'grande.pdf'), token: world.adminToken });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('hides documents from another tenant (404) and deletes them for good', async () => {
    const upload = await world.api.request('POST', `/api/v1/contacts/${contactId}/documents`, { body: form(pdfBytes(), 'contrato.pdf'), token: world.adminToken });
    expect(upload.status).toBe(201);
    const foreign = await world.api.get(`/api/v1/contacts/${contactId}/documents/${upload.body.id}/download`, otherTenant.token);
    expect(foreign.status).toBe(404);
    const foreignDelete = await world.api.delete(`/api/v1/contacts/${contactId}/documents/${upload.body.id}`, otherTenant.token);
    expect(foreignDelete.status).toBe(404);

    const link = await world.api.get(`/api/v1/contacts/${contactId}/documents/${upload.body.id}/download`, world.adminToken);
    const removed = await world.api.delete(`/api/v1/contacts/${contactId}/documents/${upload.body.id}`, world.adminToken);
    expect(removed.status).toBe(204);
    const after = await world.api.get(`/api/v1/contacts/${contactId}/documents`, world.adminToken);
    expect(after.body.items.map((d: { id: string }) => d.id)).not.toContain(upload.body.id);
    expect((await fetch(link.body.url)).status).toBe(404);
  });
});
