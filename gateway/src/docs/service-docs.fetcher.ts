import { Injectable } from '@nestjs/common';
import { SERVICE_NAMES, type ServiceName } from '@crm/contracts';
import { GatewayConfig } from '../config/gateway-config.js';
import type { OpenApiDocument, ServiceDocument } from './openapi-merger.js';

const FETCH_TIMEOUT_MS = 1500;
const FRESH_MS = 30_000;
const FAILURE_FRESH_MS = 5_000;

type Entry = { at: number; document?: OpenApiDocument };

/**
 * Each service's /openapi.json, fetched when the docs are asked for (in parallel, 1.5 s each)
 * and kept 30 s; a service that does not answer is left out for 5 s before it is asked again.
 */
@Injectable()
export class ServiceDocsFetcher {
  private readonly cache = new Map<ServiceName, Entry>();
  private readonly inFlight = new Map<ServiceName, Promise<Entry>>();

  constructor(private readonly config: GatewayConfig) {}

  async fetchAll(): Promise<{ documents: ServiceDocument[]; unavailable: ServiceName[] }> {
    const entries = await Promise.all(SERVICE_NAMES.map(async (service) => [service, await this.entryOf(service)] as const));
    return {
      documents: entries.filter(([, entry]) => entry.document).map(([service, entry]) => ({ service, document: entry.document! })),
      unavailable: entries.filter(([, entry]) => !entry.document).map(([service]) => service),
    };
  }

  private entryOf(service: ServiceName): Promise<Entry> {
    const cached = this.cache.get(service);
    if (cached && Date.now() - cached.at < (cached.document ? FRESH_MS : FAILURE_FRESH_MS)) return Promise.resolve(cached);
    let pending = this.inFlight.get(service);
    if (!pending) {
      pending = this.load(service).finally(() => this.inFlight.delete(service));
      this.inFlight.set(service, pending);
    }
    return pending;
  }

  private async load(service: ServiceName): Promise<Entry> {
    let document: OpenApiDocument | undefined;
    try {
      const response = await fetch(`${this.config.upstreams[service]}/openapi.json`, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (response.ok) {
        const body = (await response.json()) as OpenApiDocument;
        if (body && typeof body === 'object' && typeof body.paths === 'object') document = body;
      } else {
        await response.body?.cancel();
      }
    } catch {
      document = undefined;
    }
    const entry = { at: Date.now(), document };
    this.cache.set(service, entry);
    return entry;
  }
}
