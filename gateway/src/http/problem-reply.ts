import { buildProblem, preferredLanguage, PROBLEM_CONTENT_TYPE, type ProblemDetails } from '@crm/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Answers a raw Fastify route (proxy, docs) with problem+json, the same shape Nest's filter gives
 * controller routes: these routes do not go through Nest's exception layer.
 */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, status: number, detail: string, extras: Partial<ProblemDetails> = {}): FastifyReply {
  const problem = buildProblem(status, preferredLanguage(request.headers['accept-language']), { detail, ...extras });
  problem.instance = request.url;
  return reply.status(status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
}
