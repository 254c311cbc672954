import multipart from '@fastify/multipart';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Type } from '@nestjs/common';
import { COMMON_ENV } from '../config/common-env.js';
import { ConfigValidationError, loadConfig, type EnvSpec } from '../config/config-validation.js';
import { createServiceApp, listenServiceApp } from './create-service-app.js';
import { parseTrustedProxies } from './trusted-proxies.js';

export interface RunServiceOptions {
  name: string;
  module: Type<unknown>;
  defaultPort: number;
  description?: string;
  /** Extra variables this service needs, validated with the common ones. */
  env?: EnvSpec;
  transport?: (app: NestFastifyApplication) => CustomTransportStrategy;
  /** Register @fastify/multipart for document uploads (limits are enforced per route). */
  multipart?: boolean;
  /** Overrides TRUSTED_PROXIES (the gateway passes its own, validated list). */
  trustedProxies?: readonly string[];
  beforeInit?: (app: NestFastifyApplication) => Promise<void>;
}

/**
 * A service's whole `main`: validate configuration (naming every bad variable), build the app,
 * start its event consumer, listen, and exit cleanly on SIGTERM.
 */
export async function runService(options: RunServiceOptions): Promise<NestFastifyApplication> {
  let port: number;
  let trustedProxies: readonly string[];
  try {
    const config = loadConfig({ ...COMMON_ENV, PORT: { kind: 'int', default: String(options.defaultPort), description: 'HTTP port' }, ...options.env });
    port = config.PORT as number;
    trustedProxies = options.trustedProxies ?? parseTrustedProxies(config.TRUSTED_PROXIES);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      console.error(`[${options.name}] ${error.message}`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const app = await createServiceApp({
    name: options.name,
    module: options.module,
    description: options.description,
    transport: options.transport,
    trustedProxies,
    beforeInit: async (nestApp) => {
      if (options.multipart) await nestApp.register(multipart as never, { limits: { files: 1, fields: 10, parts: 12 } });
      if (options.beforeInit) await options.beforeInit(nestApp);
    },
  });
  const url = await listenServiceApp(app, port);
  console.log(JSON.stringify({ level: 30, service: options.name, msg: `${options.name} listening on ${url}` }));
  return app;
}
