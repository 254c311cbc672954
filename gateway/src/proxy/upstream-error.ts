export interface UpstreamFailure {
  status: 502 | 503 | 504;
  /** Metric label: refused, unreachable, connect_timeout, timeout, reset, other. */
  reason: string;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNABORTED']);

function codeOf(error: unknown): string | undefined {
  let current = error as { code?: string; cause?: unknown } | undefined;
  // reply-from wraps undici's error; undici may wrap the socket's.
  for (let depth = 0; current && depth < 4; depth++) {
    if (current.code && !current.code.startsWith('FST_')) return current.code;
    current = current.cause as typeof current;
  }
  return (error as { code?: string } | undefined)?.code;
}

/** 503 when the service cannot be reached at all, 504 when it did not answer in time, 502 otherwise. */
export function classifyUpstreamError(error: unknown): UpstreamFailure {
  const code = codeOf(error);
  if (code === 'ECONNREFUSED') return { status: 503, reason: 'refused' };
  if (code && UNREACHABLE.has(code)) return { status: 503, reason: 'unreachable' };
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return { status: 503, reason: 'connect_timeout' };
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'FST_REPLY_FROM_GATEWAY_TIMEOUT' || code === 'FST_REPLY_FROM_TIMEOUT')
    return { status: 504, reason: 'timeout' };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return { status: 502, reason: 'reset' };
  return { status: 502, reason: 'other' };
}

/** A keep-alive socket the upstream closed at the same moment we reused it: safe to retry an idempotent request once. */
export function isRetryableSocketError(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'UND_ERR_SOCKET' || code === 'ECONNRESET';
}
