import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ticket chat (issue #9): read receipts. One row per reader of a conversation — each staff member
 * (reader_id = the user) and the requester (reader_id NULL) — with the last message they read.
 * Message bodies keep their source text; the safe HTML is rendered on read.
 */
export class TicketChat1767600100000 implements MigrationInterface {
  name = 'TicketChat1767600100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE tickets.ticket_read_receipt (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        ticket_id uuid NOT NULL REFERENCES tickets.ticket(id) ON DELETE CASCADE,
        reader_kind text NOT NULL CHECK (reader_kind IN ('staff', 'requester')),
        reader_id uuid,
        reader_first_name text,
        last_read_message_id uuid NOT NULL REFERENCES tickets.ticket_message(id) ON DELETE CASCADE,
        read_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CHECK ((reader_kind = 'staff') = (reader_id IS NOT NULL))
      )`);
    await queryRunner.query(
      "CREATE UNIQUE INDEX ticket_read_receipt_reader ON tickets.ticket_read_receipt (ticket_id, reader_kind, coalesce(reader_id, '00000000-0000-0000-0000-000000000000'::uuid))",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS tickets.ticket_read_receipt');
  }
}
