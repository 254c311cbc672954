import type { MigrationInterface, QueryRunner } from 'typeorm';

const SCHEMA = 'notifications';

/** Per-user notification preferences (a row only where the user changed the default: both channels on). */
export class PreferencesLiveFeed1767600300000 implements MigrationInterface {
  name = 'PreferencesLiveFeed1767600300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ${SCHEMA}.notification_preference (
        tenant_id uuid NOT NULL,
        user_id uuid NOT NULL,
        template text NOT NULL,
        email boolean NOT NULL,
        in_app boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, user_id, template)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS ${SCHEMA}.notification_preference`);
  }
}
