import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Sources of plain counters (e.g. the messaging lib) that are read when /metrics is scraped. */
export type CounterSource = () => Record<string, number>;

@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly sources: { prefix: string; read: CounterSource; counter: Counter<'name'> }[] = [];

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'http_server_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
  }

  setServiceLabel(service: string): void {
    this.registry.setDefaultLabels({ service });
  }

  /** Exposes a set of monotonically growing numbers as one labelled counter, e.g. crm_messaging_total{name="published"}. */
  addCounterSource(prefix: string, help: string, read: CounterSource): void {
    const counter = new Counter({ name: `${prefix}_total`, help, labelNames: ['name'], registers: [this.registry] });
    this.sources.push({ prefix, read, counter });
  }

  async render(): Promise<string> {
    for (const source of this.sources) {
      source.counter.reset();
      for (const [name, value] of Object.entries(source.read())) source.counter.inc({ name }, value);
    }
    return this.registry.metrics();
  }
}
