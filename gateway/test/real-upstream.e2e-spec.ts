import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiClient, TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD, TestPlatform } from '@crm/testing';

/** A real PDF header and page, then padding, so the contacts service accepts it by its bytes. */
function pdfOfSize(size: number): Buffer {
  const head = Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n',
  );
  const tail = Buffer.from('trailer<</Root 1 0 R>>\n%%EOF\n');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length - tail.length), 0x20), tail]);
}

describe('the gateway in front of the real contacts service', () => {
  let platform: TestPlatform;
  let api: ApiClient;
  let admin: string;

  beforeAll(async () => {
    platform = await TestPlatform.start({ services: ['contacts'] });
    api = new ApiClient(platform.gatewayUrl);
    admin = await api.login(TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD);
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('proxies JSON and a 20 MB multipart upload to contacts, and merges its OpenAPI paths', async () => {
    const contact = await api.post('/api/v1/contacts', { kind: 'person', firstName: 'Marta', lastName: 'Lozano' }, admin);
    expect(contact.status).toBe(201);
    expect(contact.headers.get('location')).toContain(contact.body.id);
    expect(contact.headers.get('x-frame-options')).toBe('DENY');

    const bytes = pdfOfSize(20 * 1024 * 1024);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'propuesta.pdf');
    const upload = await api.request('POST', `/api/v1/contacts/${contact.body.id}/documents`, { body: form, token: admin });
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ fileName: 'propuesta.pdf', sizeBytes: bytes.length });

    const docs = await api.get('/api/docs/openapi.json');
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/v1/contacts', '/api/v1/users']));
    expect(docs.body['x-unavailable-services']).not.toContain('contacts');
  });

  it('answers 503 once the service stops, and /health says which part is down', async () => {
    await platform.stopService('contacts');
    const response = await api.get('/api/v1/contacts', admin);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const health = await api.get('/health');
    expect(health.status).toBe(503);
    expect(health.body.checks.contacts.status).toBe('down');
    expect(health.body.checks.postgres.status).toBe('up');
  });
});
