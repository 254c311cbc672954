import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { CONTACTS_CONTACT_CREATED, CONTACTS_CONTACT_UPDATED } from '@crm/contracts';
import type { OutboxBulkWriter } from '@crm/messaging';
import type { ImportOptions } from '../api/dto/import-options.dto.js';
import type { ImportTimings } from '../jobs/import-job.entity.js';
import * as sql from './import-merge.sql.js';
import { STAGE_COPY_COLUMNS } from './import-staging.js';

export interface BatchJob {
  id: string;
  tenantId: string;
  actorId: string;
  correlationId: string | null;
  options: ImportOptions;
  workerToken: string;
}

export interface StagedBatch {
  /** COPY text lines. */
  data: string;
  firstRow: number;
  lastRow: number;
  rows: number;
}

export interface BatchProgress {
  totalRows: number;
  bytesRead: number;
  progress: number;
  timings: ImportTimings;
}

export interface BatchResult {
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  copyMs: number;
  mergeMs: number;
  eventsMs: number;
}

/** The worker no longer owns the job (another replica took it over after a missed heartbeat). */
export class ImportJobLostError extends Error {
  override readonly name = 'ImportJobLostError';
}

const REPEAT_MESSAGES = {
  email: 'Correo repetido en el archivo: ya aparece en la fila ',
  taxId: 'NIT repetido en el archivo: ya aparece en la fila ',
} as const;

/**
 * Writes one batch in one transaction: COPY into the staging table, then the set-based merge
 * (repeats in the file, matches in the tenant, insert, update), timeline entries and outbox
 * events, the rejected rows and the job's counters. A dry run does the same inside a savepoint
 * that is rolled back, so its counts come from the very statements a real run executes.
 */
export class ImportBatchWriter {
  constructor(
    private readonly client: pg.ClientBase,
    private readonly table: string,
    private readonly job: BatchJob,
    /** Subquery (params from $3) of the contact ids the requester may see, or null for all. */
    private readonly visible: { sql: string; params: unknown[] } | null,
    private readonly statementTimeoutMs: number,
    private readonly outbox: OutboxBulkWriter,
  ) {}

  /** `merge: false` only stages rows that an earlier attempt already merged (a resumed job). */
  async write(batch: StagedBatch, progress: BatchProgress, merge: boolean): Promise<BatchResult> {
    const result: BatchResult = { created: 0, updated: 0, skipped: 0, rejected: 0, copyMs: 0, mergeMs: 0, eventsMs: 0 };
    await this.client.query('BEGIN');
    try {
      await this.client.query(`SET LOCAL statement_timeout = ${Math.floor(this.statementTimeoutMs)}`);
      const owned = await this.client.query("SELECT 1 FROM contacts.import_job WHERE id = $1 AND worker_token = $2 AND status = 'running' FOR UPDATE", [this.job.id, this.job.workerToken]);
      if (owned.rowCount === 0) throw new ImportJobLostError(`import job ${this.job.id} is no longer ours`);
      // Batches of concurrent imports of one tenant take turns, so each sees what the other
      // created and the dedupe holds across jobs too.
      if (merge) await this.client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`contacts-import:${this.job.tenantId}`]);
      let started = performance.now();
      await pipeline(Readable.from([batch.data]), this.client.query(copyFrom(`COPY ${this.table} (${STAGE_COPY_COLUMNS.join(', ')}) FROM STDIN`)));
      result.copyMs = performance.now() - started;
      if (merge) {
        Object.assign(result, await this.merge(batch));
        started = performance.now();
        await this.client.query(
          `UPDATE contacts.import_job SET processed_rows = processed_rows + $2, total_rows = $3, created_count = created_count + $4, updated_count = updated_count + $5,
             skipped_count = skipped_count + $6, rejected_count = rejected_count + $7, bytes_read = $8, progress = $9, timings = $10::jsonb,
             heartbeat_at = now(), updated_at = now() WHERE id = $1`,
          [
            this.job.id,
            batch.rows,
            progress.totalRows,
            result.created,
            result.updated,
            result.skipped,
            result.rejected,
            progress.bytesRead,
            progress.progress,
            JSON.stringify(progress.timings),
          ],
        );
        result.mergeMs += performance.now() - started;
      } else {
        await this.client.query('UPDATE contacts.import_job SET heartbeat_at = now(), updated_at = now() WHERE id = $1', [this.job.id]);
      }
      await this.client.query('COMMIT');
      return result;
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  private async merge(batch: StagedBatch): Promise<Omit<BatchResult, 'copyMs'>> {
    const t = this.table;
    const { options, tenantId, actorId, id: jobId, correlationId } = this.job;
    const range = [batch.firstRow, batch.lastRow];
    const q = (text: string, params: unknown[] = []) => this.client.query(text, [...range, ...params]);
    let started = performance.now();
    if (options.onDuplicate !== 'create') {
      await q(sql.markRepeatsSql(t, 'dedupe_key'), [REPEAT_MESSAGES[options.dedupeOn]]);
      if (options.dedupeOn === 'taxId') await q(sql.markRepeatsSql(t, 'email'), [REPEAT_MESSAGES.email]);
      await q(sql.matchExistingSql(t, options.dedupeOn), [tenantId]);
      if (options.dedupeOn === 'taxId') await q(sql.rejectTakenEmailsSql(t), [tenantId, options.onDuplicate === 'update']);
    }
    if (options.onDuplicate === 'update') await q(sql.markUpdatesSql(t, this.visible?.sql ?? null), this.visible?.params ?? []);
    if (options.dryRun) await this.client.query('SAVEPOINT dry_run');
    await q(sql.insertContactsSql(t), [tenantId, options.kind, options.lifecycle, options.sourceId, options.ownerId, options.teamId, options.sharedWithTeam, actorId]);
    if (options.onDuplicate === 'update') await q(sql.updateContactsSql(t), [tenantId, actorId]);
    let mergeMs = performance.now() - started;

    started = performance.now();
    await q(sql.timelineSql(t), [tenantId, actorId, jobId]);
    await q(this.outbox.insertFromSelectSql(sql.createdEvents(t, CONTACTS_CONTACT_CREATED)), [tenantId, correlationId]);
    if (options.onDuplicate === 'update') await q(this.outbox.insertFromSelectSql(sql.updatedEvents(t, CONTACTS_CONTACT_UPDATED)), [tenantId, correlationId, actorId]);
    const eventsMs = performance.now() - started;

    started = performance.now();
    const counts = (await q(sql.countOutcomesSql(t))).rows[0] as { created: number; updated: number; skipped: number; rejected: number };
    if (options.dryRun) await this.client.query('ROLLBACK TO SAVEPOINT dry_run');
    await q(sql.keepRejectedSql(t), [tenantId, jobId]);
    mergeMs += performance.now() - started;
    return { ...counts, mergeMs, eventsMs };
  }
}
