/** Import settings from the environment, read when used; a malformed value is an error, never a silent default. */
export interface ImportConfig {
  /** IMPORT_MAX_BYTES: largest upload (default 50 MiB). */
  maxBytes: number;
  /** IMPORT_PART_BYTES: size of each stored S3 object of an upload (default 8 MiB). */
  partBytes: number;
  /** IMPORT_BATCH_ROWS: rows per COPY + merge transaction (default 10,000). */
  batchRows: number;
  /** IMPORT_POLL_MS: how often an idle worker looks for queued jobs (default 1 s). */
  pollMs: number;
  /** IMPORT_STALE_MS: a running job without a heartbeat for this long is taken over (default 2 min). */
  staleMs: number;
  /** IMPORT_MAX_ATTEMPTS: a job that crashed its worker this often is failed (default 3). */
  maxAttempts: number;
  /** IMPORT_STATEMENT_TIMEOUT_MS: statement timeout inside the worker's transactions (default 5 min). */
  statementTimeoutMs: number;
  /** IMPORT_WORKER=false keeps this replica from running jobs (API only). */
  workerEnabled: boolean;
  /** IMPORT_RETENTION_DAYS: finished jobs (and their rejected rows) are deleted after this many days (default 30). */
  retentionDays: number;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`Environment variable ${name} must be a positive integer, got "${raw}"`);
  return value;
}

export function importConfig(env: NodeJS.ProcessEnv = process.env): ImportConfig {
  const worker = env.IMPORT_WORKER?.trim().toLowerCase();
  if (worker && !['true', 'false', '1', '0'].includes(worker)) throw new Error(`Environment variable IMPORT_WORKER must be true or false, got "${env.IMPORT_WORKER}"`);
  return {
    maxBytes: positiveInt(env, 'IMPORT_MAX_BYTES', 50 * 1024 * 1024),
    partBytes: positiveInt(env, 'IMPORT_PART_BYTES', 8 * 1024 * 1024),
    batchRows: positiveInt(env, 'IMPORT_BATCH_ROWS', 10_000),
    pollMs: positiveInt(env, 'IMPORT_POLL_MS', 1000),
    staleMs: positiveInt(env, 'IMPORT_STALE_MS', 120_000),
    maxAttempts: positiveInt(env, 'IMPORT_MAX_ATTEMPTS', 3),
    statementTimeoutMs: positiveInt(env, 'IMPORT_STATEMENT_TIMEOUT_MS', 300_000),
    workerEnabled: worker !== 'false' && worker !== '0',
    retentionDays: positiveInt(env, 'IMPORT_RETENTION_DAYS', 30),
  };
}
