import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk import jobs (CSV/XLSX → COPY into a per-job UNLOGGED staging table → set-based merge) and
 * the rows each job refused, kept for the downloadable "rejected rows" CSV.
 */
export class ContactImports1763712400000 implements MigrationInterface {
  name = 'ContactImports1763712400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE contacts.import_job (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed', 'failed')),
        phase text,
        file_name text NOT NULL,
        file_format text NOT NULL CHECK (file_format IN ('csv', 'xlsx')),
        file_encoding text NOT NULL DEFAULT 'utf-8',
        size_bytes bigint NOT NULL,
        object_keys text[] NOT NULL,
        options jsonb NOT NULL,
        dry_run boolean NOT NULL DEFAULT false,
        headers text[],
        total_rows integer NOT NULL DEFAULT 0,
        processed_rows integer NOT NULL DEFAULT 0,
        created_count integer NOT NULL DEFAULT 0,
        updated_count integer NOT NULL DEFAULT 0,
        skipped_count integer NOT NULL DEFAULT 0,
        rejected_count integer NOT NULL DEFAULT 0,
        bytes_read bigint NOT NULL DEFAULT 0,
        progress smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        timings jsonb NOT NULL DEFAULT '{}',
        error text,
        correlation_id text,
        requested_by uuid NOT NULL,
        actor jsonb NOT NULL,
        worker_token uuid,
        attempts integer NOT NULL DEFAULT 0,
        heartbeat_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX import_job_by_tenant ON contacts.import_job (tenant_id, created_at DESC, id DESC)');
    // The workers' queue: only unfinished jobs, oldest first.
    await queryRunner.query("CREATE INDEX import_job_pending ON contacts.import_job (created_at) WHERE status IN ('queued', 'running')");

    await queryRunner.query(`
      CREATE TABLE contacts.import_rejected_row (
        job_id uuid NOT NULL REFERENCES contacts.import_job(id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL,
        row_number integer NOT NULL,
        raw text NOT NULL,
        reason text NOT NULL,
        PRIMARY KEY (job_id, row_number)
      )`);

    // Dedupe on tax id compares "900.123.456-7" and "9001234567" as the same NIT.
    await queryRunner.query("CREATE INDEX contact_tax_id_key ON contacts.contact (tenant_id, upper(regexp_replace(tax_id, '[^0-9A-Za-z]', '', 'g'))) WHERE tax_id IS NOT NULL");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX contacts.contact_tax_id_key');
    await queryRunner.query('DROP TABLE contacts.import_rejected_row');
    await queryRunner.query('DROP TABLE contacts.import_job');
  }
}
