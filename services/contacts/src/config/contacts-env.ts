import { ConfigValidationError, loadConfig, type EnvSpec } from '@crm/common';

const MIB = 1024 * 1024;

/**
 * Every variable the contacts service reads besides the common ones and the libs' own (S3_*,
 * AMQP_*). runService validates them at start; {@link loadContactsConfig} adds the ranges and
 * gives the features one typed object (CONTACTS_CONFIG), so nothing reads process.env on its own.
 */
export const CONTACTS_ENV = {
  IMPORT_MAX_BYTES: { kind: 'int', default: String(50 * MIB), description: 'Largest import upload, in bytes' },
  IMPORT_PART_BYTES: { kind: 'int', default: String(8 * MIB), description: 'Size of each stored S3 object of an import upload, in bytes' },
  IMPORT_BATCH_ROWS: { kind: 'int', default: '10000', description: 'Import rows per COPY + merge transaction' },
  IMPORT_POLL_MS: { kind: 'int', default: '1000', description: 'How often an idle import worker looks for queued jobs, in ms' },
  IMPORT_STALE_MS: { kind: 'int', default: '120000', description: 'A running import job without a heartbeat for this long is taken over, in ms' },
  IMPORT_MAX_ATTEMPTS: { kind: 'int', default: '3', description: 'An import job that crashed its worker this often is failed' },
  IMPORT_STATEMENT_TIMEOUT_MS: { kind: 'int', default: '300000', description: 'Statement timeout inside the import worker’s transactions, in ms' },
  IMPORT_WORKER: { kind: 'boolean', default: 'true', description: 'false keeps this replica from running import jobs (API only)' },
  IMPORT_RETENTION_DAYS: { kind: 'int', default: '30', description: 'Finished import jobs and their rejected rows are deleted after this many days' },
  IMPORT_XLSX_MAX_EXPANDED_BYTES: {
    kind: 'int',
    default: String(256 * MIB),
    description: 'Largest total uncompressed size of an XLSX workbook (its ZIP entries), in bytes: refuses zip bombs',
  },
  IMPORT_XLSX_MAX_ROWS: { kind: 'int', default: '300000', description: 'Most rows of the first sheet of an imported XLSX workbook' },
  EXPORT_MAX_ROWS: { kind: 'int', default: '200000', description: 'Most rows one contacts export carries' },
  NOTE_REMINDER_POLL_MS: {
    kind: 'int',
    default: '5000',
    description: 'How often contacts looks for note reminders that are due, in ms (0 turns the scheduler off in this process)',
  },
  NOTE_REMINDER_BATCH: { kind: 'int', default: '200', description: 'Due note reminders published per transaction' },
  WEB_FORM_RATE_LIMIT: { kind: 'int', default: '20', description: 'Public web-form submissions per minute per client IP and form' },
  STORAGE_REMOVAL_RETRY_MS: {
    kind: 'int',
    default: '60000',
    description: 'How often S3 deletions that failed (after an anonymisation) are tried again, in ms',
  },
} as const satisfies EnvSpec;

export interface ImportConfig {
  maxBytes: number;
  partBytes: number;
  batchRows: number;
  pollMs: number;
  staleMs: number;
  maxAttempts: number;
  statementTimeoutMs: number;
  workerEnabled: boolean;
  retentionDays: number;
  xlsxMaxExpandedBytes: number;
  xlsxMaxRows: number;
}

export interface ContactsConfig {
  imports: ImportConfig;
  exports: { maxRows: number; pageSize: number };
  noteReminders: { pollMs: number; batchSize: number };
  objectRemoval: { retryMs: number };
  webForms: { rateLimitPerMinute: number };
}

export const CONTACTS_CONFIG = Symbol('contacts:config');

/** Rows read per page of the contact list while exporting (not a setting: the list's own page size). */
const EXPORT_PAGE_SIZE = 1000;

/** Read once at start; every malformed or out-of-range value is named in one error. */
export function loadContactsConfig(env: NodeJS.ProcessEnv = process.env): ContactsConfig {
  const raw = loadConfig(CONTACTS_ENV, env);
  const problems: string[] = [];
  const int = (name: keyof typeof CONTACTS_ENV, min: number, max = Number.MAX_SAFE_INTEGER): number => {
    const value = raw[name] as number;
    if (value < min || value > max) problems.push(`${name} must be between ${min} and ${max} (got ${value}) — ${CONTACTS_ENV[name].description}`);
    return value;
  };
  const config: ContactsConfig = {
    imports: {
      maxBytes: int('IMPORT_MAX_BYTES', 1),
      partBytes: int('IMPORT_PART_BYTES', 64 * 1024),
      batchRows: int('IMPORT_BATCH_ROWS', 1, 1_000_000),
      pollMs: int('IMPORT_POLL_MS', 1),
      staleMs: int('IMPORT_STALE_MS', 1),
      maxAttempts: int('IMPORT_MAX_ATTEMPTS', 1),
      statementTimeoutMs: int('IMPORT_STATEMENT_TIMEOUT_MS', 1),
      workerEnabled: raw.IMPORT_WORKER !== false,
      retentionDays: int('IMPORT_RETENTION_DAYS', 1),
      xlsxMaxExpandedBytes: int('IMPORT_XLSX_MAX_EXPANDED_BYTES', 1),
      xlsxMaxRows: int('IMPORT_XLSX_MAX_ROWS', 1),
    },
    exports: { maxRows: int('EXPORT_MAX_ROWS', 1), pageSize: EXPORT_PAGE_SIZE },
    noteReminders: { pollMs: int('NOTE_REMINDER_POLL_MS', 0, 3_600_000), batchSize: int('NOTE_REMINDER_BATCH', 1, 5000) },
    objectRemoval: { retryMs: int('STORAGE_REMOVAL_RETRY_MS', 100, 86_400_000) },
    webForms: { rateLimitPerMinute: int('WEB_FORM_RATE_LIMIT', 1, 100_000) },
  };
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return config;
}
