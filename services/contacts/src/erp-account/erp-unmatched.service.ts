import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { decodeKeysetCursor, toPage, type Page } from '@crm/common';
import { keysetTimeKey } from '@crm/database';
import type { PageQueryDto } from '@crm/common';

export type UnmatchedReason = 'unknown_customer' | 'ambiguous_customer' | 'invalid';

export interface UnmatchedInput {
  messageId: string;
  tenantId: string | null;
  eventType: string;
  reason: UnmatchedReason;
  detail: string;
  crmContactId: string | null;
  customerTaxId: string | null;
  envelope: unknown;
}

interface UnmatchedRow {
  message_id: string;
  event_type: string;
  reason: UnmatchedReason;
  detail: string | null;
  crm_contact_id: string | null;
  customer_tax_id: string | null;
  envelope: { data?: unknown };
  received_at: Date;
  /** received_at to the microsecond, for the cursor. */
  received_key: string;
}

/**
 * ERP events that could not be put on a customer's account: acknowledged (a retry cannot make
 * the customer appear) and kept here, whole, for an admin to see and act on.
 */
@Injectable()
export class ErpUnmatchedService {
  constructor(private readonly dataSource: DataSource) {}

  async record(em: EntityManager, input: UnmatchedInput): Promise<void> {
    await em.query(
      `INSERT INTO contacts.erp_unmatched (message_id, tenant_id, event_type, reason, detail, crm_contact_id, customer_tax_id, envelope)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) ON CONFLICT (message_id) DO NOTHING`,
      [input.messageId, input.tenantId, input.eventType, input.reason, input.detail.slice(0, 500), input.crmContactId, input.customerTaxId, JSON.stringify(input.envelope)],
    );
  }

  async list(user: AuthUser, query: PageQueryDto): Promise<Page<ReturnType<typeof toView>>> {
    const cursor = decodeKeysetCursor(query.cursor, ['time', 'key']);
    const params: unknown[] = [user.tenantId, query.limit + 1];
    let after = '';
    if (cursor) {
      params.push(cursor[0], cursor[1]);
      after = 'AND (received_at, message_id) < ($3::timestamptz, $4)';
    }
    const rows: UnmatchedRow[] = await this.dataSource.query(
      `SELECT *, ${keysetTimeKey('received_at')} AS received_key FROM contacts.erp_unmatched WHERE tenant_id = $1 ${after} ORDER BY received_at DESC, message_id DESC LIMIT $2`,
      params,
    );
    return toPage(rows, query.limit, (row) => [row.received_key, row.message_id], toView);
  }
}

function toView(row: UnmatchedRow) {
  return {
    messageId: row.message_id,
    type: row.event_type,
    reason: row.reason,
    detail: row.detail,
    crmContactId: row.crm_contact_id,
    customerTaxId: row.customer_tax_id,
    data: row.envelope?.data ?? null,
    receivedAt: row.received_at.toISOString(),
  };
}
