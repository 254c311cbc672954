import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Canned responses (issue #9): personal (the owner only), team (the team's members; its managers
 * and admins manage them) and tenant-wide defaults (seeded in Spanish the first time a tenant
 * lists them; admins manage them). Soft-deleted so a seed is never planted twice.
 */
export class CannedResponses1767600110000 implements MigrationInterface {
  name = 'CannedResponses1767600110000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE tickets.canned_response (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        scope text NOT NULL CHECK (scope IN ('personal', 'team', 'tenant')),
        owner_id uuid,
        team_id uuid,
        title text NOT NULL,
        body text NOT NULL,
        seed_key text,
        version integer NOT NULL DEFAULT 1,
        created_by uuid,
        updated_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        CHECK ((scope = 'personal') = (owner_id IS NOT NULL)),
        CHECK ((scope = 'team') = (team_id IS NOT NULL))
      )`);
    await queryRunner.query('CREATE INDEX canned_response_by_tenant ON tickets.canned_response (tenant_id, scope, title) WHERE deleted_at IS NULL');
    await queryRunner.query('CREATE UNIQUE INDEX canned_response_seed ON tickets.canned_response (tenant_id, seed_key) WHERE seed_key IS NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS tickets.canned_response');
  }
}
