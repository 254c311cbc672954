import { refreshSession } from '../api/client';
import { onSessionChange, readSession } from '../auth/session-store';

/**
 * One WebSocket to /api/v1/realtime (REALTIME-CONTRACT.md): `auth` first, then `subscribe` per
 * topic, resubscribing with `lastEventId` after a reconnect. When the endpoint is missing or
 * keeps failing the client reports `unavailable` and pages fall back to polling.
 */
export interface RealtimeFrame {
  type: 'event' | 'subscribed' | 'refused' | 'error' | 'heartbeat' | 'typing' | 'authenticated' | 'unsubscribed';
  topic?: string;
  /** On `subscribed`: events after lastEventId were lost (the page reloads by REST). */
  gap?: boolean;
  id?: string;
  routingKey?: string;
  occurredAt?: string;
  data?: Record<string, unknown>;
  who?: { kind: 'staff' | 'requester'; firstName: string | null };
}

export type RealtimeStatus = 'connecting' | 'live' | 'unavailable';
type Handler = (frame: RealtimeFrame) => void;

interface Subscription {
  handlers: Set<Handler>;
  token?: string;
  lastEventId?: string;
}

class RealtimeClient {
  private socket: WebSocket | null = null;
  private readonly topics = new Map<string, Subscription>();
  private readonly statusListeners = new Set<(status: RealtimeStatus) => void>();
  private status: RealtimeStatus = 'connecting';
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private anonymous = false;

  constructor() {
    // A renewed access token goes to the open socket, which the server would otherwise close
    // when the old one expires (4408).
    onSessionChange((session) => {
      if (session && !this.anonymous) this.send({ type: 'auth', token: session.accessToken });
    });
  }

  subscribe(topic: string, handler: Handler, options: { token?: string; anonymous?: boolean } = {}): () => void {
    if (options.anonymous) this.anonymous = true;
    let subscription = this.topics.get(topic);
    if (!subscription) {
      subscription = { handlers: new Set(), token: options.token };
      this.topics.set(topic, subscription);
      this.sendSubscribe(topic, subscription);
    }
    subscription.handlers.add(handler);
    this.ensureOpen();
    return () => {
      subscription.handlers.delete(handler);
      if (subscription.handlers.size === 0) {
        this.topics.delete(topic);
        this.send({ type: 'unsubscribe', topic });
      }
      if (this.topics.size === 0) this.close();
    };
  }

  typing(topic: string): void {
    this.send({ type: 'typing', topic });
  }

  onStatus(listener: (status: RealtimeStatus) => void): () => void {
    this.statusListeners.add(listener);
    listener(this.status);
    return () => this.statusListeners.delete(listener);
  }

  private setStatus(status: RealtimeStatus): void {
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }

  private ensureOpen(): void {
    if (this.socket || this.timer) return;
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/realtime`;
    let socket: WebSocket;
    try {
      socket = new WebSocket(url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      const session = readSession();
      if (session && !this.anonymous) this.send({ type: 'auth', token: session.accessToken });
      for (const [topic, subscription] of this.topics) this.sendSubscribe(topic, subscription);
    };
    socket.onmessage = (message) => {
      let frame: RealtimeFrame;
      try {
        frame = JSON.parse(String(message.data)) as RealtimeFrame;
      } catch {
        return;
      }
      if (frame.type === 'subscribed') {
        this.failures = 0;
        this.setStatus('live');
      }
      if (!frame.topic) return;
      const subscription = this.topics.get(frame.topic);
      if (!subscription) return;
      if (frame.type === 'event' && frame.id) subscription.lastEventId = frame.id;
      for (const handler of subscription.handlers) handler(frame);
    };
    socket.onclose = (event) => {
      this.socket = null;
      if (this.topics.size === 0) return;
      // 4401 (bad token) / 4408 (token expired): renew the session before reconnecting.
      if ((event.code === 4401 || event.code === 4408) && !this.anonymous) void refreshSession().finally(() => this.scheduleReconnect());
      else this.scheduleReconnect();
    };
    socket.onerror = () => undefined;
  }

  private scheduleReconnect(): void {
    this.failures++;
    if (this.failures >= 3) this.setStatus('unavailable');
    const delay = Math.min(30_000, 500 * 2 ** Math.min(this.failures, 6));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.topics.size > 0) this.ensureOpen();
    }, delay);
  }

  private close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.socket?.close();
    this.socket = null;
  }

  private sendSubscribe(topic: string, subscription: Subscription): void {
    this.send({ type: 'subscribe', topic, ...(subscription.token ? { token: subscription.token } : {}), ...(subscription.lastEventId ? { lastEventId: subscription.lastEventId } : {}) });
  }

  private send(frame: Record<string, unknown>): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }
}

export const realtime = new RealtimeClient();
