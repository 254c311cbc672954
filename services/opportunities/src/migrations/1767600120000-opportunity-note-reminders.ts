import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #7 reminder e-mails for opportunity notes (fecha de aviso), as contacts does for its
 * notes: `reminder_sent_at` marks a reminder published (cleared when the date moves); the
 * partial index holds only reminders still owed.
 */
export class OpportunityNoteReminders1767600120000 implements MigrationInterface {
  name = 'OpportunityNoteReminders1767600120000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE opportunities.opportunity_note ADD COLUMN reminder_sent_at timestamptz');
    await queryRunner.query('CREATE INDEX opportunity_note_reminder_due_idx ON opportunities.opportunity_note (remind_at) WHERE remind_at IS NOT NULL AND reminder_sent_at IS NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX IF EXISTS opportunities.opportunity_note_reminder_due_idx');
    await queryRunner.query('ALTER TABLE opportunities.opportunity_note DROP COLUMN reminder_sent_at');
  }
}
