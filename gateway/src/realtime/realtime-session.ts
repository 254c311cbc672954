import { randomUUID } from 'node:crypto';
import type { AuthUser } from '@crm/auth';
import { firstNameOf, verifyCaller, type VerifiedCaller } from './caller-token.js';
import { CLOSE } from './close-codes.js';
import type { RealtimeSubscriber } from './realtime-hub.js';
import { parseTopic } from './realtime-topic.js';
import type { RealtimeServices } from './realtime-services.js';
import type { GrantedTopic } from './topic-access.service.js';

/** How a session reaches its client (a WebSocket or an SSE response). */
export interface SessionTransport {
  readonly kind: 'ws' | 'sse';
  readonly ip: string;
  /** A text frame (UTF-8 JSON); `id` is the event id, null for control frames. */
  send(frame: string | Buffer, id: string | null): void;
  /** Bytes accepted but not yet written to the network. */
  bufferedBytes(): number;
  close(code: number, reason: string): void;
}

const MAX_TIMER_MS = 2_147_483_647;
/** One typing frame per topic and connection per this many ms reaches the bus; the rest are dropped. */
const TYPING_INTERVAL_MS = 1000;

/**
 * One client connection's protocol state, whatever the transport: who it is (and until when),
 * what it subscribed to, and the checks on every frame it sends or receives.
 */
export class RealtimeSession implements RealtimeSubscriber {
  readonly connectionId = randomUUID();
  private caller?: VerifiedCaller;
  private expiryTimer?: NodeJS.Timeout;
  private readonly topics = new Map<string, GrantedTopic>();
  private readonly lastTyping = new Map<string, number>();
  private closed = false;

  constructor(
    private readonly services: RealtimeServices,
    private readonly transport: SessionTransport,
  ) {}

  get user(): AuthUser | null {
    return this.caller?.user ?? null;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** A token from the auth message, the subprotocol or the Authorization header. Re-auth must be the same user. */
  async authenticate(token: unknown): Promise<boolean> {
    const verified = await verifyCaller(token, this.services.gatewayConfig.jwtSecret);
    if (this.closed) return false;
    if (!verified || (this.caller && (verified.user.id !== this.caller.user.id || verified.user.tenantId !== this.caller.user.tenantId))) {
      this.services.metrics.refused.inc({ reason: 'bad_token' });
      this.send({ type: 'error', code: 'unauthorized', message: 'El token de acceso no es válido o expiró.' });
      this.close(CLOSE.unauthorized, 'unauthorized', 'bad_token');
      return false;
    }
    this.caller = verified;
    clearTimeout(this.expiryTimer);
    this.expiryTimer = setTimeout(() => this.expire(), Math.min(MAX_TIMER_MS, Math.max(0, verified.expiresAt - Date.now())));
    this.expiryTimer.unref();
    this.send({ type: 'authenticated', userId: verified.user.id, expiresAt: new Date(verified.expiresAt).toISOString() });
    return true;
  }

  /** Checks visibility with the owning service, then replays (lastEventId) and goes live. */
  async subscribe(name: unknown, trackingToken?: unknown, lastEventId?: unknown): Promise<boolean> {
    const topic = parseTopic(name);
    if (!topic) return this.refuse(name, 'invalid_topic');
    if (this.topics.has(topic.name)) return this.subscribed(topic.name, undefined);
    if (this.topics.size >= this.services.config.maxSubscriptions) return this.refuse(topic.name, 'too_many_subscriptions');
    const decision = await this.services.access.decide(topic, { user: this.caller?.user ?? null, token: this.caller?.token ?? null, ip: this.transport.ip }, trackingToken);
    if (this.closed) return false;
    if (!decision.allowed) return this.refuse(topic.name, decision.reason);
    this.attach(topic.name, decision.grant, typeof lastEventId === 'string' && lastEventId ? lastEventId : undefined);
    return true;
  }

  /** Joins an allowed topic: `subscribed`, then what was missed since `lastEventId`, then live, in one tick. */
  attach(name: string, grant: GrantedTopic, lastEventId: string | undefined): void {
    if (this.closed) return;
    if (this.topics.has(name)) return void this.subscribed(name, undefined);
    this.topics.set(name, grant);
    this.services.hub.subscribe(grant.key, this, lastEventId, (replay) => this.subscribed(name, replay));
  }

  unsubscribe(name: unknown): void {
    const topic = parseTopic(name);
    const grant = topic && this.topics.get(topic.name);
    if (!topic || !grant) return;
    this.topics.delete(topic.name);
    this.services.hub.unsubscribe(grant.key, this);
    this.send({ type: 'unsubscribed', topic: topic.name });
  }

  /** A typing indicator on a ticket topic this connection holds, for every other subscriber of either side. */
  typing(name: unknown): void {
    const topic = parseTopic(name);
    const grant = topic && this.topics.get(topic.name);
    if (!grant?.ticket) {
      this.send({ type: 'error', code: 'not_subscribed', topic: typeof name === 'string' ? name : null, message: 'Suscríbase al tema antes de enviar "typing".' });
      return;
    }
    const now = Date.now();
    if (now - (this.lastTyping.get(grant.key) ?? 0) < TYPING_INTERVAL_MS) return;
    this.lastTyping.set(grant.key, now);
    const user = this.caller?.user;
    this.services.bus.publishTyping({
      ticketId: grant.ticket.ticketId,
      radicado: grant.ticket.radicado,
      origin: this.connectionId,
      who: topic?.kind === 'public-ticket' ? { kind: 'requester', firstName: null } : { kind: 'staff', firstName: firstNameOf(user?.name) },
      at: new Date().toISOString(),
    });
  }

  deliver(entry: { id: string | null; frame: Buffer }): void {
    if (this.closed) return;
    if (this.transport.bufferedBytes() > this.services.config.maxBufferedBytes) {
      this.close(CLOSE.slowConsumer, 'slow consumer', 'slow_consumer');
      return;
    }
    this.transport.send(entry.frame, entry.id);
    this.services.metrics.delivered.inc({ transport: this.transport.kind });
  }

  send(message: Record<string, unknown>): void {
    if (!this.closed) this.transport.send(JSON.stringify(message), null);
  }

  /** Leaves every topic and closes the transport; `reason` labels the dropped-connections metric. */
  close(code: number, message: string, droppedReason?: string): void {
    if (this.closed) return;
    this.dispose();
    if (droppedReason) this.services.metrics.dropped.inc({ reason: droppedReason });
    this.transport.close(code, message);
  }

  /** The transport went away: forget the subscriptions. */
  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.expiryTimer);
    for (const grant of this.topics.values()) this.services.hub.unsubscribe(grant.key, this);
    this.topics.clear();
  }

  private expire(): void {
    this.send({ type: 'error', code: 'token_expired', message: 'El token de acceso expiró; vuelva a conectarse con uno nuevo.' });
    this.close(CLOSE.tokenExpired, 'token expired', 'token_expired');
  }

  private subscribed(topic: string, replay: { entries: unknown[]; gap: boolean } | undefined): boolean {
    this.send({ type: 'subscribed', topic, replayed: replay?.entries.length ?? 0, gap: replay?.gap ?? false });
    return true;
  }

  private refuse(topic: unknown, reason: string): boolean {
    this.services.metrics.refused.inc({ reason });
    this.send({ type: 'refused', topic: typeof topic === 'string' ? topic.slice(0, 100) : null, reason });
    return false;
  }
}
