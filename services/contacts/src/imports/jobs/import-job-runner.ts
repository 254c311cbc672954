import { PassThrough, type Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import { visibilityLevel, type AuthUser } from '@crm/auth';
import { OutboxBulkWriter } from '@crm/messaging';
import { ContactAccess } from '../../contacts/contact-access.js';
import { ImportBatchWriter, type BatchResult, type StagedBatch } from '../merge/import-batch-writer.js';
import { CONTACTS_CONFIG, type ContactsConfig } from '../../config/contacts-env.js';
import { planColumns } from '../parsing/import-fields.js';
import { ImportFileStore } from './import-file-store.js';
import type { ImportJob, ImportTimings } from './import-job.entity.js';
import { ImportFileError, type SourceRow } from '../parsing/import-row-source.js';
import { ImportRowValidator } from '../parsing/import-row-validator.js';
import { createStageSql, encodeStageLine, stageTableOf } from '../merge/import-staging.js';
import { csvRows } from '../parsing/csv-row-source.js';
import { xlsxRows } from '../parsing/xlsx-row-source.js';

/** The worker is shutting down: the job goes back to the queue and resumes where it stopped. */
export class ImportAbortedError extends Error {
  override readonly name = 'ImportAbortedError';
}

interface RunState {
  bytesRead: number;
  totalRows: number;
  timings: Required<ImportTimings>;
}

/**
 * Runs one claimed job: streams the file from S3, validates each row, stages batches with COPY
 * and merges them set-based (ImportBatchWriter). Parsing the next batch overlaps the database
 * work of the previous one. Rows an earlier attempt already merged are staged again but not
 * merged twice, so a job taken over after a crash resumes exactly where it stopped.
 */
@Injectable()
export class ImportJobRunner {
  private readonly logger = new Logger('ImportJobRunner');

  constructor(
    private readonly dataSource: DataSource,
    private readonly files: ImportFileStore,
    private readonly access: ContactAccess,
    private readonly outbox: OutboxBulkWriter,
    @Inject(CONTACTS_CONFIG) private readonly contactsConfig: ContactsConfig,
  ) {}

  /** How the run ended: `requeued` means it should be tried again a little later. */
  async run(job: ImportJob, workerToken: string, signal: AbortSignal): Promise<'completed' | 'failed' | 'requeued' | 'lost'> {
    const config = this.contactsConfig.imports;
    const table = stageTableOf(job.id);
    const queryRunner = this.dataSource.createQueryRunner();
    const client = (await queryRunner.connect()) as pg.PoolClient;
    const state: RunState = { bytesRead: 0, totalRows: 0, timings: { parseMs: 0, copyMs: 0, mergeMs: 0, eventsMs: 0, totalMs: job.timings.totalMs ?? 0 } };
    const startedAt = performance.now();
    try {
      const dedupes = job.options.onDuplicate !== 'create';
      for (const statement of createStageSql(table, { dedupeKey: dedupes, email: dedupes && job.options.dedupeOn === 'taxId' })) await client.query(statement);
      const writer = new ImportBatchWriter(
        client,
        table,
        { id: job.id, tenantId: job.tenantId, actorId: job.requestedBy, correlationId: job.correlationId, options: job.options, workerToken },
        this.visibleSubquery(job),
        config.statementTimeoutMs,
        this.outbox,
      );
      await this.process(job, client, writer, state, config.batchRows, signal, startedAt);
      state.timings.totalMs = Math.round(state.timings.totalMs + performance.now() - startedAt);
      await client.query(
        `UPDATE contacts.import_job SET status = 'completed', phase = NULL, progress = 100, total_rows = $3, bytes_read = size_bytes, timings = $4::jsonb,
           finished_at = now(), updated_at = now(), worker_token = NULL WHERE id = $1 AND worker_token = $2`,
        [job.id, workerToken, state.totalRows, JSON.stringify(roundTimings(state.timings))],
      );
      await this.finish(client, table, job);
      return 'completed';
    } catch (error) {
      return await this.settleFailure(client, table, job, workerToken, error, state, startedAt);
    } finally {
      await queryRunner.release();
    }
  }

  private async process(job: ImportJob, client: pg.ClientBase, writer: ImportBatchWriter, state: RunState, batchRows: number, signal: AbortSignal, startedAt: number) {
    const rows = this.rowsOf(job, state);
    const header = await rows.next();
    if (header.done) throw new ImportFileError('El archivo no tiene filas: se esperaba una fila de encabezados.');
    const headers = header.value.values.map((value) => value.trim());
    const plan = planColumns(headers, job.options.mapping);
    if (!plan.has('firstName') && !plan.has('companyName')) {
      throw new ImportFileError(`No se reconoció la columna del nombre ni la de la empresa. Encabezados del archivo: ${headers.join(', ')}. Indíquelas en options.mapping.`);
    }
    await client.query('UPDATE contacts.import_job SET headers = $2, updated_at = now() WHERE id = $1', [job.id, headers]);
    const validator = new ImportRowValidator(plan, { kind: job.options.kind, dedupeOn: job.options.dedupeOn });
    const alreadyMerged = job.processedRows;
    let lines: string[] = [];
    let firstRow = 0;
    let lastRow = 0;
    let pending: Promise<BatchResult> | undefined;
    let waitedMs = 0;
    let loopStart = performance.now();

    const flush = async () => {
      if (lines.length === 0) return;
      const batch: StagedBatch = { data: lines.join(''), firstRow, lastRow, rows: lines.length };
      const merge = state.totalRows > alreadyMerged;
      lines = [];
      const waitStart = performance.now();
      if (pending) await pending;
      waitedMs += performance.now() - waitStart;
      if (signal.aborted) throw new ImportAbortedError('worker stopping');
      state.timings.parseMs += performance.now() - loopStart - waitedMs;
      loopStart = performance.now();
      waitedMs = 0;
      const progress = {
        totalRows: state.totalRows,
        bytesRead: state.bytesRead,
        progress: Math.min(99, Math.floor((state.bytesRead / Math.max(1, job.sizeBytes)) * 100)),
        timings: roundTimings({ ...state.timings, totalMs: state.timings.totalMs + performance.now() - startedAt }),
      };
      pending = writer.write(batch, progress, merge).then((result) => {
        state.timings.copyMs += result.copyMs;
        state.timings.mergeMs += result.mergeMs;
        state.timings.eventsMs += result.eventsMs;
        return result;
      });
      pending.catch(() => undefined); // awaited at the next flush; avoid an unhandled rejection meanwhile
    };

    try {
      for await (const row of rows) {
        state.totalRows += 1;
        const outcome = validator.validate(row.values);
        if (lines.length === 0) firstRow = row.rowNo;
        lastRow = row.rowNo;
        lines.push(encodeStageLine(row.rowNo, row.values, outcome.reason, outcome.row));
        // A batch never straddles the rows an earlier attempt merged and the rows still to merge.
        if (lines.length >= batchRows || state.totalRows === alreadyMerged) await flush();
      }
      await flush();
      if (pending) await pending;
    } catch (error) {
      // The connection must be idle (no batch transaction in flight) before the job is settled.
      await pending?.catch(() => undefined);
      throw error;
    }
    state.timings.parseMs += Math.max(0, performance.now() - loopStart - waitedMs);
  }

  private rowsOf(job: ImportJob, state: RunState): AsyncGenerator<SourceRow> {
    const source = this.files.open(job.objectKeys);
    if (job.fileFormat === 'csv') {
      return csvRows(source, { encoding: job.fileEncoding as 'utf-8' | 'windows-1252', delimiter: job.options.delimiter, onBytes: (bytes) => (state.bytesRead += bytes) });
    }
    const counted = new PassThrough();
    counted.on('data', (chunk: Buffer) => (state.bytesRead += chunk.length));
    source.on('error', (error) => counted.destroy(error));
    return xlsxRows(source.pipe(counted) as Readable);
  }

  /** Rows a manager may update are the ones they can see (ContactAccess), as a subquery numbered from $3. */
  private visibleSubquery(job: ImportJob): { sql: string; params: unknown[] } | null {
    const user: AuthUser = { ...job.actor, tenantId: job.tenantId, roles: job.actor.roles as AuthUser['roles'] };
    if (visibilityLevel(user) === 'all') return null;
    const [text, params] = this.access.visibleQuery(user).select('c.id', 'id').getQueryAndParameters();
    return { sql: text.replace(/\$(\d+)/g, (_match, n: string) => `$${Number(n) + 2}`), params };
  }

  private async finish(client: pg.ClientBase, table: string, job: ImportJob): Promise<void> {
    await client.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    await this.files.removeAll(job.objectKeys);
  }

  private async settleFailure(client: pg.ClientBase, table: string, job: ImportJob, token: string, error: unknown, state: RunState, startedAt: number) {
    const requeue = () =>
      client.query("UPDATE contacts.import_job SET status = 'queued', worker_token = NULL, updated_at = now() WHERE id = $1 AND worker_token = $2", [job.id, token]).catch(() => undefined);
    if (error instanceof ImportAbortedError) {
      // Back to the queue: the next worker resumes after the rows already merged.
      await requeue();
      return 'requeued' as const;
    }
    if ((error as Error).name === 'ImportJobLostError') return 'lost' as const;
    if (!(error instanceof ImportFileError) && job.attempts < this.contactsConfig.imports.maxAttempts) {
      // Perhaps passing (S3 or database hiccup): back to the queue, resumed after the rows already merged.
      this.logger.warn({ jobId: job.id, attempt: job.attempts, err: (error as Error).message }, 'import job interrupted; queued again');
      await requeue();
      return 'requeued' as const;
    }
    const message =
      error instanceof ImportFileError ? error.message : 'Error interno al procesar la importación; las filas ya procesadas se conservan. Intente de nuevo o contacte al administrador.';
    if (!(error instanceof ImportFileError)) this.logger.error({ jobId: job.id, err: (error as Error).message, stack: (error as Error).stack }, 'import job failed');
    state.timings.totalMs = Math.round(state.timings.totalMs + performance.now() - startedAt);
    await client
      .query(
        `UPDATE contacts.import_job SET status = 'failed', phase = NULL, error = $3, timings = $4::jsonb, finished_at = now(), updated_at = now(), worker_token = NULL
         WHERE id = $1 AND worker_token = $2`,
        [job.id, token, message, JSON.stringify(roundTimings(state.timings))],
      )
      .catch(() => undefined);
    await this.finish(client, table, job);
    return 'failed' as const;
  }
}

function roundTimings(timings: Required<ImportTimings>): Required<ImportTimings> {
  return {
    parseMs: Math.round(timings.parseMs),
    copyMs: Math.round(timings.copyMs),
    mergeMs: Math.round(timings.mergeMs),
    eventsMs: Math.round(timings.eventsMs),
    totalMs: Math.round(timings.totalMs),
  };
}
