import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@crm/common';
import { Counter, Gauge } from 'prom-client';

/** Realtime connections, subscriptions and what was dropped, on the gateway's /metrics. */
@Injectable()
export class RealtimeMetrics {
  readonly connections: Gauge<'transport'>;
  readonly subscriptions: Gauge;
  readonly dropped: Counter<'reason'>;
  readonly refused: Counter<'reason'>;
  readonly delivered: Counter<'transport'>;
  readonly busEvents: Counter<'outcome'>;

  constructor(metrics: MetricsRegistry) {
    const registers = [metrics.registry];
    this.connections = new Gauge({ name: 'gateway_realtime_connections', help: 'Open realtime connections by transport (ws, sse)', labelNames: ['transport'], registers });
    this.subscriptions = new Gauge({ name: 'gateway_realtime_subscriptions', help: 'Topic subscriptions held by open connections', registers });
    this.dropped = new Counter({
      name: 'gateway_realtime_dropped_total',
      help: 'Connections the gateway closed: slow consumer, missed heartbeat, token expired, too many connections',
      labelNames: ['reason'],
      registers,
    });
    this.refused = new Counter({ name: 'gateway_realtime_refused_total', help: 'Subscriptions refused, by reason', labelNames: ['reason'], registers });
    this.delivered = new Counter({ name: 'gateway_realtime_frames_total', help: 'Event and typing frames sent to clients', labelNames: ['transport'], registers });
    this.busEvents = new Counter({ name: 'gateway_realtime_bus_events_total', help: 'Bus messages the realtime consumer read, by outcome', labelNames: ['outcome'], registers });
  }
}
