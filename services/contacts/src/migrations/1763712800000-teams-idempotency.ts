import type { MigrationInterface, QueryRunner } from 'typeorm';
import { idempotencyMigrationSql } from '@crm/database';

/**
 * Issue #6: the teams contacts knows (from identity events: users' team ids), so a record is put
 * only in a team that exists; and Idempotency-Key scoped to the caller with a fingerprint of the
 * request (the libs/database table). Old keys had neither caller nor fingerprint and cannot be
 * carried over safely: they are dropped (a client retrying across this upgrade may create twice).
 */
export class TeamsIdempotency1763712800000 implements MigrationInterface {
  name = 'TeamsIdempotency1763712800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE contacts.team_ref (
        tenant_id uuid NOT NULL,
        team_id uuid NOT NULL,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, team_id)
      )`);
    await queryRunner.query('INSERT INTO contacts.team_ref (tenant_id, team_id) SELECT DISTINCT tenant_id, unnest(team_ids) FROM contacts.user_ref ON CONFLICT DO NOTHING');
    for (const statement of idempotencyMigrationSql('contacts').up) await queryRunner.query(statement);
    await queryRunner.query('DROP TABLE contacts.idempotency_key');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE contacts.idempotency_key (
        tenant_id uuid NOT NULL,
        key text NOT NULL,
        resource_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, key)
      )`);
    for (const statement of idempotencyMigrationSql('contacts').down) await queryRunner.query(statement);
    await queryRunner.query('DROP TABLE contacts.team_ref');
  }
}
