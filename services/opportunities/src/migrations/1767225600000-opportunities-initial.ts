import { messagingMigrationSql } from '@crm/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const SCHEMA = 'opportunities';

/** The messaging tables (outbox, inbox, dead letters); feature tables come with their features. */
export class OpportunitiesInitial1767225600000 implements MigrationInterface {
  name = 'OpportunitiesInitial1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of messagingMigrationSql(SCHEMA).up) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of messagingMigrationSql(SCHEMA).down) await queryRunner.query(sql);
  }
}
