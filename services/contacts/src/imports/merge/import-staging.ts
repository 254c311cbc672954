import { copyField, copyTextArray } from './copy-text.js';
import type { ValidatedRow } from '../parsing/import-row-validator.js';

/** `contacts."import_stage_<job id without dashes>"`: one UNLOGGED table per job, dropped when it ends. */
export function stageTableOf(jobId: string): string {
  if (!/^[0-9a-f-]{36}$/.test(jobId)) throw new Error(`not a job id: ${jobId}`);
  return `contacts."import_stage_${jobId.replace(/-/g, '')}"`;
}

export const STAGE_TABLE_PREFIX = 'import_stage_';

/** Columns filled by COPY, in COPY order. */
export const STAGE_COPY_COLUMNS = [
  'row_no',
  'reason',
  'raw',
  'kind',
  'lifecycle',
  'first_name',
  'last_name',
  'company_name',
  'display_name',
  'email',
  'phone',
  'position',
  'tax_id',
  'dedupe_key',
  'street',
  'city',
  'region',
  'postal_code',
  'country',
  'website',
  'linkedin_url',
  'industry',
  'category',
  'tags',
  'priority',
  'interest_level',
] as const;

/**
 * UNLOGGED: no WAL for rows that only live while the job runs (a crash empties it, and a resumed
 * job stages its file again). new_id is drawn at COPY time so created contacts, their timeline
 * entries and their events can all be written set-based from this table.
 */
export function createStageSql(table: string, indexes: { dedupeKey: boolean; email: boolean }): string[] {
  return [
    `DROP TABLE IF EXISTS ${table}`,
    `CREATE UNLOGGED TABLE ${table} (
      row_no integer PRIMARY KEY,
      reason text,
      raw text NOT NULL,
      kind text,
      lifecycle text,
      first_name text,
      last_name text,
      company_name text,
      display_name text,
      email text,
      phone text,
      position text,
      tax_id text,
      dedupe_key text,
      street text,
      city text,
      region text,
      postal_code text,
      country text,
      website text,
      linkedin_url text,
      industry text,
      category text,
      tags text[],
      priority text,
      interest_level text,
      new_id uuid NOT NULL DEFAULT gen_random_uuid(),
      existing_id uuid,
      outcome text,
      changes jsonb,
      new_version integer
    ) WITH (autovacuum_enabled = false)`,
    // Repeats inside the file are found through these (earlier row with the same key).
    ...(indexes.dedupeKey ? [`CREATE INDEX ON ${table} (dedupe_key, row_no) WHERE dedupe_key IS NOT NULL`] : []),
    ...(indexes.email ? [`CREATE INDEX ON ${table} (email, row_no) WHERE email IS NOT NULL`] : []),
  ];
}

/** One staging line: the original cells (JSON, for the rejected-rows file) and the validated values. */
export function encodeStageLine(rowNo: number, raw: readonly string[], reason: string | null, row: ValidatedRow | null): string {
  const f = copyField;
  const head = `${rowNo}\t${f(reason)}\t${f(JSON.stringify(raw))}`;
  if (!row) return `${head}${'\t\\N'.repeat(STAGE_COPY_COLUMNS.length - 3)}\n`;
  return (
    `${head}\t${f(row.kind)}\t${f(row.lifecycle)}\t${f(row.firstName)}\t${f(row.lastName)}\t${f(row.companyName)}\t${f(row.displayName)}` +
    `\t${f(row.email)}\t${f(row.phone)}\t${f(row.position)}\t${f(row.taxId)}\t${f(row.dedupeKey)}\t${f(row.street)}\t${f(row.city)}` +
    `\t${f(row.region)}\t${f(row.postalCode)}\t${f(row.country)}\t${f(row.website)}\t${f(row.linkedinUrl)}\t${f(row.industry)}` +
    `\t${f(row.category)}\t${copyTextArray(row.tags)}\t${f(row.priority)}\t${f(row.interestLevel)}\n`
  );
}
