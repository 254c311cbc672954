import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rateLimitMigrationSql } from '@crm/database';

/** Login and public-endpoint counters shared by every gateway replica (libs/database rate-limit). */
export class RateLimits1767000100000 implements MigrationInterface {
  name = 'RateLimits1767000100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of rateLimitMigrationSql('identity').up) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of rateLimitMigrationSql('identity').down) await queryRunner.query(sql);
  }
}
