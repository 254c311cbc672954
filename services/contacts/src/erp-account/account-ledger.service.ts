import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ActivityRecorder } from '../activity/activity-recorder.service.js';
import type { ParsedInvoice, ParsedPayment, ParsedStatement } from './erp-payload.js';
import { formatMoney } from './money-format.js';

export interface LedgerTarget {
  tenantId: string;
  contactId: string;
  messageId: string;
}

/**
 * Applies ERP facts to a customer's account, inside the event's inbox transaction. Balance,
 * overdue amount and credit limit come only from statements (the ERP's own figures, so nothing
 * is added twice); invoices and payments feed the purchase history, "last invoice/payment" and
 * the timeline. Everything is order-tolerant: newer facts win, older ones never overwrite.
 */
@Injectable()
export class AccountLedger {
  constructor(private readonly activities: ActivityRecorder) {}

  /**
   * One customer's ledger changes one transaction at a time. Events are consumed concurrently:
   * without this, an invoice and the payment applied to it, committed side by side, would each
   * recompute "paid" before seeing the other and leave the invoice unpaid.
   */
  private async lockCustomer(em: EntityManager, target: LedgerTarget): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`erp-ledger:${target.tenantId}:${target.contactId}`]);
  }

  async applyInvoice(em: EntityManager, target: LedgerTarget, invoice: ParsedInvoice): Promise<void> {
    await this.lockCustomer(em, target);
    const [row]: { inserted: boolean }[] = await em.query(
      `INSERT INTO contacts.account_movement (tenant_id, contact_id, kind, erp_id, number, occurred_at, due_date, amount, currency, erp_status, message_id)
       VALUES ($1, $2, 'invoice', $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (tenant_id, kind, erp_id) DO UPDATE SET contact_id = EXCLUDED.contact_id, number = EXCLUDED.number,
         occurred_at = EXCLUDED.occurred_at, due_date = EXCLUDED.due_date, amount = EXCLUDED.amount, currency = EXCLUDED.currency,
         erp_status = EXCLUDED.erp_status, message_id = EXCLUDED.message_id, version = account_movement.version + 1, updated_at = now()
       RETURNING (xmax = 0) AS inserted`,
      [
        target.tenantId,
        target.contactId,
        invoice.invoiceId,
        invoice.invoiceNumber,
        invoice.issuedAt,
        invoice.dueDate,
        invoice.total.amount,
        invoice.total.currency,
        invoice.status,
        target.messageId,
      ],
    );
    await this.recomputePaid(em, target.tenantId, [invoice.invoiceId]);
    await em.query(
      `INSERT INTO contacts.account_status (contact_id, tenant_id, last_invoice_number, last_invoice_at, last_invoice_amount, last_invoice_currency)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (contact_id) DO UPDATE SET last_invoice_number = EXCLUDED.last_invoice_number, last_invoice_at = EXCLUDED.last_invoice_at,
         last_invoice_amount = EXCLUDED.last_invoice_amount, last_invoice_currency = EXCLUDED.last_invoice_currency,
         version = account_status.version + 1, updated_at = now()
       WHERE account_status.last_invoice_at IS NULL OR account_status.last_invoice_at <= EXCLUDED.last_invoice_at`,
      [target.contactId, target.tenantId, invoice.invoiceNumber, invoice.issuedAt, invoice.total.amount, invoice.total.currency],
    );
    // A re-sent invoice (new message, same ERP id) updates the history but adds no second entry.
    if (!row?.inserted) return;
    await this.activities.record(em, {
      tenantId: target.tenantId,
      contactId: target.contactId,
      source: 'erp',
      kind: 'invoice_issued',
      title: `Factura ${invoice.invoiceNumber} emitida por ${formatMoney(invoice.total)}`,
      occurredAt: invoice.issuedAt,
      referenceId: invoice.invoiceId,
      details: { invoiceNumber: invoice.invoiceNumber, total: invoice.total, dueDate: invoice.dueDate, status: invoice.status },
      messageId: target.messageId,
    });
  }

  async applyPayment(em: EntityManager, target: LedgerTarget, payment: ParsedPayment): Promise<void> {
    await this.lockCustomer(em, target);
    const previous: { applied_to: { invoiceId: string }[] }[] = await em.query(`SELECT applied_to FROM contacts.account_movement WHERE tenant_id = $1 AND kind = 'payment' AND erp_id = $2`, [
      target.tenantId,
      payment.paymentId,
    ]);
    const [row]: { inserted: boolean }[] = await em.query(
      `INSERT INTO contacts.account_movement (tenant_id, contact_id, kind, erp_id, number, occurred_at, amount, currency, erp_status, method, applied_to, message_id)
       VALUES ($1, $2, 'payment', $3, $4, $5, $6, $7, 'received', $8, $9::jsonb, $10)
       ON CONFLICT (tenant_id, kind, erp_id) DO UPDATE SET contact_id = EXCLUDED.contact_id, number = EXCLUDED.number,
         occurred_at = EXCLUDED.occurred_at, amount = EXCLUDED.amount, currency = EXCLUDED.currency, method = EXCLUDED.method,
         applied_to = EXCLUDED.applied_to, message_id = EXCLUDED.message_id, version = account_movement.version + 1, updated_at = now()
       RETURNING (xmax = 0) AS inserted`,
      [
        target.tenantId,
        target.contactId,
        payment.paymentId,
        payment.reference,
        payment.receivedAt,
        payment.amount.amount,
        payment.amount.currency,
        payment.method,
        JSON.stringify(payment.appliedTo),
        target.messageId,
      ],
    );
    const touched = new Set([...payment.appliedTo.map((a) => a.invoiceId), ...(previous[0]?.applied_to ?? []).map((a) => a.invoiceId)]);
    if (touched.size > 0) await this.recomputePaid(em, target.tenantId, [...touched]);
    await em.query(
      `INSERT INTO contacts.account_status (contact_id, tenant_id, last_payment_reference, last_payment_at, last_payment_amount, last_payment_currency)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (contact_id) DO UPDATE SET last_payment_reference = EXCLUDED.last_payment_reference, last_payment_at = EXCLUDED.last_payment_at,
         last_payment_amount = EXCLUDED.last_payment_amount, last_payment_currency = EXCLUDED.last_payment_currency,
         version = account_status.version + 1, updated_at = now()
       WHERE account_status.last_payment_at IS NULL OR account_status.last_payment_at <= EXCLUDED.last_payment_at`,
      [target.contactId, target.tenantId, payment.reference ?? payment.paymentId, payment.receivedAt, payment.amount.amount, payment.amount.currency],
    );
    if (!row?.inserted) return;
    await this.activities.record(em, {
      tenantId: target.tenantId,
      contactId: target.contactId,
      source: 'erp',
      kind: 'payment_received',
      title: `Pago recibido por ${formatMoney(payment.amount)}${payment.reference ? ` (${payment.reference})` : ''}`,
      occurredAt: payment.receivedAt,
      referenceId: payment.paymentId,
      details: { reference: payment.reference, amount: payment.amount, method: payment.method, appliedTo: payment.appliedTo },
      messageId: target.messageId,
    });
  }

  /** @returns false when a statement as of the same moment or later is already stored. */
  async applyStatement(em: EntityManager, target: LedgerTarget, statement: ParsedStatement): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `INSERT INTO contacts.account_status (contact_id, tenant_id, currency, balance, overdue_amount, credit_limit, statement_as_of)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (contact_id) DO UPDATE SET currency = EXCLUDED.currency, balance = EXCLUDED.balance, overdue_amount = EXCLUDED.overdue_amount,
         credit_limit = EXCLUDED.credit_limit, statement_as_of = EXCLUDED.statement_as_of, version = account_status.version + 1, updated_at = now()
       WHERE account_status.statement_as_of IS NULL OR account_status.statement_as_of < EXCLUDED.statement_as_of
       RETURNING contact_id`,
      [target.contactId, target.tenantId, statement.balance.currency, statement.balance.amount, statement.overdue.amount, statement.creditLimit?.amount ?? null, statement.asOf],
    );
    return rows.length > 0;
  }

  /** An invoice's paid amount is the sum of what the customer's payments apply to it, whatever arrived first. */
  private async recomputePaid(em: EntityManager, tenantId: string, invoiceIds: string[]): Promise<void> {
    await em.query(
      `UPDATE contacts.account_movement i SET paid_amount = coalesce((
           SELECT sum((a->>'amount')::numeric) FROM contacts.account_movement p CROSS JOIN LATERAL jsonb_array_elements(p.applied_to) a
           WHERE p.tenant_id = i.tenant_id AND p.contact_id = i.contact_id AND p.kind = 'payment' AND a->>'invoiceId' = i.erp_id), 0),
         updated_at = now()
       WHERE i.tenant_id = $1 AND i.kind = 'invoice' AND i.erp_id = ANY($2::text[])`,
      [tenantId, invoiceIds],
    );
  }
}
