import 'reflect-metadata';
import { ConfigValidationError, runService } from '@crm/common';
import { AppModule } from './app.module.js';
import { GatewayConfig } from './config/gateway-config.js';
import { GATEWAY_ENV } from './config/gateway-env.js';
import { configureGatewayHttp } from './gateway-http.js';

let trustedProxies: readonly string[];
try {
  // Ranges and combinations too, naming every bad variable at once (exit 78 = EX_CONFIG).
  const config = new GatewayConfig();
  trustedProxies = config.trustedProxies;
  if (config.legacyTrustProxy) console.warn('[gateway] TRUST_PROXY is deprecated: set TRUSTED_PROXIES to the load balancer addresses (now trusting loopback, linklocal, uniquelocal)');
} catch (error) {
  if (!(error instanceof ConfigValidationError)) throw error;
  console.error(`[gateway] ${error.message}`);
  process.exit(78);
}

await runService({
  name: 'gateway',
  module: AppModule,
  defaultPort: 3000,
  description: 'The only public entry point: identity (auth, users, teams, API keys) and the routes of every service.',
  env: GATEWAY_ENV,
  trustedProxies,
  beforeInit: configureGatewayHttp,
});
