import type { IncomingMessage } from 'node:http';

/**
 * The client address of a request the gateway handles outside Fastify (the WebSocket upgrade):
 * the peer, or, behind the proxies of TRUSTED_PROXIES, the address the nearest proxy appended
 * to X-Forwarded-For. Used only for the public rate limit.
 */
export function clientAddressOf(request: IncomingMessage, trustedProxies: readonly string[]): string {
  const peer = request.socket.remoteAddress ?? 'unknown';
  if (trustedProxies.length === 0) return peer;
  const header = request.headers['x-forwarded-for'];
  const value = Array.isArray(header) ? header.join(',') : header;
  const hops = value
    ?.split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  return hops?.at(-1) ?? peer;
}
