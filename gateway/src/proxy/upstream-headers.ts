import type { IncomingHttpHeaders } from 'node:http';

/**
 * Request headers passed on to a service. An allow-list: cookies, client-sent X-Forwarded-* and
 * hop-by-hop headers stay behind; the gateway writes X-Forwarded-* itself from what Fastify
 * resolved (believing a client's headers only when the peer is in TRUSTED_PROXIES).
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
  /** The client's address: the TCP peer, or what a trusted proxy in front said it was. */
  clientIp: string;
  /** Scheme and host the client used (from a trusted proxy's X-Forwarded-Proto/-Host, else ours). */
  protocol: string;
  host: string | undefined;
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
  // One hop: services trust the gateway (their TRUSTED_PROXIES) and take this as the client.
  headers['x-forwarded-for'] = context.clientIp;
  headers['x-forwarded-proto'] = context.protocol;
  if (context.host) headers['x-forwarded-host'] = context.host;
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
