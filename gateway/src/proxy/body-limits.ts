import { Transform, type Readable } from 'node:stream';

export interface BodyLimits {
  /** JSON and form routes: the services' own limit (1 MiB). */
  json: number;
  /** Upload routes (documents, imports, attachments): the file limit plus multipart framing. */
  upload: number;
}

/** A path segment that names an upload collection, e.g. /contacts/{id}/documents or /contacts/imports. */
const UPLOAD_ROUTE = /\/(?:documents|imports|attachments)(?:\/|$)/;

/** The largest body the gateway forwards for this request path (query string ignored). */
export function bodyLimitFor(url: string, limits: BodyLimits): number {
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  return UPLOAD_ROUTE.test(path) ? limits.upload : limits.json;
}

/** Refuses a body over the route's limit at the edge, before (or while) it is forwarded. */
export class BodyTooLargeError extends Error {
  readonly statusCode = 413;
  readonly code = 'CRM_BODY_TOO_LARGE';

  constructor(readonly limit: number) {
    super(`El cuerpo de la solicitud supera el máximo de ${describeBytes(limit)} para esta ruta.`);
  }
}

/**
 * What the proxy's content-type parser hands on, as the request body, for a body whose declared
 * length is over the route's limit: a `preValidation` hook answers it 413 (see proxy.plugin.ts).
 * It is not reported as a parser error because Fastify then adds `Connection: close` to the
 * answer, and Node closes the socket as soon as the answer is written: with the client still
 * sending, the unread bytes make the kernel reset the connection, and the client gets EPIPE or
 * ECONNRESET instead of the 413 (fastify/fastify#6262, nodejs/node#54366).
 */
export class RefusedBody {
  constructor(readonly error: BodyTooLargeError) {}
}

/** True for our own refusal, however reply-from or undici wrapped it. */
export function isBodyTooLarge(error: unknown): error is BodyTooLargeError {
  let current = error as { cause?: unknown } | undefined;
  for (let depth = 0; current && depth < 4; depth++) {
    if (current instanceof BodyTooLargeError) return true;
    current = current.cause as typeof current;
  }
  return false;
}

/** How much more than its limit an oversized chunked body may send while it is read and dropped. */
export const DRAIN_FACTOR = 4;

/**
 * Passes a body of unknown length (chunked) through, failing once it exceeds `limit` bytes. The
 * rest of the client's body is then read and dropped, so the client finishes sending and reads
 * the 413 (closing while it still sends would reset the connection under its answer). A body
 * that goes on past `DRAIN_FACTOR` × `limit` more is cut off: an endless body is not drained forever.
 */
export function limitedBody(body: Readable, limit: number): Readable {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen <= limit) return callback(null, chunk);
      body.unpipe(counter);
      drainRefusedBody(body, limit, seen - limit);
      callback(new BodyTooLargeError(limit));
    },
  });
  body.on('error', (error) => counter.destroy(error));
  return body.pipe(counter);
}

/**
 * Reads and drops the rest of a refused body, so the client finishes sending and reads the 413
 * (closing under a client that still sends resets the connection before it sees the answer).
 * Past `DRAIN_FACTOR` × `limit` more bytes the connection is cut: an endless body is not drained forever.
 */
export function drainRefusedBody(body: Readable, limit: number, alreadyDropped = 0): void {
  let dropped = alreadyDropped;
  body.on('data', (more: Buffer) => {
    dropped += more.length;
    if (dropped > DRAIN_FACTOR * limit) body.destroy();
  });
  body.resume();
}

function describeBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 1 ? `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}
