import type { MigrationInterface, QueryRunner } from 'typeorm';
import { messagingMigrationSql } from '@crm/messaging';

export class InitialContacts1763712000000 implements MigrationInterface {
  name = 'InitialContacts1763712000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE contacts.contact (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        kind text NOT NULL CHECK (kind IN ('person', 'organization')),
        lifecycle text NOT NULL CHECK (lifecycle IN ('contact', 'prospect', 'customer', 'supplier')),
        first_name text,
        last_name text,
        company_name text,
        display_name text NOT NULL,
        email text,
        phone text,
        position text,
        tax_id text,
        city text,
        country text,
        tags text[] NOT NULL DEFAULT '{}',
        owner_id uuid,
        team_id uuid,
        shared_with_team boolean NOT NULL DEFAULT true,
        created_by uuid NOT NULL,
        updated_by uuid NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX contact_keyset_created ON contacts.contact (tenant_id, created_at, id)');
    await queryRunner.query('CREATE INDEX contact_keyset_name ON contacts.contact (tenant_id, display_name, id)');
    await queryRunner.query('CREATE INDEX contact_owner ON contacts.contact (tenant_id, owner_id)');
    await queryRunner.query('CREATE INDEX contact_team ON contacts.contact (tenant_id, team_id)');
    await queryRunner.query('CREATE INDEX contact_email ON contacts.contact (tenant_id, lower(email)) WHERE email IS NOT NULL');
    await queryRunner.query("CREATE INDEX contact_search_trgm ON contacts.contact USING gin ((display_name || ' ' || coalesce(email, '')) public.gin_trgm_ops)");

    await queryRunner.query(`
      CREATE TABLE contacts.contact_change (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        contact_id uuid NOT NULL REFERENCES contacts.contact(id) ON DELETE CASCADE,
        kind text NOT NULL,
        actor_id uuid NOT NULL,
        changes jsonb NOT NULL DEFAULT '[]',
        details jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX contact_change_timeline ON contacts.contact_change (tenant_id, contact_id, occurred_at)');

    await queryRunner.query(`
      CREATE TABLE contacts.contact_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        contact_id uuid NOT NULL REFERENCES contacts.contact(id) ON DELETE CASCADE,
        file_name text NOT NULL,
        content_type text NOT NULL,
        size_bytes bigint NOT NULL,
        object_key text NOT NULL UNIQUE,
        uploaded_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX contact_document_by_contact ON contacts.contact_document (tenant_id, contact_id, created_at)');

    await queryRunner.query(`
      CREATE TABLE contacts.user_ref (
        user_id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        name text NOT NULL,
        team_ids uuid[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL,
        source_version integer NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX user_ref_tenant ON contacts.user_ref (tenant_id)');

    // A client-chosen Idempotency-Key maps to the record its first request created.
    await queryRunner.query(`
      CREATE TABLE contacts.idempotency_key (
        tenant_id uuid NOT NULL,
        key text NOT NULL,
        resource_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, key)
      )`);

    for (const statement of messagingMigrationSql('contacts').up) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of messagingMigrationSql('contacts').down) await queryRunner.query(statement);
    await queryRunner.query('DROP TABLE contacts.idempotency_key');
    await queryRunner.query('DROP TABLE contacts.user_ref');
    await queryRunner.query('DROP TABLE contacts.contact_document');
    await queryRunner.query('DROP TABLE contacts.contact_change');
    await queryRunner.query('DROP TABLE contacts.contact');
  }
}
