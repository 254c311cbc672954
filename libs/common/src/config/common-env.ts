import type { EnvSpec } from './config-validation.js';

/** Variables every service (and the gateway) reads. Services extend this with their own. */
export const COMMON_ENV = {
  DATABASE_URL: { kind: 'url', required: true, protocols: ['postgres', 'postgresql'], description: 'PostgreSQL connection URL' },
  AMQP_URL: { kind: 'url', required: true, protocols: ['amqp', 'amqps'], description: 'RabbitMQ connection URL' },
  AMQP_PREFIX: { kind: 'string', default: '', description: 'Prefix for every exchange and queue name (tests use one per run)' },
  JWT_SECRET: { kind: 'secret', required: true, minLength: 32, unguessable: true, description: 'HS256 key shared by the gateway and the services' },
  LOG_LEVEL: { kind: 'string', default: 'info', description: 'pino level: fatal, error, warn, info, debug, trace or silent' },
  HOST: { kind: 'string', default: '127.0.0.1', description: 'Interface to listen on (0.0.0.0 in containers)' },
  METRICS_TOKEN: { kind: 'secret', minLength: 16, description: 'Bearer token Prometheus sends to scrape /metrics (unset: /metrics answers 404)' },
  TRUSTED_PROXIES: {
    kind: 'string',
    default: '',
    description: 'Comma-separated IPs/CIDRs (or loopback, linklocal, uniquelocal) of proxies whose X-Forwarded-* headers are believed (none by default)',
  },
  STATEMENT_TIMEOUT_MS: { kind: 'int', default: '5000', description: 'PostgreSQL statement_timeout for service connections' },
} as const satisfies EnvSpec;
