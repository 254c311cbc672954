import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from '../http/problem-reply.js';

/**
 * The console's own policy: scripts and styles only from this origin (Vite emits no inline
 * script), images also as data:/blob: (PDF previews), connections to this origin (REST and the
 * WebSocket), frames of blob: PDFs, nothing embeds the console.
 */
export const WEB_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; frame-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.txt', '.webmanifest']);

/** Paths that are never the console: they answer the usual problem+json 404 instead of index.html. */
const NOT_CONSOLE = /^\/(api|health|metrics)(\/|$)/;

interface CachedFile {
  mtimeMs: number;
  raw: Buffer;
  gzip?: Buffer;
}

/**
 * Serves the built console (web/dist) at `/`: hashed files under /assets/ with a one-year
 * immutable cache, everything else revalidated; any other GET path that is not a file (a client
 * route such as /clientes/123) gets index.html. Files are read once and kept in memory with
 * their gzip (the bundle is a few hundred KB); a rebuild is noticed by the file's mtime.
 */
export function registerWebConsole(fastify: FastifyInstance, distDir: string): void {
  const root = resolve(distDir);
  const cache = new Map<string, CachedFile>();

  async function load(file: string): Promise<CachedFile | undefined> {
    let info;
    try {
      info = await stat(file);
    } catch {
      return undefined;
    }
    if (!info.isFile()) return undefined;
    const cached = cache.get(file);
    if (cached && cached.mtimeMs === info.mtimeMs) return cached;
    const fresh: CachedFile = { mtimeMs: info.mtimeMs, raw: await readFile(file) };
    if (COMPRESSIBLE.has(extname(file)) && fresh.raw.length > 1024) fresh.gzip = gzipSync(fresh.raw);
    cache.set(file, fresh);
    return fresh;
  }

  function send(request: FastifyRequest, reply: FastifyReply, file: string, content: CachedFile, cacheControl: string): FastifyReply {
    void reply
      .header('content-type', TYPES[extname(file)] ?? 'application/octet-stream')
      .header('cache-control', cacheControl)
      .header('content-security-policy', WEB_CSP)
      .header('vary', 'accept-encoding');
    const gzip = content.gzip && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    if (gzip) void reply.header('content-encoding', 'gzip');
    return reply.send(gzip ? content.gzip : content.raw);
  }

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const path = decodeURIComponent(request.url.split('?')[0]!);
    if (NOT_CONSOLE.test(path)) return sendProblem(request, reply, 404, 'Recurso no encontrado.');
    const target = resolve(join(root, path));
    if (target.startsWith(root + sep) && !path.endsWith('/')) {
      const file = await load(target);
      if (file) return send(request, reply, target, file, path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      // A missing hashed asset (an old tab after a deploy) is a real 404, not the app shell.
      if (path.startsWith('/assets/')) return sendProblem(request, reply, 404, 'Recurso no encontrado.');
    }
    const index = join(root, 'index.html');
    const shell = await load(index);
    if (!shell) return sendProblem(request, reply, 503, 'La consola web no está compilada: ejecute `node scripts/build.mjs`.');
    return send(request, reply, index, shell, 'no-cache');
  };
  fastify.get('/', handler);
  fastify.get('/*', handler);
}
