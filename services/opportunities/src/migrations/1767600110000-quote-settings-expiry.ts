import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #7 per-tenant quote issuer settings (PDF header and footer, and the tenant's time zone
 * that decides when a quote's validity date is over) and quote expiry (`expired_at`; the
 * partial index holds the sent quotes the expiry scheduler looks at).
 */
export class QuoteSettingsExpiry1767600110000 implements MigrationInterface {
  name = 'QuoteSettingsExpiry1767600110000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE opportunities.quote_settings (
        tenant_id uuid PRIMARY KEY,
        company_name text NOT NULL,
        tax_id text,
        address text,
        phone text,
        email text,
        footer_terms text,
        time_zone text NOT NULL DEFAULT 'America/Bogota',
        version int NOT NULL DEFAULT 1,
        updated_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('ALTER TABLE opportunities.quote ADD COLUMN expired_at timestamptz');
    await queryRunner.query("CREATE INDEX quote_sent_validity_idx ON opportunities.quote (valid_until) WHERE status = 'sent'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX IF EXISTS opportunities.quote_sent_validity_idx');
    await queryRunner.query('ALTER TABLE opportunities.quote DROP COLUMN expired_at');
    await queryRunner.query('DROP TABLE opportunities.quote_settings');
  }
}
