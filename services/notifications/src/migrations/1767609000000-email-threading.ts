import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #9 e-mail to ticket: ticket e-mails thread in the requester's mail client. A delivery row
 * may carry its Message-ID (verifiable `<t.<ticketId>…@domain>`, see libs/common ticket-mail-id)
 * and the In-Reply-To / References it answers; rows without them keep `<row id@domain>`.
 */
export class EmailThreading1767609000000 implements MigrationInterface {
  name = 'EmailThreading1767609000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notifications.email_delivery ADD COLUMN message_id_header text, ADD COLUMN in_reply_to_header text, ADD COLUMN references_header text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE notifications.email_delivery DROP COLUMN message_id_header, DROP COLUMN in_reply_to_header, DROP COLUMN references_header');
  }
}
