import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CONTACTS_CONFIG, type ContactsConfig } from '../../config/contacts-env.js';
import { ImportJob } from './import-job.entity.js';
import { ImportJobRunner } from './import-job-runner.js';
import { STAGE_TABLE_PREFIX } from '../merge/import-staging.js';

const SWEEP_EVERY_MS = 3_600_000;

/**
 * The background worker of every contacts replica: claims the oldest queued job with
 * FOR UPDATE SKIP LOCKED (so replicas split jobs, never share one), runs it, and looks again.
 * A job whose worker stopped sending heartbeats (crash) is taken over and resumed; one that
 * keeps killing its worker is failed after IMPORT_MAX_ATTEMPTS. Woken at once by an upload on
 * this replica, otherwise it polls every IMPORT_POLL_MS.
 */
@Injectable()
export class ImportWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ImportWorker');
  private readonly abort = new AbortController();
  private running?: Promise<void>;
  private wakeUp?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly runner: ImportJobRunner,
    @Inject(CONTACTS_CONFIG) private readonly config: ContactsConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.imports.workerEnabled) return;
    this.running = this.loop();
  }

  async onModuleDestroy(): Promise<void> {
    this.abort.abort();
    this.wakeUp?.();
    await this.running;
  }

  /** A job was just queued here: look now instead of at the next poll. */
  wake(): void {
    this.wakeUp?.();
  }

  private async loop(): Promise<void> {
    await this.dropOrphanStages().catch((error: Error) => this.logger.warn(`staging clean-up failed: ${error.message}`));
    let nextSweep = 0;
    while (!this.abort.signal.aborted) {
      if (Date.now() >= nextSweep) {
        nextSweep = Date.now() + SWEEP_EVERY_MS;
        await this.deleteOldJobs().catch((error: Error) => this.logger.warn(`import job retention sweep failed: ${error.message}`));
      }
      let pauseMs: number | null = this.config.imports.pollMs;
      try {
        const next = await this.claim();
        if (next) {
          const outcome = await this.runner.run(next.job, next.token, this.abort.signal);
          // Straight to the next job, unless this one was put back after an error: give it a moment.
          pauseMs = outcome === 'requeued' ? Math.min(30_000, this.config.imports.pollMs * 2 ** next.job.attempts) : null;
        }
      } catch (error) {
        this.logger.error(`import worker: ${(error as Error).message}`);
      }
      if (pauseMs !== null && !this.abort.signal.aborted) await this.sleep(pauseMs);
    }
  }

  private async claim(): Promise<{ job: ImportJob; token: string } | null> {
    const { staleMs, maxAttempts } = this.config.imports;
    const token = randomUUID();
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
    const [rows]: [{ id: string; attempts: number }[], number] = await this.dataSource.query(
      `UPDATE contacts.import_job SET status = 'running', phase = 'parsing', worker_token = $1, attempts = attempts + 1, heartbeat_at = now(),
         started_at = coalesce(started_at, now()), updated_at = now()
       WHERE id = (
         SELECT id FROM contacts.import_job
         WHERE status = 'queued' OR (status = 'running' AND heartbeat_at < now() - make_interval(secs => $2::double precision / 1000))
         ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1)
       RETURNING id, attempts`,
      [token, staleMs],
    );
    const claimed = rows[0];
    if (!claimed) return null;
    if (claimed.attempts > maxAttempts) {
      await this.dataSource.query(
        `UPDATE contacts.import_job SET status = 'failed', phase = NULL, worker_token = NULL, finished_at = now(), updated_at = now(),
           error = 'La importación se interrumpió repetidamente y se canceló; las filas ya procesadas se conservan.' WHERE id = $1 AND worker_token = $2`,
        [claimed.id, token],
      );
      return null;
    }
    const job = await this.dataSource.manager.findOneByOrFail(ImportJob, { id: claimed.id });
    return { job, token };
  }

  /** Finished jobs past IMPORT_RETENTION_DAYS go, with their rejected rows (ON DELETE CASCADE); a bounded bite per sweep. */
  private async deleteOldJobs(): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM contacts.import_job WHERE id IN (
         SELECT id FROM contacts.import_job WHERE status IN ('completed', 'failed') AND finished_at < now() - make_interval(days => $1) LIMIT 100)`,
      [this.config.imports.retentionDays],
    );
  }

  /** Staging tables whose job is over (or gone): left by a crash between the last batch and the clean-up. */
  private async dropOrphanStages(): Promise<void> {
    const rows: { tablename: string }[] = await this.dataSource.query(
      `SELECT t.tablename FROM pg_tables t
       WHERE t.schemaname = 'contacts' AND left(t.tablename, length($1)) = $1
         AND NOT EXISTS (SELECT 1 FROM contacts.import_job j WHERE replace(j.id::text, '-', '') = substr(t.tablename, length($1) + 1) AND j.status IN ('queued', 'running'))`,
      [STAGE_TABLE_PREFIX],
    );
    for (const { tablename } of rows) await this.dataSource.query(`DROP TABLE IF EXISTS contacts."${tablename.replace(/"/g, '')}"`);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }
}
