import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AmqpConnection } from './amqp-connection.js';
import { AmqpHeaders } from './amqp-headers.js';
import { ConfirmPublisher, type OutgoingMessage } from './confirm-publisher.js';
import { MessagingMetrics } from './messaging-metrics.js';
import { MESSAGING_OPTIONS, type ResolvedMessagingOptions } from './messaging-options.js';
import { PgNotificationListener, pgClientConfig } from './pg-notification-listener.js';
import { outboxChannel, quoteIdent } from './sql-identifier.js';

interface OutboxRow {
  id: string;
  event_type: string;
  tenant_id: string;
  body: string;
  correlation_id: string | null;
  occurred_at: Date;
}

/** Backoff after a failed batch: exponential with full jitter, 0.5 s up to 15 s. */
function backoffMs(failures: number): number {
  const cap = Math.min(15_000, 500 * 2 ** Math.min(failures - 1, 5));
  return cap / 2 + Math.random() * (cap / 2);
}

/**
 * Publishes committed outbox rows. Each batch is one transaction: lock unpublished rows
 * (FOR UPDATE SKIP LOCKED, so replicas split the work instead of repeating it), publish them all
 * on a confirm channel, await the confirms together, mark them published, commit. A crash
 * between publish and commit republishes the batch: at-least-once, made harmless by the inbox.
 * Woken by NOTIFY `<schema>_outbox`, with a poll as the fallback.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OutboxRelay');
  private readonly table: string;
  private readonly publisher: ConfirmPublisher;
  private listener?: PgNotificationListener;
  private running?: Promise<void>;
  private stopping = false;
  private pendingWake = false;
  private wakeSleeper?: () => void;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
    private readonly dataSource: DataSource,
    private readonly connection: AmqpConnection,
    private readonly metrics: MessagingMetrics,
  ) {
    this.table = `${quoteIdent(options.schema)}.outbox_message`;
    this.publisher = new ConfirmPublisher(connection, metrics, 'OutboxRelay');
  }

  onApplicationBootstrap(): void {
    if (this.options.relay) this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.connection.start();
    this.listener = new PgNotificationListener(
      pgClientConfig(this.dataSource, `crm-${this.options.service}-relay`),
      outboxChannel(this.options.schema),
      () => this.wake(),
    );
    // The listener retries by itself; the poll covers the time until it is up.
    void this.listener.start();
    this.running = this.loop();
  }

  isRunning(): boolean {
    return this.running !== undefined && !this.stopping;
  }

  /** Whether the LISTEN connection is up (otherwise the poll interval bounds the latency). */
  isListening(): boolean {
    return this.listener?.isListening() ?? false;
  }

  /** Asks for a batch now (NOTIFY does this; tests and callers may too). */
  wake(): void {
    this.pendingWake = true;
    this.wakeSleeper?.();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeSleeper?.();
    await this.running;
    this.running = undefined;
    await this.listener?.stop();
    this.listener = undefined;
    await this.publisher.close();
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      if (!this.connection.isConnected()) {
        await this.sleep(Math.min(this.options.relayPollIntervalMs, 250));
        continue;
      }
      this.pendingWake = false;
      try {
        const count = await this.relayBatch();
        failures = 0;
        if (count >= this.options.relayBatchSize) continue;
      } catch (err) {
        failures++;
        this.metrics.publishFailures++;
        const delay = backoffMs(failures);
        this.logger.warn(`outbox batch failed (${(err as Error).message}); retrying in ${Math.round(delay)} ms`);
        await this.sleep(delay);
        continue;
      }
      if (!this.pendingWake) await this.sleep(this.options.relayPollIntervalMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeSleeper = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeSleeper = done;
    });
  }

  /** One batch; returns how many rows it took. */
  private async relayBatch(): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    let ids: string[] = [];
    try {
      await runner.connect();
      await runner.startTransaction();
      const rows = (await runner.query(
        `SELECT id, event_type, tenant_id, envelope::text AS body, envelope->>'correlationid' AS correlation_id, occurred_at
           FROM ${this.table}
          WHERE published_at IS NULL
          ORDER BY occurred_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [this.options.relayBatchSize],
      )) as OutboxRow[];
      if (rows.length === 0) {
        await runner.commitTransaction();
        return 0;
      }
      ids = rows.map((row) => row.id);
      const { returned } = await this.publisher.publish(rows.map((row) => this.toMessage(row)), this.options.publishTimeoutMs);
      const confirmed = returned.length === 0 ? ids : ids.filter((id) => !returned.includes(id));
      await runner.query(`UPDATE ${this.table} SET published_at = now() WHERE id = ANY($1::uuid[])`, [confirmed]);
      await runner.commitTransaction();
      this.metrics.published += confirmed.length;
      if (returned.length > 0) {
        // With the alternate exchange in place nothing is returned; if it was, the topology is
        // broken: keep those rows unpublished, restore the topology and back off.
        ids = returned;
        throw new Error(`${returned.length} event(s) returned as unroutable; alternate exchange missing?`);
      }
      return rows.length;
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      if (ids.length > 0) await this.recordFailure(ids, err as Error);
      // A deleted exchange (404 closes the channel) or a missing alternate exchange would fail
      // every batch until the next reconnect; declaring again is idempotent and cheap.
      if (this.connection.isConnected()) await this.redeclareSharedTopology();
      throw err;
    } finally {
      await runner.release().catch(() => undefined);
    }
  }

  private toMessage(row: OutboxRow): OutgoingMessage {
    const headers: Record<string, string> = { [AmqpHeaders.tenantId]: row.tenant_id };
    if (row.correlation_id) headers[AmqpHeaders.correlationId] = row.correlation_id;
    return {
      exchange: this.options.names.events,
      routingKey: row.event_type,
      body: Buffer.from(row.body),
      options: {
        persistent: true,
        mandatory: true,
        messageId: row.id,
        type: row.event_type,
        contentType: 'application/json',
        timestamp: Math.floor(new Date(row.occurred_at).getTime() / 1000),
        appId: this.options.service,
        headers,
      },
    };
  }

  /** Separate transaction: the batch's own one was rolled back. */
  private async recordFailure(ids: string[], err: Error): Promise<void> {
    try {
      await this.dataSource.query(`UPDATE ${this.table} SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::uuid[])`, [
        ids,
        err.message.slice(0, 2000),
      ]);
    } catch (recordErr) {
      this.logger.warn(`could not record the outbox failure: ${(recordErr as Error).message}`);
    }
  }

  private async redeclareSharedTopology(): Promise<void> {
    try {
      const channel = await this.connection.createChannel();
      await this.connection.topology.declareShared(channel);
      await channel.close();
    } catch (err) {
      this.logger.warn(`re-declaring the shared topology failed: ${(err as Error).message}`);
    }
  }
}
