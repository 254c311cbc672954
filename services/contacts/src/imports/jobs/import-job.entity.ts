import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ImportOptions } from '../api/dto/import-options.dto.js';

export type ImportJobStatus = 'queued' | 'running' | 'completed' | 'failed';
export type ImportFileFormat = 'csv' | 'xlsx';

/** Who asked for the import, as their token said then: the worker applies their visibility. */
export interface ImportActor {
  kind: 'user' | 'api-key';
  id: string;
  roles: string[];
  teamIds: string[];
  scopes: string[];
}

/** Milliseconds spent per stage of the job (shown in the job view and used by the benchmark). */
export interface ImportTimings {
  parseMs?: number;
  copyMs?: number;
  mergeMs?: number;
  eventsMs?: number;
  totalMs?: number;
}

const bigintAsNumber = { to: (value: number) => value, from: (value: string | number) => Number(value) };

/** A bulk import: the uploaded file (in S3), its options, its progress and its outcome. */
@Entity({ name: 'import_job' })
@Index('import_job_by_tenant', ['tenantId', 'createdAt', 'id'])
export class ImportJob {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'text' })
  status: ImportJobStatus;

  /** What a running job is doing: parsing (and merging batch by batch) or finishing. */
  @Column({ type: 'text', nullable: true })
  phase: string | null;

  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  @Column({ name: 'file_format', type: 'text' })
  fileFormat: ImportFileFormat;

  @Column({ name: 'file_encoding', type: 'text' })
  fileEncoding: string;

  @Column({ name: 'size_bytes', type: 'bigint', transformer: bigintAsNumber })
  sizeBytes: number;

  /** The upload, stored as consecutive S3 objects (no multipart upload needed, memory stays bounded). */
  @Column({ name: 'object_keys', type: 'text', array: true })
  objectKeys: string[];

  @Column({ type: 'jsonb' })
  options: ImportOptions;

  @Column({ name: 'dry_run', type: 'boolean' })
  dryRun: boolean;

  /** The file's header row, repeated in the rejected-rows CSV. */
  @Column({ type: 'text', array: true, nullable: true })
  headers: string[] | null;

  @Column({ name: 'total_rows', type: 'integer' })
  totalRows: number;

  @Column({ name: 'processed_rows', type: 'integer' })
  processedRows: number;

  @Column({ name: 'created_count', type: 'integer' })
  createdCount: number;

  @Column({ name: 'updated_count', type: 'integer' })
  updatedCount: number;

  @Column({ name: 'skipped_count', type: 'integer' })
  skippedCount: number;

  @Column({ name: 'rejected_count', type: 'integer' })
  rejectedCount: number;

  @Column({ name: 'bytes_read', type: 'bigint', transformer: bigintAsNumber })
  bytesRead: number;

  @Column({ type: 'smallint' })
  progress: number;

  @Column({ type: 'jsonb' })
  timings: ImportTimings;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'correlation_id', type: 'text', nullable: true })
  correlationId: string | null;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy: string;

  @Column({ type: 'jsonb' })
  actor: ImportActor;

  @Column({ name: 'worker_token', type: 'uuid', nullable: true })
  workerToken: string | null;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ name: 'heartbeat_at', type: 'timestamptz', nullable: true })
  heartbeatAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
