import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startS3Server, type RunningS3Server } from '@crm/testing';
import { MinioDocumentStorage, newObjectKey, storageConfigFromEnv } from '@crm/storage';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

describe('MinioDocumentStorage against a real S3 endpoint (s3rver)', () => {
  let s3: RunningS3Server;
  let storage: MinioDocumentStorage;

  beforeAll(async () => {
    s3 = await startS3Server();
    storage = MinioDocumentStorage.fromEnv(s3.env);
  });

  afterAll(async () => {
    await s3.stop();
  });

  it('stores a document and serves it back through a presigned link as a download', async () => {
    const key = newObjectKey('tenant-a', 'contacts');
    await storage.put(key, PDF, { contentType: 'application/pdf', fileName: 'Cotización José.pdf' });

    const url = await storage.presignGet(key, { fileName: 'Cotización José.pdf' });
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('300');

    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(PDF)).toBe(true);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="Cotizacion Jose.pdf"; filename*=UTF-8''Cotizaci%C3%B3n%20Jos%C3%A9.pdf`);
  });

  it('reads an object back as a stream (server-side reads), and fails for a missing key', async () => {
    const key = newObjectKey('tenant-a', 'contact-imports');
    const body = Buffer.from('nombre;correo\nJosé;jose@cliente.co\n'.repeat(2000));
    await storage.put(key, body, { contentType: 'application/octet-stream', fileName: 'importacion.csv' });
    const chunks: Buffer[] = [];
    for await (const chunk of await storage.get(key)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(body)).toBe(true);
    await expect(storage.get(newObjectKey('tenant-a', 'contact-imports'))).rejects.toThrow();
  });

  it('honours a custom link lifetime', async () => {
    const url = await storage.presignGet('tenant-a/contacts/2026/01/x', { fileName: 'a.pdf', ttlSeconds: 60 });
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('60');
    const garbage = await storage.presignGet('tenant-a/contacts/2026/01/x', { fileName: 'a.pdf', ttlSeconds: Number.NaN });
    expect(new URL(garbage).searchParams.get('X-Amz-Expires')).toBe('300');
  });

  it('reports existence and removes documents (removing twice is fine)', async () => {
    const key = newObjectKey('tenant-a', 'tickets');
    await storage.put(key, Buffer.from('radicado;estado\nPQR-1;abierto\n'), { contentType: 'text/csv', fileName: 'pqr.csv' });
    expect(await storage.exists(key)).toBe(true);

    const url = await storage.presignGet(key, { fileName: 'pqr.csv' });
    expect((await fetch(url)).headers.get('content-type')).toBe('text/csv; charset=utf-8');

    await storage.remove(key);
    expect(await storage.exists(key)).toBe(false);
    expect((await fetch(url)).status).toBe(404);
    await expect(storage.remove(key)).resolves.toBeUndefined();
  });

  it('creates its bucket when it does not exist yet', async () => {
    const other = MinioDocumentStorage.fromEnv({ ...s3.env, S3_BUCKET: 'fresh-bucket' });
    await other.ensureBucket();
    await other.ensureBucket();
    const key = newObjectKey('tenant-b', 'opportunities');
    await other.put(key, PDF, { contentType: 'application/pdf', fileName: 'q.pdf' });
    expect(await other.exists(key)).toBe(true);
  });

  it('signs download links for the public endpoint when one is configured', async () => {
    const behindProxy = MinioDocumentStorage.fromEnv({ ...s3.env, S3_PUBLIC_ENDPOINT: 'https://files.example.com' });
    const url = new URL(await behindProxy.presignGet('tenant-a/contacts/2026/01/x', { fileName: 'a.pdf' }));
    expect(url.origin).toBe('https://files.example.com');
    expect(url.pathname).toBe(`/${s3.bucket}/tenant-a/contacts/2026/01/x`);
  });

  it('answers ping while the server is up', async () => {
    expect(await storage.ping()).toBe(true);
  });
});

describe('MinioDocumentStorage when S3 is down', () => {
  it('ping() is false once the server stops', async () => {
    const s3 = await startS3Server();
    const storage = MinioDocumentStorage.fromEnv(s3.env);
    expect(await storage.ping()).toBe(true);
    await s3.stop();

    expect(await storage.ping()).toBe(false);
  });

  describe('and the endpoint accepts connections but never answers', () => {
    let blackhole: Server;
    const sockets = new Set<Socket>();
    let storage: MinioDocumentStorage;

    beforeAll(async () => {
      blackhole = createServer((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
      const { port } = blackhole.address() as { port: number };
      storage = new MinioDocumentStorage({
        ...storageConfigFromEnv({ S3_ENDPOINT: `http://127.0.0.1:${port}`, S3_ACCESS_KEY: 'k', S3_SECRET_KEY: 's' }),
        timeoutMs: 500,
      });
    });

    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => blackhole.close(() => resolve()));
    });

    // How long each takes is measured by bench/failure-latency.bench.mjs.
    it('ping() gives up instead of hanging', async () => {
      expect(await storage.ping()).toBe(false);
    });

    it('put() fails with a timeout error instead of hanging', async () => {
      await expect(storage.put('t/contacts/2026/01/k', PDF, { contentType: 'application/pdf', fileName: 'a.pdf' })).rejects.toThrow(/timed out/);
    });
  });
});
