import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #7 quotes: an e-mail may carry one attachment stored in S3 (the quote's PDF). The row
 * keeps its object key, file name and type; the bytes are read from S3 when the mail is sent.
 */
export class EmailAttachments1767500120000 implements MigrationInterface {
  name = 'EmailAttachments1767500120000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notifications.email_delivery ADD COLUMN attachment_key text, ADD COLUMN attachment_name text, ADD COLUMN attachment_type text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE notifications.email_delivery DROP COLUMN attachment_key, DROP COLUMN attachment_name, DROP COLUMN attachment_type');
  }
}
