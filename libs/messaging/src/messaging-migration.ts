import type { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxChannel, quoteIdent } from './sql-identifier.js';

/**
 * The messaging tables of one service schema. A service runs `up` from its first TypeORM
 * migration (`for (const sql of up) await queryRunner.query(sql)`) and `down` to revert.
 *
 * Choices worth knowing:
 * - `occurred_at` defaults to clock_timestamp(), not now(): now() is the transaction start, so
 *   several events of one transaction would tie and the relay's ORDER BY would not keep them in order.
 * - `inbox_message.message_id` and `dead_letter.message_id` are text: a CloudEvents id is any
 *   non-empty string, and the ERP's ids need not be UUIDs. Ours are UUIDs all the same.
 * - An AFTER INSERT statement trigger sends NOTIFY `<schema>_outbox`, so every insert path
 *   wakes the relay (delivered at commit; duplicates inside one transaction fold into one).
 * - A row that fails to publish waits until `next_attempt_at` (exponential backoff) while later
 *   rows flow; after the attempt limit it gets `parked_at` and a `dead_letter` row with
 *   `origin = 'outbox'`, where the admin replays it.
 */
export function messagingMigrationSql(schema: string): { up: string[]; down: string[] } {
  const s = quoteIdent(schema);
  const channel = outboxChannel(schema);
  const up = [
    `CREATE TABLE IF NOT EXISTS ${s}.outbox_message (
      id uuid PRIMARY KEY,
      event_type text NOT NULL,
      tenant_id uuid NOT NULL,
      subject text NOT NULL,
      envelope jsonb NOT NULL,
      occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      published_at timestamptz NULL,
      attempts integer NOT NULL DEFAULT 0,
      last_error text NULL,
      next_attempt_at timestamptz NULL,
      parked_at timestamptz NULL
    )`,
    // For schemas created before per-row backoff (no-ops on a fresh table).
    `ALTER TABLE ${s}.outbox_message ADD COLUMN IF NOT EXISTS next_attempt_at timestamptz NULL`,
    `ALTER TABLE ${s}.outbox_message ADD COLUMN IF NOT EXISTS parked_at timestamptz NULL`,
    `CREATE INDEX IF NOT EXISTS outbox_message_unpublished_idx ON ${s}.outbox_message (occurred_at) WHERE published_at IS NULL`,
    `CREATE INDEX IF NOT EXISTS outbox_message_published_idx ON ${s}.outbox_message (published_at) WHERE published_at IS NOT NULL`,
    `CREATE OR REPLACE FUNCTION ${s}.outbox_message_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('${channel}', '');
      RETURN NULL;
    END
    $$`,
    `CREATE OR REPLACE TRIGGER outbox_message_notify AFTER INSERT ON ${s}.outbox_message
      FOR EACH STATEMENT EXECUTE FUNCTION ${s}.outbox_message_notify()`,
    // Published events older than the outbox retention move here (MessagingHousekeeper) instead of
    // being deleted: the history a read-model rebuild replays (OutboxReplayer).
    ...outboxArchiveSql(schema),
    `CREATE TABLE IF NOT EXISTS ${s}.inbox_message (
      message_id text NOT NULL,
      consumer text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (message_id, consumer)
    )`,
    `CREATE INDEX IF NOT EXISTS inbox_message_received_idx ON ${s}.inbox_message (received_at)`,
    `CREATE TABLE IF NOT EXISTS ${s}.dead_letter (
      id uuid PRIMARY KEY,
      message_id text NULL,
      routing_key text NOT NULL,
      tenant_id text NULL,
      envelope jsonb NULL,
      raw_body text NULL,
      properties jsonb NOT NULL DEFAULT '{}'::jsonb,
      headers jsonb NOT NULL DEFAULT '{}'::jsonb,
      reason text NOT NULL,
      failed_at timestamptz NOT NULL DEFAULT now(),
      replayed_at timestamptz NULL,
      replay_count integer NOT NULL DEFAULT 0,
      origin text NOT NULL DEFAULT 'consumer'
    )`,
    `ALTER TABLE ${s}.dead_letter ADD COLUMN IF NOT EXISTS origin text NOT NULL DEFAULT 'consumer'`,
    `CREATE INDEX IF NOT EXISTS dead_letter_failed_idx ON ${s}.dead_letter (failed_at DESC, id DESC)`,
    `CREATE INDEX IF NOT EXISTS dead_letter_tenant_failed_idx ON ${s}.dead_letter (tenant_id, failed_at DESC, id DESC)`,
  ];
  const down = [
    `DROP TABLE IF EXISTS ${s}.dead_letter`,
    `DROP TABLE IF EXISTS ${s}.inbox_message`,
    `DROP TABLE IF EXISTS ${s}.outbox_archive`,
    `DROP TABLE IF EXISTS ${s}.outbox_message`,
    `DROP FUNCTION IF EXISTS ${s}.outbox_message_notify()`,
  ];
  return { up, down };
}

/**
 * The outbox archive alone: a service whose schema predates it adds it with a migration running
 * these statements (idempotent).
 */
export function outboxArchiveSql(schema: string): string[] {
  const s = quoteIdent(schema);
  return [
    `CREATE TABLE IF NOT EXISTS ${s}.outbox_archive (
      id uuid PRIMARY KEY,
      event_type text NOT NULL,
      tenant_id uuid NOT NULL,
      envelope jsonb NOT NULL,
      occurred_at timestamptz NOT NULL,
      published_at timestamptz NOT NULL
    )`,
    `CREATE INDEX IF NOT EXISTS outbox_archive_tenant_idx ON ${s}.outbox_archive (tenant_id, occurred_at)`,
  ];
}

/**
 * The migration that gives a schema created before the outbox archive its `outbox_archive` table
 * (new schemas already get it from `messagingMigrationSql`). Each service lists it once, after
 * its own migrations; it is idempotent, and `down` keeps the table (it holds replayable history).
 */
export function outboxArchiveMigration(schema: string): new () => MigrationInterface {
  return class OutboxArchive1781200000000 implements MigrationInterface {
    name = 'OutboxArchive1781200000000';

    async up(queryRunner: QueryRunner): Promise<void> {
      for (const sql of outboxArchiveSql(schema)) await queryRunner.query(sql);
    }

    async down(): Promise<void> {
      // Keeps the archive: dropping it would lose the events a rebuild replays.
    }
  };
}
