import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import amqp, { type Channel, type ChannelModel, type ConfirmChannel, type RecoveringChannelModel } from 'amqplib';
import { MESSAGING_OPTIONS, type ResolvedMessagingOptions } from './messaging-options.js';
import { Topology } from './topology.js';

type ConnectListener = () => void | Promise<void>;

/**
 * The process's one AMQP connection. amqplib's built-in recovery reconnects with backoff and
 * jitter forever and re-declares the shared topology before anyone is told it is back; channels
 * do not survive a reconnect, so users register `onConnect` and rebuild theirs there.
 */
@Injectable()
export class AmqpConnection implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('AmqpConnection');
  private model?: RecoveringChannelModel;
  private started = false;
  private connected = false;
  private blocked = false;
  private closed = false;
  private readonly listeners = new Set<ConnectListener>();
  private readonly waiters = new Set<() => void>();
  readonly topology: Topology;

  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions) {
    this.topology = new Topology(options.names);
  }

  onModuleInit(): void {
    this.start();
  }

  /** Starts connecting (idempotent, does not wait for the broker). */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    this.open().catch((err: Error) => this.logger.error(`cannot start the AMQP connection: ${err.message}`));
  }

  private async open(): Promise<void> {
    const model = await amqp.connect(this.options.amqpUrl, {
      clientProperties: { connection_name: `crm-${this.options.service}` },
      recovery: {
        initialDelay: 200,
        maxDelay: 5000,
        jitter: 0.3,
        maxRetries: Infinity,
        waitForConnect: false,
        setup: (raw: ChannelModel) => this.declareShared(raw),
      },
    });
    if (this.closed) {
      await model.close().catch(() => undefined);
      return;
    }
    this.model = model;
    model.on('connect', () => {
      this.connected = true;
      this.logger.log('connected to RabbitMQ');
      for (const wake of this.waiters) wake();
      this.waiters.clear();
      for (const listener of this.listeners) this.notify(listener);
    });
    model.on('disconnect', (err: Error) => {
      this.connected = false;
      this.blocked = false;
      if (!this.closed) this.logger.warn(`RabbitMQ connection lost: ${err.message}; reconnecting`);
    });
    model.on('connect-failed', (err: Error) => this.logger.warn(`RabbitMQ connect failed: ${err.message}`));
    model.on('error', (err: Error) => this.logger.warn(`RabbitMQ connection error: ${err.message}`));
    model.on('blocked', (reason: string) => {
      this.blocked = true;
      this.logger.warn(`RabbitMQ blocked publishing: ${reason}`);
    });
    model.on('unblocked', () => {
      this.blocked = false;
      this.logger.log('RabbitMQ unblocked publishing');
    });
    model.on('handler-error', (err: Error, event: string) => this.logger.error(`listener for ${event} threw: ${err.message}`));
  }

  private async declareShared(raw: ChannelModel): Promise<void> {
    const channel = await raw.createChannel();
    try {
      await this.topology.declareShared(channel);
    } catch (err) {
      this.logger.error(`declaring the shared topology failed: ${(err as Error).message}`);
      throw err;
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  private notify(listener: ConnectListener): void {
    Promise.resolve()
      .then(listener)
      .catch((err: Error) => this.logger.error(`on-connect listener failed: ${err.message}`));
  }

  /** Runs `listener` now if connected, and after every reconnect. Returns an unsubscribe function. */
  onConnect(listener: ConnectListener): () => void {
    this.listeners.add(listener);
    this.start();
    if (this.connected) this.notify(listener);
    return () => this.listeners.delete(listener);
  }

  isConnected(): boolean {
    return this.connected && !this.closed;
  }

  /** Connected and not held back by a broker resource alarm (memory, disk): publishes can succeed. */
  canPublish(): boolean {
    return this.isConnected() && !this.blocked;
  }

  /** Resolves once connected; false if `timeoutMs` passed or the connection was closed first. */
  waitUntilConnected(timeoutMs: number): Promise<boolean> {
    this.start();
    if (this.isConnected()) return Promise.resolve(true);
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(this.isConnected());
      };
      const timer = setTimeout(wake, timeoutMs);
      this.waiters.add(wake);
    });
  }

  async createChannel(): Promise<Channel> {
    return this.requireModel().createChannel();
  }

  async createConfirmChannel(): Promise<ConfirmChannel> {
    return this.requireModel().createConfirmChannel();
  }

  private requireModel(): RecoveringChannelModel {
    this.start();
    if (this.closed) throw new Error('AMQP connection is closed');
    if (!this.model || !this.connected) throw new Error('AMQP connection is not open');
    return this.model;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.connected = false;
    for (const wake of this.waiters) wake();
    this.listeners.clear();
    await this.model?.close().catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
