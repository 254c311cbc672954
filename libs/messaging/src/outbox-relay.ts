import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AmqpConnection } from './amqp-connection.js';
import { AmqpHeaders } from './amqp-headers.js';
import { ConfirmPublisher, type OutgoingMessage } from './confirm-publisher.js';
import { MessagingMetrics } from './messaging-metrics.js';
import { MESSAGING_OPTIONS, type ResolvedMessagingOptions } from './messaging-options.js';
import { OutboxParking, type OutboxRowFailure } from './outbox-parking.js';
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
 * Publishes committed outbox rows. Each batch is one transaction: lock due rows (FOR UPDATE SKIP
 * LOCKED, so replicas split the work instead of repeating it), publish them all on a confirm
 * channel, await the confirms together, mark the confirmed ones published, commit. A crash
 * between publish and commit republishes the batch: at-least-once, made harmless by the inbox.
 * Woken by NOTIFY `<schema>_outbox`, with a poll as the fallback.
 *
 * A row the broker refuses (nack, returned as unroutable) or the client cannot send gets a per-row backoff and is skipped
 * until then, so it never holds back later events; after `relayMaxAttempts` it is parked as a
 * dead letter (OutboxParking). When a whole batch fails (channel closed, no confirm) nobody knows
 * which row caused it: the relay then goes one row at a time through that many rows, and a row
 * that fails alone while the broker is up is the one charged with an attempt.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OutboxRelay');
  private readonly table: string;
  private readonly publisher: ConfirmPublisher;
  private readonly parking: OutboxParking;
  /** Rows still to publish one at a time after a whole batch failed. */
  private isolateRows = 0;
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
    this.parking = new OutboxParking(options);
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
    this.listener = new PgNotificationListener(pgClientConfig(this.dataSource, `crm-${this.options.service}-relay`), outboxChannel(this.options.schema), () => this.wake());
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
      if (!this.connection.canPublish()) {
        await this.sleep(Math.min(this.options.relayPollIntervalMs, 250));
        continue;
      }
      this.pendingWake = false;
      try {
        const limit = this.isolateRows > 0 ? 1 : this.options.relayBatchSize;
        const count = await this.relayBatch(limit);
        this.isolateRows = count === 0 ? 0 : Math.max(0, this.isolateRows - count);
        failures = 0;
        if (count >= limit) continue;
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
  private async relayBatch(limit: number): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
      const rows = (await runner.query(
        `SELECT id, event_type, tenant_id, envelope::text AS body, envelope->>'correlationid' AS correlation_id, occurred_at
           FROM ${this.table}
          WHERE published_at IS NULL AND parked_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= clock_timestamp())
          ORDER BY occurred_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [limit],
      )) as OutboxRow[];
      if (rows.length === 0) {
        await runner.commitTransaction();
        return 0;
      }
      const failed: OutboxRowFailure[] = [];
      let returned: string[] = [];
      try {
        const outcome = await this.publisher.publishEach(
          rows.map((row) => this.toMessage(row)),
          this.options.publishTimeoutMs,
        );
        returned = outcome.returned;
        for (const id of outcome.returned) failed.push({ id, reason: 'unroutable: returned by the broker' });
        for (const id of outcome.nacked) failed.push({ id, reason: 'refused by the broker (nack)' });
        failed.push(...outcome.unsendable);
      } catch (err) {
        // The whole batch failed. With the broker gone or blocked by an alarm, nobody is to blame; with several rows,
        // find the culprit one row at a time; a single row that fails alone is charged.
        if (rows.length > 1 || !this.connection.canPublish()) {
          if (rows.length > 1) this.isolateRows = rows.length;
          throw err;
        }
        failed.push({ id: rows[0]!.id, reason: (err as Error).message });
      }
      const failedIds = new Set(failed.map((f) => f.id));
      const confirmed = rows.map((row) => row.id).filter((id) => !failedIds.has(id));
      if (confirmed.length > 0) await runner.query(`UPDATE ${this.table} SET published_at = now() WHERE id = ANY($1::uuid[])`, [confirmed]);
      const parked = await this.parking.recordFailures(runner, failed);
      await runner.commitTransaction();
      this.metrics.published += confirmed.length;
      if (failed.length > 0) this.reportFailures(failed, parked);
      // With the alternate exchange in place nothing is returned; if it was, the topology may be
      // broken (a deleted exchange): declaring again is idempotent and cheap.
      if (returned.length > 0 && this.connection.isConnected()) await this.redeclareSharedTopology();
      return rows.length;
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      // A deleted exchange (404 closes the channel) would fail every batch until the next
      // reconnect; declaring again is idempotent and cheap.
      if (this.connection.isConnected()) await this.redeclareSharedTopology();
      throw err;
    } finally {
      await runner.release().catch(() => undefined);
    }
  }

  private reportFailures(failed: OutboxRowFailure[], parked: string[]): void {
    this.metrics.publishFailures += failed.length;
    this.metrics.parked += parked.length;
    const deferred = failed.filter((f) => !parked.includes(f.id));
    if (deferred.length > 0) this.logger.warn(`${deferred.length} outbox row(s) not published (${deferred[0]!.reason}); retrying them later, later rows go on`);
    if (parked.length > 0) this.logger.error(`parked ${parked.length} outbox row(s) after ${this.options.relayMaxAttempts} attempts (now dead letters): ${parked.join(', ')}`);
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
