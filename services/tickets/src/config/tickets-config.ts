import { createHash, createHmac } from 'node:crypto';

/**
 * Tickets settings from the environment, read when used; a malformed value is an error, never a
 * silent default.
 * - RADICADO_PREFIX (default `PQR`): `PQR-2026-000042`.
 * - RADICADO_TIME_ZONE (default `America/Bogota`): the year of a radicado is the year of its
 *   registration in this zone (1 January 00:30 in Bogotá is already the new year's series).
 * - PUBLIC_TRACKING_URL_BASE: the public tracking page; the link e-mailed to requesters is
 *   `<base>/<radicado>?token=<token>`. Unset: no link is sent.
 * - TRACKING_TOKEN_SECRET (default JWT_SECRET): key of the tracking tokens.
 * - TICKET_ATTACHMENT_MAX_BYTES (default 10 MiB), TICKET_EXPORT_MAX_ROWS (default 50,000).
 */
export interface TicketsConfig {
  radicadoPrefix: string;
  radicadoTimeZone: string;
  trackingUrlBase: string | null;
  trackingSecret: string;
  attachmentMaxBytes: number;
  exportMaxRows: number;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`Environment variable ${name} must be a positive integer, got "${raw}"`);
  return value;
}

export function ticketsConfig(env: NodeJS.ProcessEnv = process.env): TicketsConfig {
  const prefix = env.RADICADO_PREFIX?.trim() || 'PQR';
  if (!/^[A-Z0-9]{1,10}$/.test(prefix)) throw new Error(`Environment variable RADICADO_PREFIX must be 1-10 capital letters or digits, got "${prefix}"`);
  const zone = env.RADICADO_TIME_ZONE?.trim() || 'America/Bogota';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw new Error(`Environment variable RADICADO_TIME_ZONE must be an IANA time zone, got "${zone}"`);
  }
  const base = env.PUBLIC_TRACKING_URL_BASE?.trim() || null;
  if (base && !/^https?:\/\/\S+$/.test(base)) throw new Error(`Environment variable PUBLIC_TRACKING_URL_BASE must be an http(s) URL, got "${base}"`);
  const secret = env.TRACKING_TOKEN_SECRET?.trim() || env.JWT_SECRET || '';
  if (secret.length < 32) throw new Error('Environment variable TRACKING_TOKEN_SECRET (or JWT_SECRET) must be at least 32 characters');
  return {
    radicadoPrefix: prefix,
    radicadoTimeZone: zone,
    trackingUrlBase: base ? base.replace(/\/+$/, '') : null,
    trackingSecret: secret,
    attachmentMaxBytes: positiveInt(env, 'TICKET_ATTACHMENT_MAX_BYTES', 10 * 1024 * 1024),
    exportMaxRows: positiveInt(env, 'TICKET_EXPORT_MAX_ROWS', 50_000),
  };
}

/**
 * The tracking token of a ticket: derived (HMAC) from its id, so the tickets service can put
 * the link in any later e-mail (closed, CSAT) while the database keeps only its SHA-256.
 */
export function trackingTokenOf(config: TicketsConfig, tenantId: string, ticketId: string): string {
  return createHmac('sha256', config.trackingSecret).update(`tracking:${tenantId}:${ticketId}`).digest('base64url');
}

export function trackingTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function trackingUrlOf(config: TicketsConfig, radicado: string, token: string): string | null {
  return config.trackingUrlBase ? `${config.trackingUrlBase}/${encodeURIComponent(radicado)}?token=${token}` : null;
}
