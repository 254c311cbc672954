import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiClient, TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD, TestPlatform } from '@crm/testing';

const MIB = 1024 * 1024;

describe('request bodies over the limit, through the gateway to the real contacts service', () => {
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

  const post = (path: string, body: RequestInit['body'], headers: Record<string, string> = {}, init: Record<string, unknown> = {}) =>
    fetch(`${platform.gatewayUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', ...headers }, body, ...init } as RequestInit);

  it('answers a 2 MB JSON body with 413 problem+json every time (never 502), and creates nothing', async () => {
    const body = JSON.stringify({ kind: 'person', firstName: 'Grande', lastName: 'Cuerpo', email: `big-${randomUUID().slice(0, 8)}@demo.test`, notes: 'x'.repeat(2 * MIB) });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const response = await post('/api/v1/contacts', body);
      statuses.push(response.status);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await response.json()).toMatchObject({ status: 413, detail: expect.stringContaining('1 MB') });
    }
    expect(statuses).toEqual(Array(20).fill(413));
    const search = await api.get(`/api/v1/contacts?q=Grande`, admin);
    expect(search.status).toBe(200);
    expect(search.body.items).toEqual([]);
  });

  it('refuses an oversized body of unknown length (chunked) with 413 too', async () => {
    const chunk = new TextEncoder().encode(`{"kind":"person","firstName":"${'y'.repeat(MIB)}`);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 3) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await post('/api/v1/contacts', stream, {}, { duplex: 'half' });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ status: 413 });
  });

  it('lets upload routes take more than 1 MB, up to their own limit', async () => {
    const contact = await api.post('/api/v1/contacts', { kind: 'person', firstName: 'Con', lastName: 'Archivo' }, admin);
    expect(contact.status).toBe(201);
    const form = new FormData();
    form.append('file', new Blob([`%PDF-1.4\n${'z'.repeat(3 * MIB)}\n%%EOF`], { type: 'application/pdf' }), 'informe.pdf');
    const uploaded = await fetch(`${platform.gatewayUrl}/api/v1/contacts/${contact.body.id}/documents`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: form });
    expect(uploaded.status).toBe(201);

    // Several times over one keep-alive connection: the 413 must reach a client that is still
    // sending every time, never a reset connection (EPIPE / ECONNRESET) instead.
    for (let i = 0; i < 5; i++) {
      const tooBig = await post(`/api/v1/contacts/${contact.body.id}/documents`, new Uint8Array(27 * MIB), { 'content-type': 'multipart/form-data; boundary=x' });
      expect(tooBig.status).toBe(413);
      expect(await tooBig.json()).toMatchObject({ status: 413, detail: expect.stringContaining('26 MB') });
    }
  });
});
