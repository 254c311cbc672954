import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module.js';
import { RealtimeBus } from './realtime-bus.js';
import { RealtimeConfig } from './realtime-config.js';
import { RealtimeConnections } from './realtime-connections.js';
import { RealtimeHub } from './realtime-hub.js';
import { RealtimeMetrics } from './realtime-metrics.js';
import { RealtimeServices } from './realtime-services.js';
import { TopicAccess } from './topic-access.service.js';

/** Live updates for front ends: WebSocket /api/v1/realtime and SSE /api/v1/realtime/stream (docs/realtime.md). */
@Module({
  // IdentityModule: the Postgres rate limiter shared with the proxy's public routes.
  imports: [IdentityModule],
  providers: [{ provide: RealtimeConfig, useFactory: () => new RealtimeConfig() }, RealtimeMetrics, RealtimeHub, TopicAccess, RealtimeBus, RealtimeServices, RealtimeConnections],
  exports: [RealtimeConnections, RealtimeBus],
})
export class RealtimeModule {}
