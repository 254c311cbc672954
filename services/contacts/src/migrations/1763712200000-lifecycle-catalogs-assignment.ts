import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lifecycle (customer/supplier since, an organisation's primary person), the catalogues an admin
 * manages (sources of capture, interests, the contact ↔ interest join), round-robin assignment
 * rules per team, and the users' roles in the user projection (to find a team's sales people).
 */
export class LifecycleCatalogsAssignment1763712200000 implements MigrationInterface {
  name = 'LifecycleCatalogsAssignment1763712200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Being a customer and being a supplier are kept apart from `lifecycle` (the latest
    // conversion), so a customer who also supplies us is both, and neither is ever forgotten.
    await queryRunner.query(`
      ALTER TABLE contacts.contact
        ADD COLUMN customer_since timestamptz,
        ADD COLUMN supplier_since timestamptz,
        ADD COLUMN primary_contact_id uuid REFERENCES contacts.contact(id) ON DELETE SET NULL`);
    // GET /companies: organisations by name without walking every person.
    await queryRunner.query("CREATE INDEX contact_company_keyset_name ON contacts.contact (tenant_id, display_name, id) WHERE kind = 'organization'");
    await queryRunner.query(`UPDATE contacts.contact SET customer_since = coalesce(converted_at, created_at) WHERE lifecycle = 'customer'`);
    await queryRunner.query(`UPDATE contacts.contact SET supplier_since = coalesce(converted_at, created_at) WHERE lifecycle = 'supplier'`);

    await queryRunner.query(`
      CREATE TABLE contacts.source (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
        notes text,
        channel text NOT NULL CHECK (channel IN ('web', 'trade_show', 'referral', 'social_media', 'phone', 'email', 'advertising', 'partner', 'other')),
        cost_amount numeric(18, 2) CHECK (cost_amount >= 0),
        cost_currency char(3),
        period_from date,
        period_to date,
        active boolean NOT NULL DEFAULT true,
        is_default boolean NOT NULL DEFAULT false,
        created_by uuid NOT NULL,
        updated_by uuid NOT NULL,
        CONSTRAINT source_cost_pair CHECK ((cost_amount IS NULL) = (cost_currency IS NULL)),
        CONSTRAINT source_period_pair CHECK ((period_from IS NULL) = (period_to IS NULL) AND (period_from IS NULL OR period_from <= period_to))
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX source_name ON contacts.source (tenant_id, lower(name))');

    await queryRunner.query(`
      CREATE TABLE contacts.interest (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
        description text,
        active boolean NOT NULL DEFAULT true,
        created_by uuid NOT NULL,
        updated_by uuid NOT NULL
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX interest_name ON contacts.interest (tenant_id, lower(name))');

    // Which catalogues of a tenant already got their Spanish defaults (seeded once, lazily).
    await queryRunner.query(`
      CREATE TABLE contacts.catalog_seed (
        tenant_id uuid NOT NULL,
        catalog text NOT NULL,
        seeded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, catalog)
      )`);

    await queryRunner.query(`
      CREATE TABLE contacts.contact_interest (
        contact_id uuid NOT NULL REFERENCES contacts.contact(id) ON DELETE CASCADE,
        interest_id uuid NOT NULL REFERENCES contacts.interest(id),
        tenant_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (contact_id, interest_id)
      )`);
    await queryRunner.query('CREATE INDEX contact_interest_by_interest ON contacts.contact_interest (tenant_id, interest_id, contact_id)');
    // Existing rows may hold source ids chosen before the catalogue existed: check new ones only.
    await queryRunner.query('ALTER TABLE contacts.contact ADD CONSTRAINT contact_source_fk FOREIGN KEY (source_id) REFERENCES contacts.source(id) NOT VALID');

    await queryRunner.query(`
      CREATE TABLE contacts.assignment_rule (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        team_id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        round_robin boolean NOT NULL DEFAULT false,
        member_ids uuid[],
        last_assigned_user_id uuid,
        updated_by uuid NOT NULL,
        UNIQUE (tenant_id, team_id)
      )`);

    // NULL = not known yet (projected before roles were kept); filled by the next user event.
    await queryRunner.query('ALTER TABLE contacts.user_ref ADD COLUMN roles text[]');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE contacts.user_ref DROP COLUMN roles');
    await queryRunner.query('DROP TABLE contacts.assignment_rule');
    await queryRunner.query('ALTER TABLE contacts.contact DROP CONSTRAINT contact_source_fk');
    await queryRunner.query('DROP TABLE contacts.contact_interest');
    await queryRunner.query('DROP TABLE contacts.catalog_seed');
    await queryRunner.query('DROP TABLE contacts.interest');
    await queryRunner.query('DROP TABLE contacts.source');
    await queryRunner.query('DROP INDEX contacts.contact_company_keyset_name');
    await queryRunner.query('ALTER TABLE contacts.contact DROP COLUMN primary_contact_id, DROP COLUMN supplier_since, DROP COLUMN customer_since');
  }
}
