import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HealthRegistry } from '@crm/common';
import type { Channel, ConsumeMessage } from 'amqplib';
import { AmqpConnection, EventValidator, MESSAGING_OPTIONS, type ResolvedMessagingOptions } from '@crm/messaging';
import { NOTIFICATIONS_IN_APP_CREATED } from '@crm/contracts';
import { routeEvent, type BusEnvelope } from './event-routing.js';
import { RealtimeHub } from './realtime-hub.js';
import { RealtimeMetrics } from './realtime-metrics.js';
import { topicKeys } from './realtime-topic.js';

/** A typing indicator as it crosses replicas on `crm.realtime` (never stored, never an event). */
export interface TypingSignal {
  ticketId: string;
  radicado: string;
  /** The connection it came from, which does not get it back. */
  origin: string;
  who: { kind: 'staff' | 'requester'; firstName: string | null };
  at: string;
}

const EVENT_PATTERNS = ['tickets.#', 'opportunities.#', NOTIFICATIONS_IN_APP_CREATED];
const TYPING_KEY = 'typing.ticket';
/** Messages the replica's queue holds while the gateway is busy; past it the oldest go (they are live updates). */
const QUEUE_MAX_LENGTH = 10_000;

/**
 * The gateway's own view of the bus: each replica binds its OWN exclusive, auto-deleted queue
 * on the events exchange (so every replica sees every event and nothing is left behind when
 * it stops), reads without acks (live updates; the replay log and REST cover gaps) and checks
 * each event against the catalogue before routing it to topics. Typing frames travel on the
 * non-durable `crm.realtime` exchange, bound to the same queue.
 */
@Injectable()
export class RealtimeBus implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RealtimeBus');
  private readonly validator = new EventValidator(undefined, (type, err) => this.logger.error(`schema of ${type} does not compile: ${err.message}`));
  private readonly replicaId = randomUUID().slice(0, 8);
  private channel?: Channel;
  private stopListening?: () => void;
  private ready = false;

  constructor(
    private readonly connection: AmqpConnection,
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
    private readonly hub: RealtimeHub,
    private readonly metrics: RealtimeMetrics,
    @Optional() health?: HealthRegistry,
  ) {
    // Up once this replica's queue is bound: before that it would miss events.
    health?.register('realtime', async () => this.isReady());
  }

  get realtimeExchange(): string {
    return `${this.options.names.prefix}crm.realtime`;
  }

  /** True once this replica's queue is bound (tests and /health wait for it). */
  isReady(): boolean {
    return this.ready && this.connection.isConnected();
  }

  onApplicationBootstrap(): void {
    this.stopListening = this.connection.onConnect(() => this.bind());
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopListening?.();
    this.ready = false;
    await this.channel?.close().catch(() => undefined);
  }

  /** Fans a typing indicator out to every replica (this one included); dropped while the broker is away. */
  publishTyping(signal: TypingSignal): void {
    if (!this.channel || !this.ready) return;
    try {
      this.channel.publish(this.realtimeExchange, TYPING_KEY, Buffer.from(JSON.stringify(signal)), { contentType: 'application/json', expiration: '5000' });
    } catch (err) {
      this.logger.warn(`typing frame not published: ${(err as Error).message}`);
    }
  }

  private async bind(): Promise<void> {
    this.ready = false;
    const channel = await this.connection.createChannel();
    channel.on('error', (err: Error) => this.logger.warn(`realtime channel error: ${err.message}`));
    channel.on('close', () => {
      if (this.channel === channel) this.ready = false;
    });
    const names = this.options.names;
    await channel.assertExchange(this.realtimeExchange, 'topic', { durable: false });
    const queue = `${names.prefix}crm.gateway.realtime.${this.replicaId}`;
    await channel.assertQueue(queue, { exclusive: true, autoDelete: true, durable: false, arguments: { 'x-max-length': QUEUE_MAX_LENGTH, 'x-overflow': 'drop-head' } });
    for (const pattern of EVENT_PATTERNS) await channel.bindQueue(queue, names.events, pattern);
    await channel.bindQueue(queue, this.realtimeExchange, 'typing.#');
    await channel.consume(queue, (message) => message && this.receive(message), { noAck: true });
    this.channel = channel;
    this.ready = true;
    this.logger.log(`realtime queue ${queue} bound`);
  }

  private receive(message: ConsumeMessage): void {
    let body: unknown;
    try {
      body = JSON.parse(message.content.toString('utf8'));
    } catch {
      this.metrics.busEvents.inc({ outcome: 'unreadable' });
      return;
    }
    if (message.fields.exchange === this.realtimeExchange) return this.typing(body as TypingSignal);
    const routingKey = message.fields.routingKey;
    const validation = this.validator.validate(routingKey, body);
    if (!validation.valid) {
      this.metrics.busEvents.inc({ outcome: 'invalid' });
      this.logger.warn(`event ${routingKey} skipped: ${validation.reason}`);
      return;
    }
    const envelope = body as BusEnvelope;
    const deliveries = routeEvent({ ...envelope, type: routingKey });
    if (deliveries.length === 0) return void this.metrics.busEvents.inc({ outcome: 'no_topic' });
    this.metrics.busEvents.inc({ outcome: this.hub.publish(envelope.id, deliveries) ? 'routed' : 'duplicate' });
  }

  private typing(signal: TypingSignal): void {
    if (typeof signal?.ticketId !== 'string' || typeof signal.origin !== 'string') return;
    const firstName = typeof signal.who?.firstName === 'string' ? (signal.who.firstName.split(/\s+/)[0] ?? null) : null;
    const who = { kind: signal.who?.kind === 'staff' ? 'staff' : 'requester', firstName };
    const frame = (topic: string) => Buffer.from(JSON.stringify({ type: 'typing', topic, who, at: signal.at }));
    this.hub.broadcast(topicKeys.staffTicket(signal.ticketId), frame(`ticket:${signal.ticketId}`), signal.origin);
    if (signal.radicado) this.hub.broadcast(topicKeys.publicTicket(signal.ticketId), frame(`public-ticket:${signal.radicado}`), signal.origin);
  }
}
