import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rateLimitMigrationSql } from '@crm/database';

/** Web-form submission counters shared by every contacts replica (libs/database rate-limit). */
export class RateLimits1763719900000 implements MigrationInterface {
  name = 'RateLimits1763719900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of rateLimitMigrationSql('contacts').up) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of rateLimitMigrationSql('contacts').down) await queryRunner.query(sql);
  }
}
