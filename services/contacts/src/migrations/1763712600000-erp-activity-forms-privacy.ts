import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ERP account status and purchase history, timeline entries reported by other services and
 * the ERP, web-to-lead forms, and what anonymisation needs. Money is `numeric` (exact); the
 * ERP's ids are `text` (they need not be UUIDs).
 */
export class ErpActivityFormsPrivacy1763712600000 implements MigrationInterface {
  name = 'ErpActivityFormsPrivacy1763712600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Timeline entries that other systems report about a contact (invoices, payments,
    // opportunities, tickets, web-form submissions). The contact's own history stays in contact_change.
    await queryRunner.query(`
      CREATE TABLE contacts.contact_activity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        contact_id uuid NOT NULL REFERENCES contacts.contact(id) ON DELETE CASCADE,
        source text NOT NULL CHECK (source IN ('erp', 'opportunities', 'tickets', 'web-form')),
        kind text NOT NULL,
        title text NOT NULL,
        occurred_at timestamptz NOT NULL,
        reference_id text,
        actor_id uuid,
        details jsonb NOT NULL DEFAULT '{}',
        message_id text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX contact_activity_timeline ON contacts.contact_activity (tenant_id, contact_id, occurred_at DESC, id DESC)');
    // The timeline pages contact_change by the same keyset.
    await queryRunner.query('CREATE INDEX contact_change_keyset ON contacts.contact_change (tenant_id, contact_id, occurred_at DESC, id DESC)');

    await queryRunner.query(`
      CREATE TABLE contacts.account_status (
        contact_id uuid PRIMARY KEY REFERENCES contacts.contact(id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL,
        currency text,
        balance numeric,
        overdue_amount numeric,
        credit_limit numeric,
        statement_as_of timestamptz,
        last_invoice_number text,
        last_invoice_at timestamptz,
        last_invoice_amount numeric,
        last_invoice_currency text,
        last_payment_reference text,
        last_payment_at timestamptz,
        last_payment_amount numeric,
        last_payment_currency text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX account_status_tenant ON contacts.account_status (tenant_id)');

    // Purchase history: one row per ERP invoice or payment, upserted on the ERP's own id.
    await queryRunner.query(`
      CREATE TABLE contacts.account_movement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        contact_id uuid NOT NULL REFERENCES contacts.contact(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('invoice', 'payment')),
        erp_id text NOT NULL,
        number text,
        occurred_at timestamptz NOT NULL,
        due_date date,
        amount numeric NOT NULL,
        currency text NOT NULL,
        erp_status text NOT NULL,
        paid_amount numeric NOT NULL DEFAULT 0,
        method text,
        applied_to jsonb NOT NULL DEFAULT '[]',
        message_id text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT account_movement_erp_id UNIQUE (tenant_id, kind, erp_id)
      )`);
    await queryRunner.query('CREATE INDEX account_movement_history ON contacts.account_movement (tenant_id, contact_id, occurred_at DESC, id DESC)');

    // ERP events we could not attribute (unknown or ambiguous customer, invalid payload): kept
    // for an admin to look at instead of being retried forever.
    await queryRunner.query(`
      CREATE TABLE contacts.erp_unmatched (
        message_id text PRIMARY KEY,
        tenant_id uuid,
        event_type text NOT NULL,
        reason text NOT NULL CHECK (reason IN ('unknown_customer', 'ambiguous_customer', 'invalid')),
        detail text,
        crm_contact_id text,
        customer_tax_id text,
        envelope jsonb NOT NULL,
        received_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
    await queryRunner.query('CREATE INDEX erp_unmatched_tenant ON contacts.erp_unmatched (tenant_id, received_at DESC, message_id DESC)');

    await queryRunner.query(`
      CREATE TABLE contacts.web_form (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        name text NOT NULL,
        form_key text NOT NULL UNIQUE,
        source_id uuid NOT NULL REFERENCES contacts.source(id),
        default_team_id uuid,
        default_owner_id uuid,
        allowed_fields text[] NOT NULL,
        active boolean NOT NULL DEFAULT true,
        redirect_url text,
        thank_you_text text,
        submission_count integer NOT NULL DEFAULT 0,
        last_submission_at timestamptz,
        created_by uuid NOT NULL,
        updated_by uuid NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX web_form_keyset ON contacts.web_form (tenant_id, created_at DESC, id DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE contacts.web_form');
    await queryRunner.query('DROP TABLE contacts.erp_unmatched');
    await queryRunner.query('DROP TABLE contacts.account_movement');
    await queryRunner.query('DROP TABLE contacts.account_status');
    await queryRunner.query('DROP INDEX contacts.contact_change_keyset');
    await queryRunner.query('DROP TABLE contacts.contact_activity');
  }
}
