import { EventEmitter } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { RequestContext } from '@crm/common';
import type { Channel, ConsumeMessage } from 'amqplib';
import { isObservable, lastValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import { AmqpConnection } from './amqp-connection.js';
import { AmqpContext } from './amqp-context.js';
import { AmqpHeaders, eventRoutingKey, headerNumber, headerString } from './amqp-headers.js';
import { ConfirmPublisher } from './confirm-publisher.js';
import { DeadLetterRecorder } from './dead-letter-recorder.js';
import { EventValidator } from './event-validator.js';
import { describeFailure, FailureRouter } from './failure-router.js';
import { MessagingMetrics } from './messaging-metrics.js';
import { MESSAGING_OPTIONS, type ResolvedMessagingOptions } from './messaging-options.js';
import { bindingFor, isTopicPattern, topicMatches } from './topic-pattern.js';
import type { QueueBinding } from './topology.js';

const MAX_CACHED_ROUTING_KEYS = 1000;

interface Route {
  pattern: string;
  handler: MessageHandler;
  binding: QueueBinding;
}

/**
 * Nest custom transport over the service's quorum queue. Dispatches on the AMQP routing key (so
 * the ERP and any non-Nest publisher work) to `@EventPattern` handlers, `*`/`#` wildcards
 * included; every matching handler runs, in declaration order. Acks only after the handlers'
 * promises resolve. A failure goes to the next retry tier, then to the DLQ; a body that is not
 * a JSON object, or an event that fails its contract schema (EventValidator), goes to the DLQ at
 * once with the reason: retrying cannot fix it. A routing key no handler matches (a stale binding after
 * a handler was removed) is acked and logged: dead-lettering it would only fill the DLQ with
 * events nobody here wants. It also drains its own DLQ into `<schema>.dead_letter`.
 */
@Injectable()
export class AmqpTransport extends Server implements CustomTransportStrategy {
  /** Nest then lets handler errors reach us instead of only logging them. */
  override readonly propagatesEventHandlerErrors = true;
  private readonly log = new Logger('AmqpTransport');
  private readonly emitter = new EventEmitter();
  private readonly publisher: ConfirmPublisher;
  private readonly failures: FailureRouter;
  private readonly recorder: DeadLetterRecorder;
  private readonly validator = new EventValidator(undefined, (type, err) => this.log.error(`the contracts schema of ${type} does not compile (${err.message}); checking its envelope only`));
  private readonly unknownTypesSeen = new Set<string>();
  private routes: Route[] = [];
  /** The routes of each routing key seen (the handlers are fixed once listening; bounded against arbitrary keys). */
  private readonly routesByKey = new Map<string, Route[]>();
  private channel?: Channel;
  private consumerTags: string[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private opening: Promise<void> = Promise.resolve();
  private unsubscribe?: () => void;
  private closing = false;
  private closed?: Promise<void>;
  private markConsuming: () => void = () => undefined;
  private readonly firstConsuming = new Promise<void>((resolve) => (this.markConsuming = resolve));

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
    private readonly connection: AmqpConnection,
    dataSource: DataSource,
    private readonly metrics: MessagingMetrics,
  ) {
    super();
    this.publisher = new ConfirmPublisher(connection, metrics, 'AmqpTransport');
    this.failures = new FailureRouter(options, this.publisher, metrics);
    this.recorder = new DeadLetterRecorder(dataSource, options.schema, metrics);
  }

  async listen(callback: (err?: unknown, ...optionalParams: unknown[]) => void): Promise<void> {
    try {
      this.routes = this.buildRoutes();
      this.routesByKey.clear();
      this.closing = false;
      this.unsubscribe = this.connection.onConnect(() => this.openConsumer());
      const ready = await Promise.race([this.firstConsuming.then(() => true), delay(this.options.startupTimeoutMs, false, { ref: false })]);
      if (!ready) this.log.warn(`not consuming yet (broker unreachable?); will start when it is`);
      callback();
    } catch (err) {
      callback(err);
    }
  }

  /** The queue bindings the handlers asked for (also what `listen` declares). */
  bindings(): QueueBinding[] {
    return this.routes.map((route) => route.binding);
  }

  isConsuming(): boolean {
    return this.channel !== undefined && !this.closing;
  }

  /** 'consuming' after each (re)start of the consumers, 'error' when starting them failed. */
  on<EventKey extends string = string, EventCallback extends Function = Function>(event: EventKey, callback: EventCallback): this {
    this.emitter.on(event, callback as unknown as (...args: unknown[]) => void);
    return this;
  }

  unwrap<T>(): T {
    if (!this.channel) throw new Error('AmqpTransport is not consuming; call startAllMicroservices() first');
    return this.channel as T;
  }

  private buildRoutes(): Route[] {
    const routes: Route[] = [];
    for (const [pattern, handler] of this.messageHandlers) {
      if (!handler.isEventHandler) {
        this.log.warn(`@MessagePattern('${pattern}') ignored: this transport carries events only`);
        continue;
      }
      if (!isTopicPattern(pattern)) throw new Error(`@EventPattern('${pattern}') is not a routing-key pattern (words, '*' and '#' separated by dots)`);
      routes.push({ pattern, handler, binding: bindingFor(pattern, handler.extras, this.options.names, this.options.erpDomains) });
    }
    return routes;
  }

  /** (Re)declares the service topology and starts both consumers; serialised, one channel at a time. */
  private openConsumer(): Promise<void> {
    this.opening = this.opening.then(() => this.tryOpenConsumer());
    return this.opening;
  }

  private async tryOpenConsumer(): Promise<void> {
    if (this.closing || this.channel || !this.connection.isConnected()) return;
    let channel: Channel | undefined;
    try {
      channel = await this.connection.createChannel();
      const ch = channel;
      ch.on('error', (err: Error) => this.log.warn(`consumer channel error: ${err.message}`));
      ch.on('handler-error', (err: Error) => this.log.error(`consumer listener threw: ${err.message}`));
      ch.on('close', () => this.onChannelClosed(ch));
      const names = this.options.names;
      await this.connection.topology.declareService(ch, {
        service: this.options.service,
        deliveryLimit: this.options.deliveryLimit,
        retryDelaysMs: this.options.retryDelaysMs,
        bindings: this.bindings(),
        openChannel: () => this.connection.createChannel(),
      });
      const dlqName = names.deadLetterQueue(this.options.service);
      if (this.connection.topology.keptOlderDeadLetterQueue.has(dlqName)) {
        this.log.warn(`${dlqName} was declared without an explicit delivery limit; on RabbitMQ 4 add a policy with a high delivery-limit for it (README, Operations)`);
      }
      await ch.prefetch(this.options.prefetch);
      const main = await ch.consume(names.serviceQueue(this.options.service), (msg) => this.track(ch, msg, (m) => this.handleDelivery(ch, m)));
      const dlq = await ch.consume(names.deadLetterQueue(this.options.service), (msg) => this.track(ch, msg, (m) => this.storeDeadLetter(ch, m)));
      this.channel = ch;
      this.consumerTags = [main.consumerTag, dlq.consumerTag];
      this._status$.next('connected');
      this.emitter.emit('consuming');
      this.markConsuming();
      this.log.log(`consuming ${names.serviceQueue(this.options.service)} (${this.routes.length} patterns, prefetch ${this.options.prefetch})`);
    } catch (err) {
      this.log.error(`cannot start consuming: ${describeFailure(err)}`);
      this.emitter.emit('error', err);
      await channel?.close().catch(() => undefined);
      this.retryOpenLater();
    }
  }

  private onChannelClosed(channel: Channel): void {
    if (this.channel !== channel) return;
    this.channel = undefined;
    this.consumerTags = [];
    this._status$.next('disconnected');
    // A lost connection brings us back through onConnect; a channel-only failure needs this.
    if (!this.closing) this.retryOpenLater();
  }

  private retryOpenLater(): void {
    setTimeout(() => void this.openConsumer(), 1000 + Math.random() * 1000).unref();
  }

  private routesOf(routingKey: string): Route[] {
    let routes = this.routesByKey.get(routingKey);
    if (!routes) {
      routes = this.routes.filter((route) => topicMatches(route.pattern, routingKey));
      if (this.routesByKey.size >= MAX_CACHED_ROUTING_KEYS) this.routesByKey.clear();
      this.routesByKey.set(routingKey, routes);
    }
    return routes;
  }

  private track(channel: Channel, message: ConsumeMessage | null, work: (m: ConsumeMessage) => Promise<void>): void {
    if (message === null) {
      // The broker cancelled us (queue deleted): start over on a fresh channel.
      this.log.warn('consumer cancelled by the broker; re-declaring');
      channel.close().catch(() => undefined);
      return;
    }
    // While closing, leave it unacked: closing the channel hands it back to the queue.
    if (this.closing) return;
    const task: Promise<void> = work(message)
      .catch((err: unknown) => this.log.error(`delivery handling failed: ${describeFailure(err)}`))
      .finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
  }

  private async handleDelivery(channel: Channel, message: ConsumeMessage): Promise<void> {
    const routingKey = eventRoutingKey(message.properties, message.fields.routingKey);
    let event: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(message.content.toString('utf8'));
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('body is not a JSON object');
      event = parsed as Record<string, unknown>;
    } catch (err) {
      // Retrying cannot fix a body; straight to the DLQ.
      return this.settleFailure(channel, message, await this.failures.deadLetter(message, routingKey, `invalid body: ${describeFailure(err)}`));
    }
    const routes = this.routesOf(routingKey);
    if (routes.length === 0) {
      this.metrics.unhandled++;
      this.log.warn(`no handler for ${routingKey}; acked and dropped`);
      return this.settle(channel, message, 'ack');
    }
    const check = this.validator.validate(routingKey, event);
    if (!check.valid) {
      this.metrics.invalid++;
      return this.settleFailure(channel, message, await this.failures.deadLetter(message, routingKey, `invalid event: ${check.reason}`));
    }
    if (!check.known && !this.unknownTypesSeen.has(routingKey)) {
      this.unknownTypesSeen.add(routingKey);
      this.log.warn(`${routingKey} is not in the contracts event catalogue: only its envelope is validated`);
    }
    const retryCount = headerNumber(message.properties, AmqpHeaders.retryCount);
    const context = new AmqpContext([message, routingKey, retryCount]);
    const messageId = typeof event.id === 'string' ? event.id : String(message.properties.messageId ?? '');
    const correlationId = (typeof event.correlationid === 'string' ? event.correlationid : undefined) ?? headerString(message.properties, AmqpHeaders.correlationId) ?? messageId;
    try {
      await RequestContext.run({ requestId: messageId, correlationId }, async () => {
        for (const route of routes) await this.invoke(route.handler, event, context);
      });
    } catch (err) {
      const outcome = await this.failures.retryOrDeadLetter(message, routingKey, retryCount, describeFailure(err));
      return this.settleFailure(channel, message, outcome);
    }
    this.settle(channel, message, 'ack');
    this.metrics.consumed++;
  }

  private async invoke(handler: MessageHandler, event: unknown, context: AmqpContext): Promise<void> {
    const result: unknown = await handler(event, context);
    // Interceptors, or Nest's error path, hand back a stream: wait for it to finish too.
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }

  /**
   * Stores a DLQ message, retrying with backoff for as long as storing fails (Postgres down) and
   * keeping the message unacked meanwhile. It is never handed back to the queue: every requeue
   * counts against a quorum queue's delivery limit, and RabbitMQ 4 gives every quorum queue one
   * (20 by default), past which a DLQ without its own dead-letter target drops the message.
   * If the channel closes meanwhile the broker redelivers it, once.
   */
  private async storeDeadLetter(channel: Channel, message: ConsumeMessage): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.recorder.record(message);
        this.settle(channel, message, 'ack');
        return;
      } catch (err) {
        this.metrics.deadLetterStoreFailures++;
        const wait = Math.min(30_000, 500 * 2 ** Math.min(attempt - 1, 6));
        this.log.error(`could not store dead letter ${String(message.properties.messageId)} (attempt ${attempt}): ${describeFailure(err)}; retrying in ${wait} ms`);
        await delay(wait, undefined, { ref: false });
        // Closing or reconnecting: the unacked message goes back to the DLQ with the channel.
        if (this.closing || this.channel !== channel) return;
      }
    }
  }

  private async settleFailure(channel: Channel, message: ConsumeMessage, outcome: string): Promise<void> {
    if (outcome !== 'republish-failed') return this.settle(channel, message, 'ack');
    // Could not park the copy: hand it back (after a pause, not in a hot loop); the queue's
    // delivery limit dead-letters it if this keeps happening.
    await delay(1000);
    this.settle(channel, message, 'requeue');
  }

  private settle(channel: Channel, message: ConsumeMessage, action: 'ack' | 'requeue'): void {
    try {
      if (action === 'ack') channel.ack(message);
      else channel.nack(message, false, true);
    } catch {
      // The channel closed first; the broker redelivers the message and the inbox absorbs it.
    }
  }

  /** Stops consuming, lets running handlers finish (bounded), then closes the channels. */
  async close(): Promise<void> {
    this.closed ??= this.shutdown();
    return this.closed;
  }

  private async shutdown(): Promise<void> {
    this.closing = true;
    this.unsubscribe?.();
    const channel = this.channel;
    if (channel) for (const tag of this.consumerTags) await channel.cancel(tag).catch(() => undefined);
    if (this.inFlight.size > 0) {
      const drained = await Promise.race([Promise.all(this.inFlight).then(() => true), delay(this.options.shutdownTimeoutMs, false, { ref: false })]);
      if (!drained) this.log.warn(`closing with ${this.inFlight.size} handler(s) still running; their messages will be redelivered`);
    }
    this.channel = undefined;
    await channel?.close().catch(() => undefined);
    await this.publisher.close();
    this._status$.next('disconnected');
  }
}
