import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { API_BASE } from '../shared/api-base.js';
import { bearerFromProtocols, REALTIME_PROTOCOL, verifyCaller } from './caller-token.js';
import { clientAddressOf } from './client-address.js';
import { CLOSE } from './close-codes.js';
import type { RealtimeConnections } from './realtime-connections.js';
import type { RealtimeSession } from './realtime-session.js';

export const REALTIME_PATH = `${API_BASE}/realtime`;

interface ClientMessage {
  type?: unknown;
  token?: unknown;
  topic?: unknown;
  lastEventId?: unknown;
}

/** Refuses an upgrade with a plain HTTP answer (the socket is not a WebSocket yet). */
function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
}

/**
 * `/api/v1/realtime` on the gateway's own HTTP server (the `ws` package, upgrade handled here,
 * no other path upgrades). The JWT comes in the first message `{type:'auth'}` or as the
 * subprotocol `crm.bearer.<jwt>` offered next to `crm.v1`; never in the URL. Pings every
 * REALTIME_HEARTBEAT_MS; a socket that missed one is terminated.
 */
export function registerRealtimeWebSocket(server: Server, connections: RealtimeConnections, trustedProxies: readonly string[], logger: Logger): () => void {
  const { config, gatewayConfig, metrics } = connections.services;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.maxMessageBytes,
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.has(REALTIME_PROTOCOL) ? REALTIME_PROTOCOL : false),
  });
  const alive = new WeakMap<WebSocket, boolean>();

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => undefined);
    const path = (request.url ?? '').split('?')[0];
    if (path !== REALTIME_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    const protocolHeader = request.headers['sec-websocket-protocol'];
    const bearer = bearerFromProtocols(protocolHeader);
    void (async () => {
      const caller = bearer === undefined ? undefined : await verifyCaller(bearer, gatewayConfig.jwtSecret);
      if (bearer !== undefined && !caller) {
        metrics.refused.inc({ reason: 'bad_token' });
        return refuseUpgrade(socket, 401, 'Unauthorized');
      }
      wss.handleUpgrade(request, socket, head, (ws) => accept(ws, request, bearer));
    })().catch((err: Error) => {
      logger.error({ err }, 'realtime upgrade failed');
      socket.destroy();
    });
  });

  function accept(ws: WebSocket, request: IncomingMessage, bearer: string | undefined): void {
    const ip = clientAddressOf(request, trustedProxies);
    const session = connections.open({
      kind: 'ws',
      ip,
      send: (frame) => ws.send(frame, { binary: false }),
      bufferedBytes: () => ws.bufferedAmount,
      close: (code, reason) => {
        ws.close(code, reason);
        // A client that does not read never sees the close frame: cut it after a grace period.
        setTimeout(() => ws.terminate(), 5000).unref();
      },
    });
    if (!session) return ws.close(CLOSE.overloaded, 'too many connections');
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    ws.on('close', () => connections.release(session, 'ws'));
    ws.on('error', () => undefined);

    let started = bearer !== undefined;
    const authTimer = started ? undefined : setTimeout(() => session.close(CLOSE.unauthorized, 'authentication timeout', 'auth_timeout'), config.authTimeoutMs);
    authTimer?.unref();
    // Messages are handled one at a time, in order: a subscribe never runs before the auth before it.
    let queue: Promise<unknown> = bearer !== undefined ? session.authenticate(bearer) : Promise.resolve();
    ws.on('message', (data: RawData, isBinary: boolean) => {
      alive.set(ws, true);
      queue = queue.then(() => handle(session, data, isBinary)).catch((err: Error) => logger.error({ err }, 'realtime message failed'));
    });

    async function handle(current: RealtimeSession, data: RawData, isBinary: boolean): Promise<void> {
      if (current.isClosed) return;
      let message: ClientMessage;
      try {
        message = isBinary ? {} : (JSON.parse(data.toString()) as ClientMessage);
      } catch {
        message = {};
      }
      if (!message || typeof message !== 'object') message = {};
      if (!started) {
        // The first message authenticates, or is an anonymous requester's public-ticket subscription.
        const anonymous = message.type === 'subscribe' && typeof message.topic === 'string' && message.topic.startsWith('public-ticket:');
        if (message.type !== 'auth' && !anonymous) {
          current.send({ type: 'error', code: 'unauthorized', message: 'El primer mensaje debe ser {"type":"auth","token":"…"}.' });
          return current.close(CLOSE.unauthorized, 'authentication required', 'auth_missing');
        }
        started = true;
        clearTimeout(authTimer);
      }
      switch (message.type) {
        case 'auth':
          await current.authenticate(message.token);
          return;
        case 'subscribe':
          await current.subscribe(message.topic, message.token, message.lastEventId);
          return;
        case 'unsubscribe':
          return current.unsubscribe(message.topic);
        case 'typing':
          return current.typing(message.topic);
        case 'ping':
          return current.send({ type: 'heartbeat', at: new Date().toISOString() });
        default:
          return current.send({ type: 'error', code: 'bad_message', message: 'Mensaje no reconocido: use auth, subscribe, unsubscribe, typing o ping (JSON).' });
      }
    }
  }

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        metrics.dropped.inc({ reason: 'heartbeat' });
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, config.heartbeatMs);
  heartbeat.unref();

  return () => {
    clearInterval(heartbeat);
    wss.close();
  };
}
