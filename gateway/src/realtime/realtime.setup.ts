import type { Server } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { LOGGER } from '@crm/common';
import { GatewayConfig } from '../config/gateway-config.js';
import { RealtimeConnections } from './realtime-connections.js';
import { registerRealtimeSse } from './realtime-sse.js';
import { registerRealtimeWebSocket } from './realtime-websocket.js';

/** The WebSocket upgrade on the gateway's HTTP server and the SSE route (before Nest's routes). */
export function setUpRealtime(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const connections = app.get(RealtimeConnections);
  registerRealtimeSse(fastify, connections);
  const stop = registerRealtimeWebSocket(fastify.server as Server, connections, app.get(GatewayConfig).trustedProxies, app.get<Logger>(LOGGER));
  fastify.addHook('onClose', (_instance, done) => {
    stop();
    done();
  });
}
