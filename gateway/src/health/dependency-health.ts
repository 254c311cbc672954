import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HealthRegistry } from '@crm/common';
import { SERVICE_NAMES } from '@crm/contracts';
import { GatewayConfig } from '../config/gateway-config.js';

const PROBE_TIMEOUT_MS = 1500;

async function probe(url: string, isUp: (status: number) => boolean): Promise<boolean> {
  try {
    const response = await fetch(url, { method: 'GET', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS), redirect: 'manual' });
    await response.body?.cancel();
    return isUp(response.status);
  } catch {
    return false;
  }
}

/**
 * Adds to the gateway's /health (which already has its Postgres and RabbitMQ checks) each
 * service's own /health and the S3 endpoint, all run in parallel with a 1.5 s timeout each.
 */
@Injectable()
export class DependencyHealth implements OnModuleInit {
  constructor(
    private readonly health: HealthRegistry,
    private readonly config: GatewayConfig,
  ) {}

  onModuleInit(): void {
    for (const service of SERVICE_NAMES) {
      this.health.register(service, () => probe(`${this.config.upstreams[service]}/health`, (status) => status === 200));
    }
    // Any HTTP answer means the endpoint is up (an anonymous GET on S3 is usually a 403).
    const s3 = this.config.s3Endpoint;
    if (s3) this.health.register('s3', () => probe(s3, (status) => status > 0 && status < 500));
  }
}
