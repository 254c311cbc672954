/** Rows as SQL returns them (numeric as exact strings) and the public shapes built from them. */
export interface AccountStatusRow {
  currency: string | null;
  balance: string | null;
  overdue_amount: string | null;
  credit_limit: string | null;
  available_credit: string | null;
  statement_as_of: Date | null;
  last_invoice_number: string | null;
  last_invoice_at: Date | null;
  last_invoice_amount: string | null;
  last_invoice_currency: string | null;
  last_payment_reference: string | null;
  last_payment_at: Date | null;
  last_payment_amount: string | null;
  last_payment_currency: string | null;
  updated_at: Date;
}

export interface MovementRow {
  id: string;
  kind: 'invoice' | 'payment';
  erp_id: string;
  number: string | null;
  occurred_at: Date;
  occurred_key: string;
  due_date: string | null;
  amount: string;
  currency: string;
  status: string;
  paid_amount: string;
  method: string | null;
  applied_to: { invoiceId: string; amount: string }[];
}

function money(amount: string | null, currency: string | null) {
  return amount === null || currency === null ? null : { amount, currency };
}

export function toAccountStatusView(row: AccountStatusRow) {
  return {
    balance: money(row.balance, row.currency),
    overdue: money(row.overdue_amount, row.currency),
    creditLimit: money(row.credit_limit, row.currency),
    /** Credit limit minus balance, when both are known. */
    availableCredit: money(row.available_credit, row.currency),
    statementAsOf: row.statement_as_of?.toISOString() ?? null,
    lastInvoice: row.last_invoice_at
      ? { number: row.last_invoice_number, issuedAt: row.last_invoice_at.toISOString(), total: money(row.last_invoice_amount, row.last_invoice_currency) }
      : null,
    lastPayment: row.last_payment_at
      ? { reference: row.last_payment_reference, receivedAt: row.last_payment_at.toISOString(), amount: money(row.last_payment_amount, row.last_payment_currency) }
      : null,
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toMovementView(row: MovementRow) {
  const base = {
    id: row.id,
    kind: row.kind,
    erpId: row.erp_id,
    number: row.number,
    date: row.occurred_at.toISOString(),
    amount: { amount: row.amount, currency: row.currency },
    status: row.status,
  };
  if (row.kind === 'invoice') return { ...base, dueDate: row.due_date, paidAmount: { amount: row.paid_amount, currency: row.currency } };
  return { ...base, method: row.method, appliedTo: row.applied_to.map((a) => ({ invoiceId: a.invoiceId, amount: { amount: a.amount, currency: row.currency } })) };
}

export type AccountStatusView = ReturnType<typeof toAccountStatusView>;
export type MovementView = ReturnType<typeof toMovementView>;
