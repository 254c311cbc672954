import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@crm/common';
import { Counter, Histogram } from 'prom-client';

/** Upstream latency and failures per service, on the gateway's /metrics. */
@Injectable()
export class ProxyMetrics {
  readonly duration: Histogram<'upstream' | 'method' | 'status'>;
  readonly errors: Counter<'upstream' | 'reason'>;
  readonly rejected: Counter<'reason'>;

  constructor(metrics: MetricsRegistry) {
    this.duration = new Histogram({
      name: 'gateway_upstream_duration_seconds',
      help: 'Time from the request reaching the gateway to the proxied response being sent, by upstream service',
      labelNames: ['upstream', 'method', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [metrics.registry],
    });
    this.errors = new Counter({
      name: 'gateway_upstream_errors_total',
      help: 'Proxied requests that failed to reach or hear back from their upstream service',
      labelNames: ['upstream', 'reason'],
      registers: [metrics.registry],
    });
    this.rejected = new Counter({
      name: 'gateway_rejected_requests_total',
      help: 'Requests the gateway refused before proxying (bad token, rate limit, bad API key)',
      labelNames: ['reason'],
      registers: [metrics.registry],
    });
  }
}
