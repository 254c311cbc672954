import { Injectable } from '@nestjs/common';
import { GatewayConfig } from '../config/gateway-config.js';
import { RealtimeBus } from './realtime-bus.js';
import { RealtimeConfig } from './realtime-config.js';
import { RealtimeHub } from './realtime-hub.js';
import { RealtimeMetrics } from './realtime-metrics.js';
import { TopicAccess } from './topic-access.service.js';

/** What every realtime session needs, in one object (sessions are not Nest providers). */
@Injectable()
export class RealtimeServices {
  constructor(
    readonly config: RealtimeConfig,
    readonly gatewayConfig: GatewayConfig,
    readonly hub: RealtimeHub,
    readonly access: TopicAccess,
    readonly bus: RealtimeBus,
    readonly metrics: RealtimeMetrics,
  ) {}
}
