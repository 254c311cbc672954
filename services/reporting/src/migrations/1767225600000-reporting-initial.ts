import { messagingMigrationSql } from '@crm/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const SCHEMA = 'reporting';

/**
 * Read models built from contacts events:
 * - contact_fact: what we know of each contact (lifecycle, owner, creation day) with the event
 *   version each field came from, so late or repeated events cannot move a count twice;
 * - contact_counter: running totals per tenant (metric + key, e.g. lifecycle/prospect), updated
 *   incrementally so the dashboard never counts rows;
 * - contact_daily: contacts created per tenant and calendar day.
 */
export class ReportingInitial1767225600000 implements MigrationInterface {
  name = 'ReportingInitial1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of messagingMigrationSql(SCHEMA).up) await queryRunner.query(sql);

    await queryRunner.query(`
      CREATE TABLE ${SCHEMA}.contact_fact (
        tenant_id uuid NOT NULL,
        contact_id uuid NOT NULL,
        created boolean NOT NULL DEFAULT false,
        created_day date NULL,
        lifecycle text NULL,
        lifecycle_version integer NOT NULL DEFAULT 0,
        owner_id uuid NULL,
        owner_version integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, contact_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE ${SCHEMA}.contact_counter (
        tenant_id uuid NOT NULL,
        metric text NOT NULL,
        key text NOT NULL DEFAULT '',
        value bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, metric, key)
      )`);

    await queryRunner.query(`
      CREATE TABLE ${SCHEMA}.contact_daily (
        tenant_id uuid NOT NULL,
        day date NOT NULL,
        created_count integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, day)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS ${SCHEMA}.contact_daily`);
    await queryRunner.query(`DROP TABLE IF EXISTS ${SCHEMA}.contact_counter`);
    await queryRunner.query(`DROP TABLE IF EXISTS ${SCHEMA}.contact_fact`);
    for (const sql of messagingMigrationSql(SCHEMA).down) await queryRunner.query(sql);
  }
}
