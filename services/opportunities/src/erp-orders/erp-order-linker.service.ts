import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ErpSalesOrderCreatedData } from '@crm/contracts';

/** Stores an ERP sales order and links it to its quote (by id, else by number) and opportunity. */
@Injectable()
export class ErpOrderLinker {
  private readonly logger = new Logger(ErpOrderLinker.name);

  async link(em: EntityManager, tenantId: string, order: ErpSalesOrderCreatedData): Promise<void> {
    const quotes = (await em.query(
      `SELECT id, opportunity_id FROM opportunities.quote
       WHERE tenant_id = $1 AND (id = $2::uuid OR ($2::uuid IS NULL AND number = $3)) FOR UPDATE`,
      [tenantId, order.crmQuoteId ?? null, order.quoteNumber ?? null],
    )) as { id: string; opportunity_id: string }[];
    const quote = quotes[0] ?? null;
    const inserted = (await em.query(
      `INSERT INTO opportunities.erp_sales_order (tenant_id, order_id, order_number, quote_id, opportunity_id, quote_reference, total_amount, total_currency, ordered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (tenant_id, order_id) DO NOTHING RETURNING order_id`,
      [
        tenantId,
        order.orderId,
        order.orderNumber,
        quote?.id ?? null,
        quote?.opportunity_id ?? null,
        order.crmQuoteId ?? order.quoteNumber ?? null,
        order.total?.amount ?? null,
        order.total?.currency ?? null,
        order.createdAt,
      ],
    )) as unknown[];
    if (inserted.length === 0) return; // the same order again (another message id): already linked
    if (!quote) {
      this.logger.warn(`ERP order ${order.orderNumber} names no known quote (${order.crmQuoteId ?? order.quoteNumber ?? 'none'}); kept unlinked`);
      return;
    }
    await em.query('UPDATE opportunities.quote SET erp_order_id = $3, erp_order_number = $4, version = version + 1, updated_at = now() WHERE tenant_id = $1 AND id = $2', [
      tenantId,
      quote.id,
      order.orderId,
      order.orderNumber,
    ]);
  }
}
