import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * S3 objects to delete once a transaction committed (anonymisation): recorded in the same
 * transaction as the change, deleted after the commit, and retried from here when S3 failed,
 * so an object is neither deleted for a change that rolled back nor forgotten.
 */
export class ObjectRemoval1763712750000 implements MigrationInterface {
  name = 'ObjectRemoval1763712750000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE contacts.object_removal (
        object_key text PRIMARY KEY,
        tenant_id uuid NOT NULL,
        reason text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX object_removal_due ON contacts.object_removal (next_attempt_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE contacts.object_removal');
  }
}
