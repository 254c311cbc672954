import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Public filing, tracking and satisfaction (issue #8 §6-7):
 * - `pqr_portal`: one per tenant; its `portal_key` (random, rotatable) is what the company's
 *   public PQR page sends, since a public request carries no token to name the tenant.
 * - `ticket_satisfaction`: one CSAT answer per ticket (the primary key makes a second one a
 *   409 even under concurrency), kept with the ticket's legal and SLA outcome at that moment.
 * - a plain index on `ticket.radicado`: tracking looks a radicado up before it knows the tenant
 *   (the token decides which ticket, if any, it is).
 */
export class PublicPqr1767400200000 implements MigrationInterface {
  name = 'PublicPqr1767400200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE tickets.pqr_portal (
        tenant_id uuid PRIMARY KEY,
        portal_key text NOT NULL UNIQUE,
        active boolean NOT NULL DEFAULT true,
        team_id uuid,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE tickets.ticket_satisfaction (
        ticket_id uuid PRIMARY KEY REFERENCES tickets.ticket(id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL,
        rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
        comment text,
        legal_outcome text,
        sla_outcome text,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX ticket_satisfaction_tenant ON tickets.ticket_satisfaction (tenant_id, recorded_at)');
    await queryRunner.query('CREATE INDEX ticket_radicado_lookup ON tickets.ticket (radicado)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX IF EXISTS tickets.ticket_radicado_lookup');
    await queryRunner.query('DROP TABLE IF EXISTS tickets.ticket_satisfaction');
    await queryRunner.query('DROP TABLE IF EXISTS tickets.pqr_portal');
  }
}
