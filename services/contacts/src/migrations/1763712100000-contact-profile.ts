import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The full contact profile: several e-mails and phones, address, segmentation, company, consent. */
export class ContactProfile1763712100000 implements MigrationInterface {
  name = 'ContactProfile1763712100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE contacts.contact
        ADD COLUMN emails jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN phones jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN linkedin_url text,
        ADD COLUMN website text,
        ADD COLUMN street text,
        ADD COLUMN region text,
        ADD COLUMN postal_code text,
        ADD COLUMN industry text,
        ADD COLUMN category text,
        ADD COLUMN interest_level text CHECK (interest_level IN ('low', 'medium', 'high')),
        ADD COLUMN priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high')),
        ADD COLUMN source_id uuid,
        ADD COLUMN company_id uuid REFERENCES contacts.contact(id) ON DELETE SET NULL,
        ADD COLUMN marketing_consent boolean NOT NULL DEFAULT false,
        ADD COLUMN consent_at timestamptz,
        ADD COLUMN consent_channel text,
        ADD COLUMN converted_at timestamptz,
        ADD COLUMN converted_by uuid,
        ADD COLUMN anonymized_at timestamptz`);
    // Existing rows: their single e-mail and phone become the primary entries.
    await queryRunner.query(`UPDATE contacts.contact SET
        emails = CASE WHEN email IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_build_object('value', email, 'label', 'work', 'primary', true)) END,
        phones = CASE WHEN phone IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_build_object('value', phone, 'label', 'mobile', 'primary', true)) END`);
    await queryRunner.query('CREATE INDEX contact_company ON contacts.contact (tenant_id, company_id) WHERE company_id IS NOT NULL');
    await queryRunner.query('CREATE INDEX contact_tax_id ON contacts.contact (tenant_id, tax_id) WHERE tax_id IS NOT NULL');
    await queryRunner.query('CREATE INDEX contact_phone ON contacts.contact (tenant_id, phone) WHERE phone IS NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX contacts.contact_phone');
    await queryRunner.query('DROP INDEX contacts.contact_tax_id');
    await queryRunner.query('DROP INDEX contacts.contact_company');
    await queryRunner.query(`ALTER TABLE contacts.contact
      DROP COLUMN emails, DROP COLUMN phones, DROP COLUMN linkedin_url, DROP COLUMN website, DROP COLUMN street,
      DROP COLUMN region, DROP COLUMN postal_code, DROP COLUMN industry, DROP COLUMN category, DROP COLUMN interest_level,
      DROP COLUMN priority, DROP COLUMN source_id, DROP COLUMN company_id, DROP COLUMN marketing_consent,
      DROP COLUMN consent_at, DROP COLUMN consent_channel, DROP COLUMN converted_at, DROP COLUMN converted_by, DROP COLUMN anonymized_at`);
  }
}
