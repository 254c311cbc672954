/** WebSocket close codes of /api/v1/realtime (4000-4999 are the application's; docs/realtime.md). */
export const CLOSE = {
  /** The server is stopping (a client reconnects, possibly to another replica). */
  goingAway: 1001,
  /** A message over REALTIME_MAX_MESSAGE_BYTES (sent by the ws library itself). */
  tooBig: 1009,
  /** No valid token: missing auth message, bad token, or a re-auth as someone else. */
  unauthorized: 4401,
  /** The access token expired: reconnect (or re-auth before expiry) with a fresh one. */
  tokenExpired: 4408,
  /** The client did not read fast enough: its unsent data passed REALTIME_MAX_BUFFERED_BYTES. */
  slowConsumer: 4429,
  /** The replica has REALTIME_MAX_CONNECTIONS open connections. */
  overloaded: 4503,
} as const;
