import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MESSAGING_OPTIONS, type ResolvedMessagingOptions } from './messaging-options.js';
import { quoteIdent } from './sql-identifier.js';

const CHUNK = 5000;
const MAX_CHUNKS_PER_RUN = 20;

/**
 * Keeps the outbox and inbox from growing forever: deletes published outbox rows and old inbox
 * rows in small chunks (short locks, no long transaction). Runs where the relay runs; replicas
 * doing it at once only skip each other's work.
 */
@Injectable()
export class MessagingHousekeeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('MessagingHousekeeper');
  private readonly schema: string;
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
    private readonly dataSource: DataSource,
  ) {
    this.schema = quoteIdent(options.schema);
  }

  onApplicationBootstrap(): void {
    if (!this.options.relay) return;
    this.timer = setInterval(() => void this.prune().catch((err: Error) => this.logger.warn(`pruning failed: ${err.message}`)), this.options.housekeepingIntervalMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** One pruning pass; returns how many rows it deleted. */
  async prune(): Promise<{ outbox: number; inbox: number }> {
    if (this.running) return { outbox: 0, inbox: 0 };
    this.running = true;
    try {
      const outbox =
        this.options.outboxRetentionHours > 0
          ? await this.deleteInChunks(
              `DELETE FROM ${this.schema}.outbox_message WHERE id IN (
                 SELECT id FROM ${this.schema}.outbox_message
                  WHERE published_at < now() - make_interval(hours => $1) LIMIT ${CHUNK})`,
              this.options.outboxRetentionHours,
            )
          : 0;
      const inbox =
        this.options.inboxRetentionDays > 0
          ? await this.deleteInChunks(
              `DELETE FROM ${this.schema}.inbox_message WHERE (message_id, consumer) IN (
                 SELECT message_id, consumer FROM ${this.schema}.inbox_message
                  WHERE received_at < now() - make_interval(days => $1) LIMIT ${CHUNK})`,
              this.options.inboxRetentionDays,
            )
          : 0;
      return { outbox, inbox };
    } finally {
      this.running = false;
    }
  }

  private async deleteInChunks(deleteSql: string, age: number): Promise<number> {
    let total = 0;
    for (let i = 0; i < MAX_CHUNKS_PER_RUN; i++) {
      const [row] = (await this.dataSource.query(`WITH deleted AS (${deleteSql} RETURNING 1) SELECT count(*)::int AS n FROM deleted`, [age])) as { n: number }[];
      const n = row?.n ?? 0;
      total += n;
      if (n < CHUNK) break;
    }
    return total;
  }
}
