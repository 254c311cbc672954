import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DOCUMENT_STORAGE, type DocumentStorage } from '@crm/storage';
import { CONTACTS_CONFIG, type ContactsConfig } from '../config/contacts-env.js';

const PARALLELISM = 8;
const BATCH = 100;
/** Longest wait between two tries of one object (the delay doubles per failure up to this). */
const MAX_BACKOFF_MS = 3_600_000;

/**
 * S3 deletions that must follow a committed change and never precede it: {@link enqueue} records
 * the keys in `contacts.object_removal` inside the change's transaction; after the commit
 * {@link removeNow} deletes them, and whatever S3 refused is retried every
 * STORAGE_REMOVAL_RETRY_MS with a growing delay per object (FOR UPDATE SKIP LOCKED, so every
 * replica can run the sweep). A rolled-back change leaves no row, so nothing is deleted.
 */
@Injectable()
export class ObjectRemovalQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ObjectRemovalQueue.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private readonly retryMs: number;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    @Inject(CONTACTS_CONFIG) config: ContactsConfig,
  ) {
    this.retryMs = config.objectRemoval.retryMs;
  }

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** In the change's transaction. */
  async enqueue(em: EntityManager, tenantId: string, keys: readonly string[], reason: string): Promise<void> {
    if (keys.length === 0) return;
    await em.query(
      `INSERT INTO contacts.object_removal (object_key, tenant_id, reason) SELECT k, $2, $3 FROM unnest($1::text[]) k
       ON CONFLICT (object_key) DO NOTHING`,
      [[...keys], tenantId, reason],
    );
  }

  /** After the commit: deletes these objects now; a failure stays queued for the sweep (never thrown). */
  async removeNow(keys: readonly string[]): Promise<number> {
    if (keys.length === 0) return 0;
    try {
      return await this.dataSource.transaction(async (em) => {
        const rows: { object_key: string; attempts: number }[] = await em.query(
          'SELECT object_key, attempts FROM contacts.object_removal WHERE object_key = ANY($1::text[]) FOR UPDATE SKIP LOCKED',
          [[...keys]],
        );
        return this.removeRows(em, rows);
      });
    } catch (error) {
      this.logger.warn(`object removal after commit failed; the sweep retries: ${(error as Error).message}`);
      return 0;
    }
  }

  /** One sweep over due rows; returns how many objects were deleted. */
  async sweep(): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const rows: { object_key: string; attempts: number }[] = await em.query(
        'SELECT object_key, attempts FROM contacts.object_removal WHERE next_attempt_at <= now() ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED',
        [BATCH],
      );
      return this.removeRows(em, rows);
    });
  }

  private async removeRows(em: EntityManager, rows: { object_key: string; attempts: number }[]): Promise<number> {
    const done: string[] = [];
    for (let start = 0; start < rows.length; start += PARALLELISM) {
      const slice = rows.slice(start, start + PARALLELISM);
      const outcomes = await Promise.allSettled(slice.map((row) => this.storage.remove(row.object_key)));
      for (const [index, outcome] of outcomes.entries()) {
        const row = slice[index]!;
        if (outcome.status === 'fulfilled') {
          done.push(row.object_key);
          continue;
        }
        const delayMs = Math.min(MAX_BACKOFF_MS, this.retryMs * 2 ** Math.min(row.attempts, 20));
        await em.query(
          `UPDATE contacts.object_removal SET attempts = attempts + 1, last_error = $2, next_attempt_at = now() + make_interval(secs => $3::double precision / 1000)
           WHERE object_key = $1`,
          [row.object_key, String((outcome.reason as Error)?.message ?? outcome.reason).slice(0, 500), delayMs],
        );
      }
    }
    if (done.length > 0) await em.query('DELETE FROM contacts.object_removal WHERE object_key = ANY($1::text[])', [done]);
    return done.length;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick();
    }, this.retryMs);
  }

  private async tick(): Promise<void> {
    try {
      const removed = await this.sweep();
      if (removed > 0) this.logger.log(`deleted ${removed} S3 object(s) left over from earlier failures`);
    } catch (error) {
      this.logger.warn(`object removal sweep failed: ${(error as Error).message}`);
    }
    this.schedule();
  }
}
