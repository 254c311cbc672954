import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #7 activity reminders: when to remind (`remind_at` = due time − minutes before, fixed
 * when the activity is scheduled) and when the reminder went out. The partial index holds only
 * reminders still owed, so the scheduler's pass reads a handful of rows.
 */
export class ActivityReminders1767600100000 implements MigrationInterface {
  name = 'ActivityReminders1767600100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE opportunities.activity
        ADD COLUMN reminder_minutes_before int CHECK (reminder_minutes_before BETWEEN 0 AND 10080),
        ADD COLUMN remind_at timestamptz,
        ADD COLUMN reminder_sent_at timestamptz`);
    await queryRunner.query("CREATE INDEX activity_reminder_due_idx ON opportunities.activity (remind_at) WHERE reminder_sent_at IS NULL AND status = 'pending'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX IF EXISTS opportunities.activity_reminder_due_idx');
    await queryRunner.query('ALTER TABLE opportunities.activity DROP COLUMN reminder_sent_at, DROP COLUMN remind_at, DROP COLUMN reminder_minutes_before');
  }
}
