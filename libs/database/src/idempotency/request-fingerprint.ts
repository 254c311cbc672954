import { createHash } from 'node:crypto';
import { Problems } from '@crm/common';

const KEY_PATTERN = /^[\w.:-]{8,128}$/;

/** The Idempotency-Key header, checked: absent → undefined; malformed → 400 naming it. */
export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return undefined;
  if (!KEY_PATTERN.test(value)) throw Problems.invalid([{ field: 'Idempotency-Key', message: 'Idempotency-Key debe tener de 8 a 128 letras, dígitos, ".", ":", "_" o "-".' }]);
  return value;
}

/** JSON with object keys sorted at every level, so `{a,b}` and `{b,a}` are the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** SHA-256 (hex) of method, path (without the query string) and the canonical JSON body. */
export function requestFingerprint(request: { method: string; path: string; body: unknown }): string {
  const path = request.path.split('?')[0];
  return createHash('sha256')
    .update(`${request.method.toUpperCase()}\n${path}\n${canonicalJson(request.body)}`)
    .digest('hex');
}

/** The Idempotency-Key of a request with its fingerprint, or undefined when it sent none. */
export function idempotencyOf(header: string | string[] | undefined, request: { method: string; url: string; body: unknown }): { key: string; fingerprint: string } | undefined {
  const key = parseIdempotencyKey(header);
  return key === undefined ? undefined : { key, fingerprint: requestFingerprint({ method: request.method, path: request.url, body: request.body }) };
}
