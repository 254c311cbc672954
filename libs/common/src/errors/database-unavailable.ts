/**
 * Errors that mean "the database cannot be reached right now" (restart, failover, network), as
 * opposed to a bad query: the right answer is 503 with Retry-After, so clients retry.
 */
const UNAVAILABLE_CODES = new Set([
  '57P01', // admin_shutdown: the backend was terminated (server restart, pg_terminate_backend)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the server is starting up or shutting down
  '53300', // too_many_connections
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** Messages of node-postgres and pg-pool errors that carry no code. */
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /not queryable/i,
  /connection (?:is )?(?:closed|ended)/i,
  /server closed the connection unexpectedly/i,
];

/** Seconds a client should wait before retrying, sent as Retry-After with the 503. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

interface ErrorShape {
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const shape = error as ErrorShape;
  const code = typeof shape.code === 'string' ? shape.code : undefined;
  // Class 08: connection exceptions (08000, 08003, 08006, 08001, 08004, …).
  if (code && (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (typeof shape.message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(shape.message as string))) return true;
  const nested = [shape.driverError, shape.cause, ...(Array.isArray(shape.errors) ? shape.errors : [])];
  return nested.some((inner) => inner !== error && isDatabaseUnavailable(inner, depth + 1));
}
