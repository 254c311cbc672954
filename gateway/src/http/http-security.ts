import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { GatewayConfig } from '../config/gateway-config.js';

/** Swagger UI needs its own scripts, inline styles and data: images; nothing else does. */
const DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/**
 * Security headers on every response, proxied ones included (nosniff, DENY, no-referrer and a
 * CSP that allows nothing, since the API serves no pages), relaxed only for /api/docs; CORS
 * only for the origins in CORS_ORIGINS.
 */
export function configureHttpSecurity(app: NestFastifyApplication, config: GatewayConfig): void {
  app.useSecurityHeaders({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] } },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    xContentTypeOptions: true,
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.url === '/api/docs' || request.url.startsWith('/api/docs/')) void reply.header('content-security-policy', DOCS_CSP);
    done();
  });
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: [...config.corsOrigins],
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'if-match', 'if-none-match', 'idempotency-key', 'accept-language', 'x-request-id', 'x-api-key'],
      exposedHeaders: ['x-request-id', 'etag', 'location', 'retry-after', 'content-disposition', 'x-unavailable-services'],
      credentials: false,
      maxAge: 600,
    });
  }
}
