import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { LOGGER } from '@crm/common';
import { PostgresRateLimiter } from '@crm/database';
import { GatewayConfig } from './config/gateway-config.js';
import { setUpDocs } from './docs/docs.setup.js';
import { ServiceDocsFetcher } from './docs/service-docs.fetcher.js';
import { configureHttpSecurity } from './http/http-security.js';
import { ApiKeysService } from './identity/api-keys/api-keys.service.js';
import { registerApiKeyExchange } from './proxy/api-key-exchange.hook.js';
import { ProxyMetrics } from './proxy/proxy-metrics.js';
import { registerProxy } from './proxy/proxy.plugin.js';
import { setUpRealtime } from './realtime/realtime.setup.js';
import { repoRoot } from './shared/repo-root.js';
import { registerWebConsole } from './web/web-console.js';

/**
 * The gateway's Fastify-level setup, before Nest registers its routes and body parsers. Order
 * matters: hooks added to the root before the proxy context is registered apply inside it too.
 */
export async function configureGatewayHttp(app: NestFastifyApplication): Promise<void> {
  const config = app.get(GatewayConfig);
  const metrics = app.get(ProxyMetrics);
  const fastify = app.getHttpAdapter().getInstance();
  configureHttpSecurity(app, config);
  registerApiKeyExchange(fastify, app.get(ApiKeysService), metrics);
  await registerProxy(fastify, { config, metrics, logger: app.get<Logger>(LOGGER), rateLimiter: app.get(PostgresRateLimiter) });
  setUpDocs(app, config, app.get(ServiceDocsFetcher));
  setUpRealtime(app);
  // Liveness only (the process answers): /health fails whenever any service is down, which must
  // not get the gateway restarted or taken out of a load balancer.
  fastify.get('/health/live', (_request, reply) => {
    void reply.header('cache-control', 'no-store').send({ status: 'ok', service: 'gateway' });
  });
  // The web console at / (any GET path no route above or below claims).
  registerWebConsole(fastify, config.webDistDir ?? join(repoRoot(), 'web', 'dist'));
}
