import { randomUUID } from 'node:crypto';
import { RequestMethod, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { LOGGER } from '../common.module.js';
import { RequestContext } from '../context/request-context.js';
import { ProblemDetailsFilter } from '../errors/problem-details.filter.js';
import { MetricsRegistry } from '../health/metrics-registry.js';
import { PinoNestLogger } from '../logging/logger.js';
import { parseTrustedProxies } from './trusted-proxies.js';
import { createValidationPipe } from './validation.pipe.js';

export const API_PREFIX = 'api/v1';
const REQUEST_ID_PATTERN = /^[\w.:-]{1,128}$/;

export interface ServiceAppOptions {
  /** Service name: logs, metrics, OpenAPI title. */
  name: string;
  module: Type<unknown>;
  description?: string;
  /** Max JSON body in bytes (uploads set their own limit per route). */
  bodyLimit?: number;
  /** The event consumer (messaging's AmqpTransport), started with the app. */
  transport?: (app: NestFastifyApplication) => CustomTransportStrategy;
  /**
   * Proxies whose X-Forwarded-* headers are believed (IPs, CIDRs, named ranges). Default:
   * TRUSTED_PROXIES, which is empty unless configured: nobody is trusted.
   */
  trustedProxies?: readonly string[];
  /** Extra setup before init (Fastify plugins such as multipart). */
  beforeInit?: (app: NestFastifyApplication) => Promise<void>;
}

/** Fastify's setting: false (believe no forwarded header) or the list of trusted proxy addresses. */
function trustProxySetting(trusted: readonly string[]): false | string[] {
  return trusted.length > 0 ? [...trusted] : false;
}

function requestIdOf(request: { headers: Record<string, string | string[] | undefined> }): string {
  const header = request.headers['x-request-id'];
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID_PATTERN.test(value) ? value : randomUUID();
}

/**
 * Builds a service (or the gateway) the same way everywhere: Fastify, request ids that follow
 * the request into logs and events, problem+json errors, whitelist validation, /health,
 * /metrics and the service's OpenAPI document at /openapi.json. Does not listen (tests pick
 * their own port); call `listenServiceApp` for that.
 */
export async function createServiceApp(options: ServiceAppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    trustProxy: trustProxySetting(options.trustedProxies ?? parseTrustedProxies(process.env.TRUSTED_PROXIES)),
    genReqId: requestIdOf,
    requestIdHeader: false,
    return503OnClosing: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(options.module, adapter, { bufferLogs: true, abortOnError: false });
  const logger = app.get<Logger>(LOGGER);
  app.useLogger(new PinoNestLogger(logger));
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter(logger));
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(MetricsRegistry);
  fastify.addHook('onRequest', async (request, reply) => {
    const correlation = request.headers['x-correlation-id'];
    const correlationId = typeof correlation === 'string' && REQUEST_ID_PATTERN.test(correlation) ? correlation : request.id;
    RequestContext.enter({ requestId: request.id, correlationId });
    void reply.header('x-request-id', request.id);
  });
  fastify.addHook('onResponse', async (request: FastifyRequest, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  if (options.beforeInit) await options.beforeInit(app);
  const document = buildOpenApiDocument(app, options);
  fastify.get('/openapi.json', (_request, reply) => {
    void reply.send(document);
  });
  if (options.transport) app.connectMicroservice({ strategy: options.transport(app) }, { inheritAppConfig: true });
  await app.init();
  return app;
}

function buildOpenApiDocument(app: NestFastifyApplication, options: ServiceAppOptions): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(`CRM ${options.name}`)
    .setDescription(options.description ?? `The ${options.name} service of the CRM.`)
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config, { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` });
}

/** Starts the event consumer (if any) and listens. */
export async function listenServiceApp(app: NestFastifyApplication, port: number, host = process.env.HOST ?? '127.0.0.1'): Promise<string> {
  await app.startAllMicroservices();
  await app.listen({ port, host });
  return app.getUrl();
}
