import { messagingMigrationSql } from '@crm/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const SCHEMA = 'notifications';

/**
 * Messaging tables (outbox, inbox, dead letters), the users projection, the e-mail delivery log
 * and the in-app feed. Timestamps the lists page on are `timestamptz(3)` (milliseconds) so a
 * keyset cursor built from a JavaScript Date matches the stored value exactly.
 */
export class NotificationsInitial1767225600000 implements MigrationInterface {
  name = 'NotificationsInitial1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of messagingMigrationSql(SCHEMA).up) await queryRunner.query(sql);

    await queryRunner.query(`
      CREATE TABLE ${SCHEMA}.user_projection (
        tenant_id uuid NOT NULL,
        user_id uuid NOT NULL,
        email text NOT NULL,
        name text NOT NULL,
        locale text NOT NULL DEFAULT 'es',
        active boolean NOT NULL DEFAULT true,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, user_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE ${SCHEMA}.email_delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        message_id text NOT NULL,
        recipient_user_id uuid NOT NULL,
        template text NOT NULL,
        locale text NOT NULL,
        to_address text NOT NULL,
        subject text NOT NULL,
        body_text text NOT NULL,
        body_html text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text NULL,
        provider_message_id text NULL,
        sent_at timestamptz NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT email_delivery_message_recipient_uq UNIQUE (message_id, recipient_user_id)
      )`);
    await queryRunner.query(`CREATE INDEX email_delivery_tenant_created_idx ON ${SCHEMA}.email_delivery (tenant_id, created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX email_delivery_tenant_status_idx ON ${SCHEMA}.email_delivery (tenant_id, status, created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX email_delivery_tenant_template_idx ON ${SCHEMA}.email_delivery (tenant_id, template, created_at DESC, id DESC)`);

    await queryRunner.query(`
      CREATE TABLE ${SCHEMA}.notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        user_id uuid NOT NULL,
        type text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        link text NULL,
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        source_message_id text NULL,
        read_at timestamptz NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notification_source_user_uq UNIQUE (source_message_id, user_id)
      )`);
    await queryRunner.query(`CREATE INDEX notification_feed_idx ON ${SCHEMA}.notification (tenant_id, user_id, created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX notification_unread_idx ON ${SCHEMA}.notification (tenant_id, user_id, created_at DESC, id DESC) WHERE read_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS ${SCHEMA}.notification`);
    await queryRunner.query(`DROP TABLE IF EXISTS ${SCHEMA}.email_delivery`);
    await queryRunner.query(`DROP TABLE IF EXISTS ${SCHEMA}.user_projection`);
    for (const sql of messagingMigrationSql(SCHEMA).down) await queryRunner.query(sql);
  }
}
