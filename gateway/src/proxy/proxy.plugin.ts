import replyFrom from '@fastify/reply-from';
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import type { Logger } from 'pino';
import { verifyAccessToken, type AuthUser } from '@crm/auth';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '@crm/common';
import { SERVICE_NAMES, type ServiceName } from '@crm/contracts';
import { signPlatformOperatorToken } from '@crm/messaging';
import type { PostgresRateLimiter, RateLimitRule } from '@crm/database';
import type { GatewayConfig } from '../config/gateway-config.js';
import { platformKeyMatches } from '../identity/tenants/platform-key.js';
import { sendProblem } from '../http/problem-reply.js';
import { API_BASE } from '../shared/api-base.js';
import { bearerTokenOf } from './bearer-token.js';
import { BodyTooLargeError, bodyLimitFor, drainRefusedBody, isBodyTooLarge, limitedBody, RefusedBody } from './body-limits.js';
import { withoutQueryParam } from './query-string.js';
import type { ProxyMetrics } from './proxy-metrics.js';
import { PROXY_ROUTES } from './route-table.js';
import { classifyUpstreamError, isRetryableSocketError } from './upstream-error.js';
import { downstreamResponseHeaders, upstreamRequestHeaders } from './upstream-headers.js';

const METHODS: HTTPMethods[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const DEAD_LETTERS = `${API_BASE}/admin/dead-letters`;
const PLATFORM_DEAD_LETTERS = `${API_BASE}/platform/dead-letters`;

interface RouteConfig {
  upstream?: ServiceName | 'by-query';
  isPublic?: boolean;
  adminOnly?: boolean;
  /** Platform operator only (PLATFORM_API_KEY in x-platform-key), no user token. */
  platformOnly?: boolean;
}

export interface ProxyDependencies {
  config: GatewayConfig;
  metrics: ProxyMetrics;
  logger: Logger;
  /** Counters in the identity schema, shared by every gateway replica. */
  rateLimiter: PostgresRateLimiter;
}

/**
 * Every service-owned /api/v1 path, forwarded with the same path and query over keep-alive
 * undici pools. Registered in its own Fastify context whose only content-type parser hands the
 * raw request stream through unread, so uploads and downloads stream and Nest's JSON parser
 * (registered on the root context) never touches proxied bodies. Sizes are limited here, per
 * route (body-limits.ts), so an oversized body is always a 413 and never a reset connection.
 */
export async function registerProxy(fastify: FastifyInstance, deps: ProxyDependencies): Promise<void> {
  const { config, metrics } = deps;
  const publicRule: RateLimitRule = { scope: 'public', limit: config.publicRateLimit, windowSeconds: 60 };
  const callers = new WeakMap<FastifyRequest, AuthUser>();
  /** Requests actually sent upstream, with the service: only those go into the latency metric. */
  const forwarded = new WeakMap<FastifyRequest, ServiceName>();
  /** Requests the platform operator made: forwarded with this platform-operator token instead. */
  const operatorTokens = new WeakMap<FastifyRequest, string>();

  await fastify.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    // Bodies stream through unread, but never past the route's limit: a known length over it is
    // refused before anything is sent upstream, an unknown one (chunked) once it crosses it.
    // The refusal is handed on as a RefusedBody and answered by the preValidation hook below,
    // not reported with done(error): Fastify answers a parser error with `Connection: close`,
    // which resets the connection under a client still sending (EPIPE instead of the 413). Kept
    // alive, the rest of the body is read and dropped (bounded) and the client reads the 413.
    scope.addContentTypeParser('*', (request, payload, done) => {
      const limit = bodyLimitFor(request.url, config.bodyLimits);
      const declared = Number(request.headers['content-length']);
      if (Number.isFinite(declared) && declared > limit) {
        drainRefusedBody(payload, limit);
        return done(null, new RefusedBody(new BodyTooLargeError(limit)));
      }
      done(null, request.headers['content-length'] === undefined ? limitedBody(payload, limit) : payload);
    });
    scope.addHook('preValidation', async (request, reply) => {
      if (!(request.body instanceof RefusedBody)) return;
      metrics.rejected.inc({ reason: 'body_too_large' });
      return sendProblem(request, reply, 413, request.body.error.message);
    });
    await scope.register(replyFrom, {
      disableCache: true,
      disableRequestLogging: true,
      undici: {
        connections: config.proxyConnections,
        pipelining: 1,
        keepAliveTimeout: 10_000,
        connect: { timeout: config.proxyConnectTimeoutMs },
        headersTimeout: config.proxyTimeoutMs,
        bodyTimeout: config.proxyTimeoutMs,
      },
    });
    scope.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (error instanceof BodyTooLargeError) metrics.rejected.inc({ reason: 'body_too_large' });
      if (status === 500) deps.logger.error({ err: error, url: request.url }, 'proxy failed');
      return sendProblem(request, reply, status, status === 500 ? 'Ocurrió un error inesperado.' : error.message);
    });

    scope.addHook('onRequest', async (request, reply) => {
      const route = routeConfigOf(request);
      if (route.platformOnly) {
        // Without a configured key these routes do not exist (as POST /platform/tenants).
        if (!config.platformApiKey) return reject(request, reply, 404, 'Recurso no encontrado.', 'no_platform_key');
        if (!platformKeyMatches(request.headers['x-platform-key'], config.platformApiKey)) {
          return reject(request, reply, 401, 'La clave de plataforma no es válida.', 'bad_platform_key');
        }
        operatorTokens.set(request, await signPlatformOperatorToken(config.jwtSecret));
        deps.logger.info({ method: request.method, url: request.url }, 'platform operator dead-letter request');
        return;
      }
      if (route.isPublic) {
        // request.ip is the peer, or what a proxy in TRUSTED_PROXIES says the client is.
        let decision;
        try {
          decision = await deps.rateLimiter.hit(publicRule, request.ip);
        } catch (error) {
          if (!isDatabaseUnavailable(error)) throw error;
          void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
          return reject(request, reply, 503, 'El servicio no está disponible en este momento; intente de nuevo en unos segundos.', 'rate_limit_unavailable');
        }
        if (decision.allowed) return;
        metrics.rejected.inc({ reason: 'public_rate_limit' });
        void reply.header('retry-after', String(decision.retryAfterSeconds));
        return sendProblem(request, reply, 429, `Demasiadas solicitudes; espere ${decision.retryAfterSeconds} s.`);
      }
      const token = bearerTokenOf(request.headers.authorization);
      if (!token) return reject(request, reply, 401, 'Falta el token de acceso (cabecera Authorization: Bearer … o ApiKey …).', 'no_token');
      try {
        callers.set(request, await verifyAccessToken(token, config.jwtSecret));
      } catch {
        return reject(request, reply, 401, 'El token de acceso no es válido o expiró.', 'bad_token');
      }
      if (route.adminOnly && !callers.get(request)?.roles.includes('admin')) return reject(request, reply, 403, 'Solo un administrador puede ver y reenviar mensajes fallidos.', 'forbidden');
    });

    scope.addHook('onResponse', async (request, reply) => {
      const upstream = forwarded.get(request);
      if (upstream) metrics.duration.observe({ upstream, method: request.method, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    });

    for (const route of PROXY_ROUTES) {
      const routeConfig: RouteConfig = { upstream: route.service, isPublic: route.isPublic };
      for (const url of [`${API_BASE}/${route.prefix}`, `${API_BASE}/${route.prefix}/*`]) {
        scope.route({ method: METHODS, url, config: routeConfig, handler: (request, reply) => forward(request, reply, route.service, request.url) });
      }
    }

    const deadLetterConfig: RouteConfig = { upstream: 'by-query', adminOnly: true };
    const platformDeadLetterConfig: RouteConfig = { upstream: 'by-query', platformOnly: true };
    const deadLetterRoutes = [DEAD_LETTERS, `${DEAD_LETTERS}/*`].map((url) => ({ url, config: deadLetterConfig }));
    const platformRoutes = [PLATFORM_DEAD_LETTERS, `${PLATFORM_DEAD_LETTERS}/*`].map((url) => ({ url, config: platformDeadLetterConfig }));
    for (const { url, config: routeConfig } of [...deadLetterRoutes, ...platformRoutes]) {
      scope.route({
        method: ['GET', 'POST', 'DELETE'],
        url,
        config: routeConfig,
        handler: (request, reply) => {
          const service = (request.query as Record<string, unknown>).service;
          if (typeof service !== 'string' || !(SERVICE_NAMES as string[]).includes(service)) {
            return sendProblem(request, reply, 400, `Indique el servicio con ?service=: uno de ${SERVICE_NAMES.join(', ')}.`, {
              errors: [{ field: 'service', message: `debe ser uno de ${SERVICE_NAMES.join(', ')}` }],
            });
          }
          return forward(request, reply, service as ServiceName, withoutQueryParam(request.url, 'service'));
        },
      });
    }
  });

  function reject(request: FastifyRequest, reply: FastifyReply, status: number, detail: string, reason: string): FastifyReply {
    metrics.rejected.inc({ reason });
    return sendProblem(request, reply, status, detail);
  }

  function forward(request: FastifyRequest, reply: FastifyReply, service: ServiceName, source: string): FastifyReply {
    const operatorToken = operatorTokens.get(request);
    const base = config.upstreams[service];
    const upstreamHost = new URL(base).host;
    forwarded.set(request, service);
    const queryAt = source.indexOf('?');
    return reply.from(queryAt < 0 ? source : source.slice(0, queryAt), {
      getUpstream: () => base,
      // Exactly the query of `source` (reply-from would fall back to the incoming request's).
      queryString: () => (queryAt < 0 ? '' : source.slice(queryAt + 1)),
      rewriteRequestHeaders: (req) => {
        const headers = upstreamRequestHeaders(req.raw.headers, { requestId: req.id, clientIp: req.ip, protocol: req.protocol, host: req.host, upstreamHost });
        // The operator key stays here; the service gets a short-lived token that says "platform".
        if (operatorToken) headers.authorization = `Bearer ${operatorToken}`;
        return headers;
      },
      rewriteHeaders: (headers) => downstreamResponseHeaders(headers as Record<string, string | string[] | undefined>),
      retryDelay: ({ err, req, attempt }) => {
        const method = (req as unknown as { method?: string }).method;
        return attempt === 0 && err && (method === 'GET' || method === 'HEAD') && isRetryableSocketError(err) ? 20 : null;
      },
      onError: (errorReply, { error }) => {
        if (isBodyTooLarge(error)) {
          metrics.rejected.inc({ reason: 'body_too_large' });
          // No `connection: close`: the rest of the body is read and dropped (bounded, see
          // limitedBody), so the client finishes sending and reads this answer.
          return void sendProblem(request, errorReply as unknown as FastifyReply, 413, error.message);
        }
        const failure = classifyUpstreamError(error);
        metrics.errors.inc({ upstream: service, reason: failure.reason });
        deps.logger.warn({ upstream: service, reason: failure.reason, err: error.message, url: request.url }, 'upstream request failed');
        const detail =
          failure.status === 504
            ? `El servicio ${service} no respondió a tiempo; intente de nuevo.`
            : `El servicio ${service} no está disponible en este momento; intente de nuevo en unos segundos.`;
        if (failure.status === 503) void errorReply.header('retry-after', '5');
        sendProblem(request, errorReply as unknown as FastifyReply, failure.status, detail, { upstream: service });
      },
    });
  }
}

function routeConfigOf(request: FastifyRequest): RouteConfig {
  return (request.routeOptions.config ?? {}) as RouteConfig;
}
