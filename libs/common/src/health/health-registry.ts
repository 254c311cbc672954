import { Injectable } from '@nestjs/common';

export type HealthCheck = () => Promise<boolean>;

export interface HealthReport {
  status: 'ok' | 'error';
  service: string;
  checks: Record<string, { status: 'up' | 'down'; latencyMs: number }>;
}

const CHECK_TIMEOUT_MS = 2000;

/** Dependencies register a check (database, broker, S3); /health runs them all in parallel. */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();
  service = 'unknown';

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  async report(): Promise<HealthReport> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        const started = performance.now();
        const up = await Promise.race([check().catch(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), CHECK_TIMEOUT_MS).unref())]);
        return [name, { status: up ? 'up' : 'down', latencyMs: Math.round(performance.now() - started) }] as const;
      }),
    );
    const checks = Object.fromEntries(entries);
    const status = entries.every(([, c]) => c.status === 'up') ? 'ok' : 'error';
    return { status, service: this.service, checks };
  }
}
