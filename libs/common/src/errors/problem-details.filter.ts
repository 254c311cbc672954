import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-unavailable.js';
import { buildProblem, preferredLanguage, PROBLEM_CONTENT_TYPE, type ProblemDetails } from './problem-details.js';
import { ProblemException } from './problem.exception.js';

interface ErrorWithCode {
  code?: string;
  statusCode?: number;
  driverError?: { code?: string };
  message?: string;
}

/** Postgres error codes that are the caller's fault or a transient state, not a server bug. */
const PG_STATUS: Record<string, { status: number; detail: string }> = {
  '23505': { status: 409, detail: 'Ya existe un registro con esos datos.' },
  '22P02': { status: 400, detail: 'Un valor no tiene el formato esperado.' },
  // A well-formed but impossible date or time (2026-13-45, 25:61) that a DTO let through.
  '22007': { status: 400, detail: 'Una fecha u hora no es válida.' },
  '22008': { status: 400, detail: 'Una fecha u hora no es válida.' },
  '57014': { status: 503, detail: 'La consulta tardó demasiado; intente con filtros más precisos.' },
};

/**
 * Turns every error into RFC 9457 problem+json. Never returns a stack trace; logs 5xx with it.
 * Only for HTTP: errors inside event handlers belong to the messaging transport.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const language = preferredLanguage(request.headers['accept-language']);
    const unavailable = !(exception instanceof HttpException) && isDatabaseUnavailable(exception);
    const problem = unavailable ? databaseUnavailableProblem(language) : this.toProblem(exception, language);
    problem.instance = request.url;
    if (unavailable) {
      // Expected while the database restarts: a warning, not a stack trace per request.
      this.logger.warn({ err: (exception as Error)?.message, url: request.url }, 'database unavailable');
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    } else if (problem.status >= 500) this.logger.error({ err: exception, url: request.url }, 'request failed');
    if (problem.status === 429 && !reply.getHeader('retry-after')) reply.header('retry-after', '60');
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }

  private toProblem(exception: unknown, language: 'es' | 'en'): ProblemDetails {
    if (exception instanceof ProblemException) {
      const english = language === 'en' ? exception.english : undefined;
      return buildProblem(exception.getStatus(), language, { detail: exception.detail, ...exception.extras, ...english });
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail = typeof body === 'string' ? body : this.messageOf(body);
      return buildProblem(status, language, { detail });
    }
    const error = (exception ?? {}) as ErrorWithCode;
    const pgCode = error.driverError?.code ?? error.code;
    if (pgCode && PG_STATUS[pgCode]) return buildProblem(PG_STATUS[pgCode].status, language, { detail: PG_STATUS[pgCode].detail });
    // Fastify's own errors (body too large, bad JSON, unsupported content type) carry statusCode.
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return buildProblem(error.statusCode, language, { detail: error.message });
    }
    return buildProblem(500, language, { detail: language === 'es' ? 'Ocurrió un error inesperado.' : 'An unexpected error occurred.' });
  }

  private messageOf(body: object): string | undefined {
    const message = (body as { message?: unknown }).message;
    if (Array.isArray(message)) return message.join('; ');
    return typeof message === 'string' ? message : undefined;
  }
}

function databaseUnavailableProblem(language: 'es' | 'en'): ProblemDetails {
  const detail =
    language === 'es'
      ? 'El servicio no puede usar su base de datos en este momento; intente de nuevo en unos segundos.'
      : 'The service cannot reach its database right now; try again in a few seconds.';
  return buildProblem(503, language, { detail });
}
