import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { parse as parseYaml } from 'yaml';
import type { GatewayConfig } from '../config/gateway-config.js';
import { sendProblem } from '../http/problem-reply.js';
import { repoRoot } from '../shared/repo-root.js';
import { mergeOpenApi, type OpenApiDocument } from './openapi-merger.js';
import type { ServiceDocsFetcher } from './service-docs.fetcher.js';

/**
 * /api/docs: Swagger UI over the merged OpenAPI document (gateway + every reachable service),
 * also at /api/docs/openapi.json; services that did not answer are named in the document's
 * `x-unavailable-services` and the response header of the same name. /api/docs/asyncapi serves
 * docs/asyncapi.yaml (YAML, or JSON with ?format=json).
 */
export function setUpDocs(app: NestFastifyApplication, config: GatewayConfig, fetcher: ServiceDocsFetcher): void {
  let own: OpenAPIObject | undefined;
  const ownDocument = (): OpenAPIObject =>
    (own ??= SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('CRM API')
        .setDescription('The CRM platform through its gateway: identity (auth, users, teams, API keys) and every service.')
        .setVersion('1')
        .addBearerAuth()
        .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key' }, 'api-key')
        .build(),
      { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` },
    ));

  SwaggerModule.setup('api/docs', app, ownDocument, {
    jsonDocumentUrl: 'api/docs/openapi.json',
    raw: ['json'],
    customSiteTitle: 'CRM API',
    patchDocumentOnRequest: async <Req, Res>(_request: Req, response: Res, document: OpenAPIObject) => {
      const { documents, unavailable } = await fetcher.fetchAll();
      if (unavailable.length > 0) void (response as FastifyReply).header('x-unavailable-services', unavailable.join(','));
      return mergeOpenApi(document as unknown as OpenApiDocument, documents, unavailable) as unknown as OpenAPIObject;
    },
  });

  const asyncApiPath = config.asyncApiPath ?? join(repoRoot(), 'docs', 'asyncapi.yaml');
  let cached: { mtimeMs: number; yaml: string; json?: string } | undefined;
  app
    .getHttpAdapter()
    .getInstance()
    .get('/api/docs/asyncapi', async (request, reply) => {
      let mtimeMs: number;
      try {
        mtimeMs = (await stat(asyncApiPath)).mtimeMs;
      } catch {
        return sendProblem(request, reply, 404, 'La especificación AsyncAPI no está disponible (docs/asyncapi.yaml).');
      }
      if (!cached || cached.mtimeMs !== mtimeMs) cached = { mtimeMs, yaml: await readFile(asyncApiPath, 'utf8') };
      const format = (request.query as Record<string, unknown>).format;
      if (format === 'json') {
        cached.json ??= JSON.stringify(parseYaml(cached.yaml));
        return reply.type('application/json; charset=utf-8').send(cached.json);
      }
      return reply.type('application/yaml; charset=utf-8').send(cached.yaml);
    });
}
