import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { decodeKeysetCursor, encodeCursor, type Page } from '@crm/common';
import { ContactAccess } from '../contacts/contact-access.js';
import { toAccountStatusView, toMovementView, type AccountStatusRow, type AccountStatusView, type MovementRow, type MovementView } from './account.view.js';
import type { AccountQueryDto } from './dto/account-query.dto.js';

export interface AccountView {
  contactId: string;
  /** null until the ERP reports something about this customer. */
  status: AccountStatusView | null;
  /** Invoices and payments, newest first. */
  movements: Page<MovementView>;
}

/** A customer's account as the ERP reported it, for contacts the caller may see (else 404). */
@Injectable()
export class AccountQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ContactAccess,
  ) {}

  async accountOf(user: AuthUser, contactId: string, query: AccountQueryDto): Promise<AccountView> {
    const contact = await this.access.findVisible(user, contactId);
    // One snapshot for the status and the movements, so a payment committed between the two
    // reads cannot show up in the history while "last payment" still misses it.
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const [status]: AccountStatusRow[] = await em.query('SELECT *, credit_limit - balance AS available_credit FROM contacts.account_status WHERE contact_id = $1 AND tenant_id = $2', [
        contact.id,
        user.tenantId,
      ]);
      return { contactId: contact.id, status: status ? toAccountStatusView(status) : null, movements: await this.movements(em, user.tenantId, contact.id, query) };
    });
  }

  private async movements(em: EntityManager, tenantId: string, contactId: string, query: AccountQueryDto): Promise<Page<MovementView>> {
    const params: unknown[] = [tenantId, contactId, query.limit + 1];
    const filters: string[] = [];
    if (query.kind) {
      params.push(query.kind);
      filters.push(`AND kind = $${params.length}`);
    }
    const cursor = decodeKeysetCursor(query.cursor, ['time', 'uuid']);
    if (cursor) {
      params.push(cursor[0], cursor[1]);
      filters.push(`AND (occurred_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    // Status shown to users: the ERP's, refined by what payments cover and by the due date.
    const rows: MovementRow[] = await em.query(
      `SELECT id, kind, erp_id, number, occurred_at, due_date::text AS due_date, amount, currency, paid_amount, method, applied_to,
         to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_key,
         CASE WHEN kind = 'payment' THEN 'received'
              WHEN erp_status = 'cancelled' THEN 'cancelled'
              WHEN erp_status = 'paid' OR paid_amount >= amount THEN 'paid'
              WHEN paid_amount > 0 THEN 'partially_paid'
              WHEN due_date < current_date THEN 'overdue'
              ELSE 'open' END AS status
       FROM contacts.account_movement
       WHERE tenant_id = $1 AND contact_id = $2 ${filters.join(' ')}
       ORDER BY occurred_at DESC, id DESC LIMIT $3`,
      params,
    );
    const hasMore = rows.length > query.limit;
    const page = hasMore ? rows.slice(0, query.limit) : rows;
    const last = page[page.length - 1];
    return { items: page.map(toMovementView), nextCursor: hasMore && last ? encodeCursor([last.occurred_key, last.id]) : null };
  }
}
