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

/** True for our own refusal, however reply-from or undici wrapped it. */
export function isBodyTooLarge(error: unknown): error is BodyTooLargeError {
  let current = error as { cause?: unknown } | undefined;
  for (let depth = 0; current && depth < 4; depth++) {
    if (current instanceof BodyTooLargeError) return true;
    current = current.cause as typeof current;
  }
  return false;
}

/**
 * Passes a body of unknown length (chunked) through, failing once it exceeds `limit` bytes. The
 * rest of the client's body is then read and dropped, so the client gets to read the 413.
 */
export function limitedBody(body: Readable, limit: number): Readable {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen <= limit) return callback(null, chunk);
      body.unpipe(counter);
      body.resume();
      callback(new BodyTooLargeError(limit));
    },
  });
  body.on('error', (error) => counter.destroy(error));
  return body.pipe(counter);
}

function describeBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 1 ? `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}
