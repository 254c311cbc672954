import type { ErpSalesOrderCreatedData } from '@crm/contracts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AMOUNT = /^-?\d{1,15}(\.\d{1,4})?$/;

/** The order as validated from the ERP's payload, or a reason why it cannot be used. */
export function parseSalesOrder(data: unknown): { order: ErpSalesOrderCreatedData } | { invalid: string } {
  if (typeof data !== 'object' || data === null) return { invalid: 'data must be an object' };
  const d = data as Record<string, unknown>;
  const nonEmpty = (value: unknown, max = 200) => typeof value === 'string' && value.trim().length > 0 && value.length <= max;
  if (!nonEmpty(d.orderId) || !nonEmpty(d.orderNumber)) return { invalid: 'orderId and orderNumber are required' };
  if (typeof d.createdAt !== 'string' || Number.isNaN(Date.parse(d.createdAt))) return { invalid: 'createdAt must be a date-time' };
  if (d.crmQuoteId !== undefined && (typeof d.crmQuoteId !== 'string' || !UUID.test(d.crmQuoteId))) return { invalid: 'crmQuoteId must be a UUID' };
  if (d.quoteNumber !== undefined && !nonEmpty(d.quoteNumber, 50)) return { invalid: 'quoteNumber must be text' };
  const total = d.total as { amount?: unknown; currency?: unknown } | undefined;
  if (
    total !== undefined &&
    (typeof total !== 'object' || typeof total.amount !== 'string' || !AMOUNT.test(total.amount) || typeof total.currency !== 'string' || !/^[A-Z]{3}$/.test(total.currency))
  ) {
    return { invalid: 'total must be {amount: decimal string, currency: ISO-4217}' };
  }
  return {
    order: {
      orderId: (d.orderId as string).trim(),
      orderNumber: (d.orderNumber as string).trim(),
      createdAt: d.createdAt,
      crmQuoteId: d.crmQuoteId as string | undefined,
      quoteNumber: (d.quoteNumber as string | undefined)?.trim(),
      total: total as ErpSalesOrderCreatedData['total'],
    },
  };
}
