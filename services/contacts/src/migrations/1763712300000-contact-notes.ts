import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notes on contacts (and companies): private (author only) or shared, an optional interest and
 * an optional reminder date (fecha de aviso). Deleting a note removes the row (no soft delete:
 * a deleted private note leaves nothing behind). `created_at` has millisecond precision so a
 * keyset cursor built from a JavaScript Date matches the stored value exactly.
 */
export class ContactNotes1763712300000 implements MigrationInterface {
  name = 'ContactNotes1763712300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE contacts.contact_note (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        contact_id uuid NOT NULL REFERENCES contacts.contact(id) ON DELETE CASCADE,
        author_id uuid NOT NULL,
        body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 10000),
        visibility text NOT NULL CHECK (visibility IN ('private', 'shared')),
        interest_id uuid,
        remind_at timestamptz,
        remind_audience text CHECK (remind_audience IN ('author', 'team')),
        reminder_sent_at timestamptz,
        updated_by uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT contact_note_reminder_pair CHECK ((remind_at IS NULL) = (remind_audience IS NULL)),
        CONSTRAINT contact_note_private_reminds_author CHECK (visibility = 'shared' OR remind_audience IS DISTINCT FROM 'team')
      )`);
    await queryRunner.query('CREATE INDEX contact_note_by_contact ON contacts.contact_note (tenant_id, contact_id, created_at DESC, id DESC)');
    await queryRunner.query('CREATE INDEX contact_note_by_author ON contacts.contact_note (tenant_id, author_id)');
    // The reminder scheduler's scan: only notes still owing a reminder are in the index.
    await queryRunner.query('CREATE INDEX contact_note_reminder_due ON contacts.contact_note (remind_at) WHERE remind_at IS NOT NULL AND reminder_sent_at IS NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE contacts.contact_note');
  }
}
