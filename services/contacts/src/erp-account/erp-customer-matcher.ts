import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { normaliseTaxId, type CustomerRef } from './erp-payload.js';

export type CustomerMatch = { contactId: string } | { contactId?: undefined; reason: 'unknown_customer' | 'ambiguous_customer'; detail: string };

interface Candidate {
  id: string;
  lifecycle: string;
  kind: string;
}

/**
 * Finds the contact an ERP event is about, within the event's tenant: by `crmContactId` first,
 * else by tax id compared without punctuation. Several contacts with the same tax id: the one
 * that is a customer, then the one that is an organisation; still several → ambiguous (never a
 * guess that would put one customer's invoices on another's account). The tax-id expression is
 * the one of index contact_tax_id_key (imports), so lookups use it.
 */
@Injectable()
export class ErpCustomerMatcher {
  async match(em: EntityManager, tenantId: string, ref: CustomerRef): Promise<CustomerMatch> {
    if (ref.crmContactId) {
      const rows: { id: string }[] = await em.query('SELECT id FROM contacts.contact WHERE id = $1 AND tenant_id = $2', [ref.crmContactId, tenantId]);
      if (rows[0]) return { contactId: rows[0].id };
      if (!ref.customerTaxId) return { reason: 'unknown_customer', detail: `no contact ${ref.crmContactId} in the tenant` };
    }
    const taxId = normaliseTaxId(ref.customerTaxId ?? '');
    const candidates: Candidate[] = await em.query(
      `SELECT id, lifecycle, kind FROM contacts.contact
       WHERE tenant_id = $1 AND tax_id IS NOT NULL AND upper(regexp_replace(tax_id, '[^0-9A-Za-z]', '', 'g')) = $2
       ORDER BY created_at LIMIT 20`,
      [tenantId, taxId],
    );
    if (candidates.length === 0) return { reason: 'unknown_customer', detail: `no contact with tax id ${taxId} in the tenant` };
    let pool = candidates;
    for (const prefer of [(c: Candidate) => c.lifecycle === 'customer', (c: Candidate) => c.kind === 'organization']) {
      if (pool.length === 1) break;
      const preferred = pool.filter(prefer);
      if (preferred.length > 0) pool = preferred;
    }
    if (pool.length === 1) return { contactId: pool[0]!.id };
    return { reason: 'ambiguous_customer', detail: `${pool.length} contacts share tax id ${taxId}` };
  }
}
