import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from '../http/problem-reply.js';
import { bearerTokenOf } from '../proxy/bearer-token.js';
import { verifyCaller } from './caller-token.js';
import type { RealtimeConnections } from './realtime-connections.js';
import { parseTopic, type RealtimeTopic } from './realtime-topic.js';
import { REALTIME_PATH } from './realtime-websocket.js';
import type { GrantedTopic } from './topic-access.service.js';

export const REALTIME_STREAM_PATH = `${REALTIME_PATH}/stream`;

/** One SSE message: `id:` only for events (what Last-Event-ID replays from), the frame (one line of JSON) as `data:`. */
function writeSseMessage(raw: NodeJS.WritableStream, frame: string | Buffer, id: string | null): void {
  raw.write(`${id ? `id: ${id}\n` : ''}data: `);
  raw.write(frame);
  raw.write('\n\n');
}

/**
 * Server-Sent Events fallback: `GET /api/v1/realtime/stream?topics=a,b` with
 * `Authorization: Bearer …` (the `public-ticket:` topic needs none, its `token` query parameter
 * is the tracking token as on the REST page). Every topic is checked first; one not visible
 * answers 404 for the whole request. The same frames as the WebSocket, replay from
 * `Last-Event-ID`, a comment line as heartbeat, closed when the token expires or the client
 * falls behind.
 */
export function registerRealtimeSse(fastify: FastifyInstance, connections: RealtimeConnections): void {
  const { config, gatewayConfig, access, metrics } = connections.services;

  fastify.get(REALTIME_STREAM_PATH, async (request: FastifyRequest, reply: FastifyReply) => {
    const query = request.query as Record<string, unknown>;
    const names =
      typeof query.topics === 'string'
        ? query.topics
            .split(',')
            .map((name) => name.trim())
            .filter(Boolean)
        : [];
    if (names.length === 0 || names.length > config.maxSubscriptions) {
      return sendProblem(request, reply, 400, `Indique de 1 a ${config.maxSubscriptions} temas en ?topics=, separados por comas.`, {
        errors: [{ field: 'topics', message: 'lista de temas requerida' }],
      });
    }
    const topics: RealtimeTopic[] = [];
    for (const name of names) {
      const topic = parseTopic(name);
      if (!topic) return sendProblem(request, reply, 400, `Tema no válido: ${name.slice(0, 100)}.`, { errors: [{ field: 'topics', message: `tema no válido: ${name.slice(0, 100)}` }] });
      topics.push(topic);
    }
    const authorization = request.headers.authorization;
    const caller = authorization === undefined ? undefined : await verifyCaller(bearerTokenOf(authorization), gatewayConfig.jwtSecret);
    if (authorization !== undefined && !caller) return sendProblem(request, reply, 401, 'El token de acceso no es válido o expiró.');
    if (!caller && topics.some((topic) => topic.kind !== 'public-ticket')) return sendProblem(request, reply, 401, 'Falta el token de acceso (cabecera Authorization: Bearer …).');

    const grants: GrantedTopic[] = [];
    for (const topic of topics) {
      const decision = await access.decide(topic, { user: caller?.user ?? null, token: caller?.token ?? null, ip: request.ip }, query.token);
      if (decision.allowed) {
        grants.push(decision.grant);
        continue;
      }
      metrics.refused.inc({ reason: decision.reason });
      if (decision.reason === 'unavailable') return sendProblem(request, reply, 503, 'No se pudo comprobar el acceso al tema; intente de nuevo en unos segundos.');
      if (decision.reason === 'rate_limited') return sendProblem(request, reply, 429, 'Demasiadas solicitudes; espere un minuto.');
      if (decision.reason === 'unauthenticated') return sendProblem(request, reply, 401, 'El token de acceso no es válido o expiró.');
      return sendProblem(request, reply, 404, `El tema ${topic.name} no existe o no tiene acceso.`);
    }

    const raw = reply.raw;
    let heartbeat: NodeJS.Timeout | undefined;
    const session = connections.open({
      kind: 'sse',
      ip: request.ip,
      send: (frame, id) => writeSseMessage(raw, frame, id),
      bufferedBytes: () => raw.writableLength,
      close: () => raw.end(),
    });
    if (!session) return sendProblem(request, reply, 503, 'Demasiadas conexiones en tiempo real; intente de nuevo más tarde.');
    reply.hijack();
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
      'x-request-id': request.id,
    });
    raw.write('retry: 3000\n\n');
    raw.on('close', () => {
      clearInterval(heartbeat);
      connections.release(session, 'sse');
    });
    if (caller) await session.authenticate(caller.token);
    const lastEventId = request.headers['last-event-id'];
    const since = typeof lastEventId === 'string' && lastEventId ? lastEventId : undefined;
    topics.forEach((topic, index) => session.attach(topic.name, grants[index]!, since));
    heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), config.heartbeatMs);
    heartbeat.unref();
  });
}
