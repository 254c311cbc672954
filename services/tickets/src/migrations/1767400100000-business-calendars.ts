import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Business calendars: the tenant's zone, opening hours per weekday, Colombian holidays on or off
 * and extra non-working days. One default per tenant (seeded on first use), which the legal clock
 * uses; SLA policies may name another.
 */
export class BusinessCalendars1767400100000 implements MigrationInterface {
  name = 'BusinessCalendars1767400100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE tickets.business_calendar (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        name text NOT NULL,
        time_zone text NOT NULL DEFAULT 'America/Bogota',
        weekly_hours jsonb NOT NULL,
        colombian_holidays boolean NOT NULL DEFAULT true,
        extra_non_working_days jsonb NOT NULL DEFAULT '[]',
        is_default boolean NOT NULL DEFAULT false
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX business_calendar_default ON tickets.business_calendar (tenant_id) WHERE is_default');
    await queryRunner.query('CREATE UNIQUE INDEX business_calendar_name ON tickets.business_calendar (tenant_id, lower(name))');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE tickets.business_calendar');
  }
}
