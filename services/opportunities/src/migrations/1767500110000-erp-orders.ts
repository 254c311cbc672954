import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #7: sales orders the ERP created from accepted quotes (`sales.order.created`), linked
 * to the quote and its opportunity. Orders that name no known quote are kept unlinked.
 */
export class ErpOrders1767500110000 implements MigrationInterface {
  name = 'ErpOrders1767500110000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE opportunities.erp_sales_order (
        tenant_id uuid NOT NULL,
        order_id text NOT NULL,
        order_number text NOT NULL,
        quote_id uuid REFERENCES opportunities.quote (id),
        opportunity_id uuid REFERENCES opportunities.opportunity (id),
        quote_reference text,
        total_amount numeric(18,2),
        total_currency char(3),
        ordered_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, order_id)
      )`);
    await queryRunner.query('CREATE INDEX erp_sales_order_opportunity_idx ON opportunities.erp_sales_order (tenant_id, opportunity_id, ordered_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE opportunities.erp_sales_order');
  }
}
