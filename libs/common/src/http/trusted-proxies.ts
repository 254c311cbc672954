import { isIP } from 'node:net';
import { ConfigValidationError } from '../config/config-validation.js';

/** Named ranges understood by Fastify's proxy-addr. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUSTED_PROXIES: the addresses (IPs, CIDRs, or loopback / linklocal / uniquelocal) of the
 * proxies in front of this process. X-Forwarded-For/-Proto/-Host are believed only when the
 * connection comes from one of them, and only the hops they added; an empty list (the default)
 * believes none, so a client cannot choose the address the rate limits see.
 */
export function parseTrustedProxies(raw: string | undefined): string[] {
  const entries = (raw ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const bad = entries.filter((entry) => !isTrustedProxyEntry(entry));
  if (bad.length > 0) {
    throw new ConfigValidationError(bad.map((entry) => `TRUSTED_PROXIES entry "${entry}" must be an IP address, a CIDR range (10.0.0.0/8) or one of loopback, linklocal, uniquelocal`));
  }
  return entries;
}

function isTrustedProxyEntry(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const prefix = Number(bits);
  return /^\d{1,3}$/.test(bits) && prefix <= (family === 4 ? 32 : 128);
}
