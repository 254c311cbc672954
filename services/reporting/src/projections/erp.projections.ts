import { ERP_FINANCE_PAYMENT_RECEIVED, ERP_SALES_INVOICE_ISSUED, type ErpMoney } from '@crm/contracts';
import { iso, normaliseTaxId, str, type AnyEvent, type Row, type RowProjection } from './projection.js';

/**
 * rpt_invoice: the ERP's invoices, last copy wins (the ERP re-sends an invoice with the same id to
 * update it). The customer is `crmContactId`, or the tax id matched against contacts at query time.
 */
export class InvoiceRows implements RowProjection {
  readonly table = 'rpt_invoice';
  readonly conflict = ['tenant_id', 'invoice_id'];
  readonly mode = 'replace' as const;
  readonly types = [ERP_SALES_INVOICE_ISSUED];

  rowsOf(event: AnyEvent): Row[] {
    const d = event.data;
    const total = d.total as ErpMoney;
    return [
      {
        tenant_id: event.tenantid,
        invoice_id: String(d.invoiceId),
        contact_id: str(d.crmContactId),
        tax_id: normaliseTaxId(d.customerTaxId),
        number: str(d.invoiceNumber),
        issued_at: iso(d.issuedAt),
        total: total.amount,
        currency: total.currency,
        status: str(d.status) ?? 'open',
      },
    ];
  }
}

/** rpt_payment: the ERP's payments (recibos de caja), one row per payment id. */
export class PaymentRows implements RowProjection {
  readonly table = 'rpt_payment';
  readonly conflict = ['tenant_id', 'payment_id'];
  readonly mode = 'replace' as const;
  readonly types = [ERP_FINANCE_PAYMENT_RECEIVED];

  rowsOf(event: AnyEvent): Row[] {
    const d = event.data;
    const amount = d.amount as ErpMoney;
    return [
      {
        tenant_id: event.tenantid,
        payment_id: String(d.paymentId),
        contact_id: str(d.crmContactId),
        tax_id: normaliseTaxId(d.customerTaxId),
        received_at: iso(d.receivedAt),
        amount: amount.amount,
        currency: amount.currency,
      },
    ];
  }
}
