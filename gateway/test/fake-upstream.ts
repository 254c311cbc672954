import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  bytes: number;
  sha256: string;
}

export const DOWNLOAD_BYTES = 3 * 1024 * 1024;

/** Deterministic binary content (every byte value, repeated). */
export function binaryPattern(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + 7) & 0xff;
  return bytes;
}

/**
 * A stand-in service on loopback: /health, a small /openapi.json, a binary download, and an echo
 * of everything else (method, path and query, headers, body size and SHA-256).
 */
export class FakeUpstream {
  readonly seen: SeenRequest[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeUpstream> {
    const seen: SeenRequest[] = [];
    const server = createServer((req, res) => {
      const hash = createHash('sha256');
      let bytes = 0;
      req.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        bytes += chunk.length;
      });
      req.on('end', () => {
        const url = req.url ?? '/';
        if (url === '/health') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
        if (url === '/openapi.json') {
          return void res.writeHead(200, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              openapi: '3.0.0',
              info: { title: 'CRM contacts (fake)', version: '1' },
              paths: { '/api/v1/contacts': { get: { operationId: 'Contacts_list', responses: { 200: { description: 'ok' } } } } },
              components: { schemas: { LoginDto: { type: 'object', properties: { somethingElse: { type: 'string' } } } } },
            }),
          );
        }
        const request = { method: req.method ?? '', url, headers: req.headers, bytes, sha256: hash.digest('hex') };
        seen.push(request);
        if (url.startsWith('/api/v1/contacts/download')) {
          return void res
            .writeHead(200, { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="x.pdf"', 'content-length': DOWNLOAD_BYTES })
            .end(binaryPattern(DOWNLOAD_BYTES));
        }
        res.writeHead(200, { 'content-type': 'application/json', 'x-upstream': 'fake' }).end(JSON.stringify(request));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const upstream = new FakeUpstream(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    (upstream as { seen: SeenRequest[] }).seen = seen;
    return upstream;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Healthy on /health, but never answers anything else: an upstream whose API hangs. */
export class HangingUpstream {
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<HangingUpstream> {
    const server = createServer((req, res) => {
      if (req.url === '/health') res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const blackhole = new HangingUpstream(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('connection', (socket) => blackhole.sockets.add(socket));
    return blackhole;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
