import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';
import { RequestContext } from '../context/request-context.js';

/**
 * JSON logs in production; pretty when LOG_PRETTY=true (the dev runner sets it). Every line
 * carries the service name and, inside a request or event, its request id.
 */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  const pretty = process.env.LOG_PRETTY === 'true';
  return pino({
    name: service,
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: () => {
      const context = RequestContext.current();
      return context ? { requestId: context.requestId } : {};
    },
    redact: ['req.headers.authorization', 'password', '*.password', 'token'],
    transport: pretty ? { target: 'pino-pretty', options: { colorize: true, singleLine: true, ignore: 'pid,hostname' } } : undefined,
  });
}

/** Lets Nest's own messages go through the same pino logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
