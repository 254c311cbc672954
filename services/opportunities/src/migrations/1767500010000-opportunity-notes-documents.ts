import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Notes (private = author only) and documents (bytes in S3) on opportunities. */
export class OpportunityNotesDocuments1767500010000 implements MigrationInterface {
  name = 'OpportunityNotesDocuments1767500010000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE opportunities.opportunity_note (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        opportunity_id uuid NOT NULL REFERENCES opportunities.opportunity (id) ON DELETE CASCADE,
        author_id uuid NOT NULL,
        visibility text NOT NULL CHECK (visibility IN ('private', 'shared')),
        body text NOT NULL,
        remind_at timestamptz,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX opportunity_note_idx ON opportunities.opportunity_note (tenant_id, opportunity_id, created_at DESC, id DESC)');
    await queryRunner.query(`
      CREATE TABLE opportunities.opportunity_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        opportunity_id uuid NOT NULL REFERENCES opportunities.opportunity (id) ON DELETE CASCADE,
        file_name text NOT NULL,
        content_type text NOT NULL,
        size_bytes bigint NOT NULL,
        object_key text NOT NULL,
        uploaded_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX opportunity_document_idx ON opportunities.opportunity_document (tenant_id, opportunity_id, created_at DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS opportunities.opportunity_document');
    await queryRunner.query('DROP TABLE IF EXISTS opportunities.opportunity_note');
  }
}
