import { createHash, createHmac } from 'node:crypto';
import type { TicketsSettings } from './tickets-env.js';

/** The tickets settings (declared in tickets-env.ts, injected as TICKETS_CONFIG). */
export type TicketsConfig = TicketsSettings;

/**
 * The tracking token of a ticket: derived (HMAC) from its id, so the tickets service can put
 * the link in any later e-mail (closed, CSAT) while the database keeps only its SHA-256.
 */
export function trackingTokenOf(config: Pick<TicketsConfig, 'trackingSecret'>, tenantId: string, ticketId: string): string {
  return createHmac('sha256', config.trackingSecret).update(`tracking:${tenantId}:${ticketId}`).digest('base64url');
}

export function trackingTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function trackingUrlOf(config: Pick<TicketsConfig, 'trackingUrlBase'>, radicado: string, token: string): string | null {
  return config.trackingUrlBase ? `${config.trackingUrlBase}/${encodeURIComponent(radicado)}?token=${token}` : null;
}
