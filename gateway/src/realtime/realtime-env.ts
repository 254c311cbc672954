import type { EnvSpec } from '@crm/common';

/** The realtime endpoint's limits (WebSocket /api/v1/realtime and SSE /api/v1/realtime/stream). */
export const REALTIME_ENV = {
  REALTIME_REPLAY_MAX_EVENTS: { kind: 'int', default: '500', description: 'Events kept per topic for replay (lastEventId / Last-Event-ID)' },
  REALTIME_REPLAY_MAX_AGE_SECONDS: { kind: 'int', default: '900', description: 'Oldest event kept for replay (default 15 minutes)' },
  REALTIME_REPLAY_TOTAL_EVENTS: { kind: 'int', default: '20000', description: 'Events kept for replay across all topics (the oldest go first)' },
  REALTIME_REPLAY_MAX_MIB: { kind: 'int', default: '64', description: 'Memory for replay frames across all topics, MiB (the oldest go first)' },
  REALTIME_MAX_SUBSCRIPTIONS: { kind: 'int', default: '50', description: 'Topics one connection may subscribe to at once' },
  REALTIME_MAX_MESSAGE_BYTES: { kind: 'int', default: '16384', description: 'Largest message a client may send (bigger: closed with 1009)' },
  REALTIME_MAX_BUFFERED_BYTES: { kind: 'int', default: '1048576', description: 'Unsent bytes a connection may hold before it is dropped as a slow consumer (4429)' },
  REALTIME_HEARTBEAT_MS: { kind: 'int', default: '30000', description: 'Ping interval; a connection that has not answered the previous ping is closed' },
  REALTIME_AUTH_TIMEOUT_MS: { kind: 'int', default: '10000', description: 'Time a new WebSocket has to send its auth or first subscribe message' },
  REALTIME_MAX_CONNECTIONS: { kind: 'int', default: '20000', description: 'Open realtime connections (WebSocket + SSE) per gateway replica' },
} as const satisfies EnvSpec;
