import { Injectable } from '@nestjs/common';
import type { ServiceName } from '@crm/contracts';
import { GatewayConfig } from '../config/gateway-config.js';
import { API_BASE } from '../shared/api-base.js';

/** What one part of a composed answer got from its service. */
export type UpstreamResult = { ok: true; body: unknown } | { ok: false; status: number; detail: string; body?: unknown };

export interface UpstreamCall {
  service: ServiceName;
  /** Below /api/v1, as the client would write it (`/contacts/…`). */
  path: string;
  /** The caller's own headers, so each service applies its own visibility. */
  headers: Record<string, string>;
  signal: AbortSignal;
}

/**
 * Reads JSON from a service for the gateway's composed endpoints. Never throws: a refusal, an
 * error status, a network failure or the budget running out all come back as `ok: false`
 * with a status a client can act on (504 for the budget, 503 for an unreachable service).
 */
@Injectable()
export class UpstreamReader {
  constructor(private readonly config: GatewayConfig) {}

  async get({ service, path, headers, signal }: UpstreamCall): Promise<UpstreamResult> {
    try {
      const response = await fetch(`${this.config.upstreams[service]}${API_BASE}${path}`, { headers: { accept: 'application/json', ...headers }, signal });
      const body = await readJson(response);
      if (response.ok) return { ok: true, body };
      const detail = typeof (body as { detail?: unknown })?.detail === 'string' ? (body as { detail: string }).detail : `${service} respondió ${response.status}.`;
      return { ok: false, status: response.status, detail, body };
    } catch (error) {
      if (signal.aborted) return { ok: false, status: 504, detail: `${service} no respondió dentro del tiempo disponible.` };
      return { ok: false, status: 503, detail: `${service} no está disponible (${(error as Error).message}).` };
    }
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
