import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SLA policies: first-response and resolution targets in business minutes per priority and
 * optionally category, on a business calendar; one active policy per (priority, category).
 */
export class SlaPolicies1767400120000 implements MigrationInterface {
  name = 'SlaPolicies1767400120000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE tickets.sla_policy (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        name text NOT NULL,
        priority text NOT NULL CHECK (priority IN ('alta', 'media', 'baja')),
        category_id uuid REFERENCES tickets.ticket_category(id),
        calendar_id uuid REFERENCES tickets.business_calendar(id),
        first_response_minutes integer NOT NULL CHECK (first_response_minutes > 0),
        resolution_minutes integer NOT NULL CHECK (resolution_minutes > 0),
        warning_percent integer NOT NULL DEFAULT 75 CHECK (warning_percent BETWEEN 1 AND 99),
        raise_priority_on_breach boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true
      )`);
    await queryRunner.query(
      "CREATE UNIQUE INDEX sla_policy_target ON tickets.sla_policy (tenant_id, priority, coalesce(category_id, '00000000-0000-0000-0000-000000000000'::uuid)) WHERE active",
    );
    await queryRunner.query('CREATE TABLE tickets.sla_policy_seed (tenant_id uuid PRIMARY KEY, seeded_at timestamptz NOT NULL DEFAULT now())');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE tickets.sla_policy_seed');
    await queryRunner.query('DROP TABLE tickets.sla_policy');
  }
}
