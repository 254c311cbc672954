import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ticket merge (issue #9): a message or file moved from a duplicate remembers the ticket it came
 * from (the conversation shows "from PQR-…"); the duplicate itself points at the primary with the
 * existing `merged_into_id`.
 */
export class TicketMerge1767600120000 implements MigrationInterface {
  name = 'TicketMerge1767600120000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE tickets.ticket_message ADD COLUMN merged_from_ticket_id uuid REFERENCES tickets.ticket(id)');
    await queryRunner.query('ALTER TABLE tickets.ticket_attachment ADD COLUMN merged_from_ticket_id uuid REFERENCES tickets.ticket(id)');
    await queryRunner.query('CREATE INDEX ticket_merged_into ON tickets.ticket (merged_into_id) WHERE merged_into_id IS NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX IF EXISTS tickets.ticket_merged_into');
    await queryRunner.query('ALTER TABLE tickets.ticket_attachment DROP COLUMN IF EXISTS merged_from_ticket_id');
    await queryRunner.query('ALTER TABLE tickets.ticket_message DROP COLUMN IF EXISTS merged_from_ticket_id');
  }
}
