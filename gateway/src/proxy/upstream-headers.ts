import type { IncomingHttpHeaders } from 'node:http';

/**
 * Request headers passed on to a service. An allow-list: cookies, client-sent X-Forwarded-* (unless
 * the gateway trusts its own proxy) and hop-by-hop headers stay behind.
 */
const FORWARDED = [
  'accept',
  'accept-encoding',
  'accept-language',
  'authorization',
  'cache-control',
  'content-disposition',
  'content-encoding',
  'content-length',
  'content-type',
  'idempotency-key',
  'if-match',
  'if-modified-since',
  'if-none-match',
  'if-unmodified-since',
  'range',
  'user-agent',
  'x-correlation-id',
] as const;

export interface ForwardingContext {
  requestId: string;
  /** Address of the TCP peer (the client, or our load balancer). */
  remoteAddress: string | undefined;
  protocol: string;
  host: string | undefined;
  trustProxy: boolean;
  /** Upstream Host header (authority of the service URL). */
  upstreamHost: string;
}

export function upstreamRequestHeaders(incoming: IncomingHttpHeaders, context: ForwardingContext): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const name of FORWARDED) {
    const value = incoming[name];
    if (value !== undefined) headers[name] = value;
  }
  // Bodies of unknown length stream as chunked; undici sets that itself.
  if (incoming['transfer-encoding'] && !incoming['content-length']) delete headers['content-length'];
  headers.host = context.upstreamHost;
  headers['x-request-id'] = context.requestId;
  const priorFor = context.trustProxy ? firstValue(incoming['x-forwarded-for']) : undefined;
  const peer = context.remoteAddress ?? 'unknown';
  headers['x-forwarded-for'] = priorFor ? `${priorFor}, ${peer}` : peer;
  headers['x-forwarded-proto'] = (context.trustProxy && firstValue(incoming['x-forwarded-proto'])) || context.protocol;
  const forwardedHost = (context.trustProxy && firstValue(incoming['x-forwarded-host'])) || context.host;
  if (forwardedHost) headers['x-forwarded-host'] = forwardedHost;
  return headers;
}

/** Response headers that describe the upstream connection, not the response. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

export function downstreamResponseHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name.toLowerCase())) result[name] = value;
  }
  return result;
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
