import type { MigrationInterface, QueryRunner } from 'typeorm';

const SCHEMA = 'notifications';

/**
 * The public tracking link of each ticket, as `tickets.ticket.created` carried it. The tickets
 * service keeps only a hash of the token, so later e-mails to the requester (replies, extension,
 * satisfaction survey) take the link from here when their event has none.
 */
export class TicketTrackingLinks1767400200000 implements MigrationInterface {
  name = 'TicketTrackingLinks1767400200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ${SCHEMA}.ticket_tracking_link (
        tenant_id uuid NOT NULL,
        ticket_id uuid NOT NULL,
        radicado text NOT NULL,
        tracking_url text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, ticket_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS ${SCHEMA}.ticket_tracking_link`);
  }
}
