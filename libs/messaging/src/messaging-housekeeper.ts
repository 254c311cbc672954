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
  async prune(): Promise<{ outbox: number; inbox: number; archive: number }> {
    if (this.running) return { outbox: 0, inbox: 0, archive: 0 };
    this.running = true;
    try {
      const archived = await this.hasArchive();
      const oldPublished = `DELETE FROM ${this.schema}.outbox_message WHERE id IN (
                 SELECT id FROM ${this.schema}.outbox_message
                  WHERE published_at < now() - make_interval(hours => $1) LIMIT ${CHUNK})`;
      // With the archive table: moved there (the replay history); without it (a schema from before): deleted.
      const outbox =
        this.options.outboxRetentionHours > 0
          ? await this.deleteInChunks(
              archived
                ? `WITH moved AS (${oldPublished} RETURNING id, event_type, tenant_id, envelope, occurred_at, published_at),
                        deleted AS (INSERT INTO ${this.schema}.outbox_archive (id, event_type, tenant_id, envelope, occurred_at, published_at)
                                    SELECT id, event_type, tenant_id, envelope, occurred_at, published_at FROM moved ON CONFLICT (id) DO NOTHING RETURNING 1)
                   SELECT (SELECT count(*) FROM moved)::int AS n`
                : oldPublished,
              this.options.outboxRetentionHours,
            )
          : 0;
      const archive =
        archived && this.options.outboxArchiveDays > 0
          ? await this.deleteInChunks(
              `DELETE FROM ${this.schema}.outbox_archive WHERE id IN (
                 SELECT id FROM ${this.schema}.outbox_archive WHERE occurred_at < now() - make_interval(days => $1) LIMIT ${CHUNK})`,
              this.options.outboxArchiveDays,
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
      return { outbox, inbox, archive };
    } finally {
      this.running = false;
    }
  }

  private async hasArchive(): Promise<boolean> {
    const [row] = (await this.dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [`${this.options.schema}.outbox_archive`])) as { present: boolean }[];
    return row?.present === true;
  }

  private async deleteInChunks(deleteSql: string, age: number): Promise<number> {
    let total = 0;
    for (let i = 0; i < MAX_CHUNKS_PER_RUN; i++) {
      // A statement that already counts (starts with WITH) runs as it is; a plain DELETE is wrapped to count.
      const sql = deleteSql.trimStart().startsWith('WITH') ? deleteSql : `WITH deleted AS (${deleteSql} RETURNING 1) SELECT count(*)::int AS n FROM deleted`;
      const [row] = (await this.dataSource.query(sql, [age])) as { n: number }[];
      const n = row?.n ?? 0;
      total += n;
      if (n < CHUNK) break;
    }
    return total;
  }
}
