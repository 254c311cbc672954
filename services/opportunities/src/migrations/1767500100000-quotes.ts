import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #7 quotes (presupuestos): one row per quote with its current lines (jsonb: inputs and the
 * computed figures) and totals as numeric(18,2); earlier revisions kept whole in quote_revision;
 * a counter per tenant and year gives gapless numbers (COT-2026-000123): the creating
 * transaction increments and locks the counter row, so a rolled-back creation frees its number.
 */
export class Quotes1767500100000 implements MigrationInterface {
  name = 'Quotes1767500100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`
      CREATE TABLE opportunities.quote_counter (
        tenant_id uuid NOT NULL,
        year int NOT NULL,
        last_value int NOT NULL,
        PRIMARY KEY (tenant_id, year)
      )`);
    await q(`
      CREATE TABLE opportunities.quote (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        opportunity_id uuid NOT NULL REFERENCES opportunities.opportunity (id),
        contact_id uuid NOT NULL,
        number text NOT NULL,
        revision int NOT NULL DEFAULT 1,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'accepted', 'rejected', 'expired')),
        currency char(3) NOT NULL,
        valid_until date NOT NULL,
        terms text,
        lines jsonb NOT NULL,
        subtotal numeric(18,2) NOT NULL,
        discount_total numeric(18,2) NOT NULL,
        tax_total numeric(18,2) NOT NULL,
        total numeric(18,2) NOT NULL,
        taxes jsonb NOT NULL,
        sent_at timestamptz,
        accepted_at timestamptz,
        rejected_at timestamptz,
        rejection_reason text,
        erp_order_id text,
        erp_order_number text,
        created_by uuid NOT NULL,
        updated_by uuid NOT NULL,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q('CREATE UNIQUE INDEX quote_number_uq ON opportunities.quote (tenant_id, number)');
    await q('CREATE INDEX quote_opportunity_idx ON opportunities.quote (tenant_id, opportunity_id, created_at, id)');
    await q(`
      CREATE TABLE opportunities.quote_revision (
        quote_id uuid NOT NULL REFERENCES opportunities.quote (id),
        revision int NOT NULL,
        tenant_id uuid NOT NULL,
        snapshot jsonb NOT NULL,
        replaced_by uuid NOT NULL,
        replaced_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (quote_id, revision)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE opportunities.quote_revision');
    await queryRunner.query('DROP TABLE opportunities.quote');
    await queryRunner.query('DROP TABLE opportunities.quote_counter');
  }
}
