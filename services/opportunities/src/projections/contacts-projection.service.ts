import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { visibilityPredicate, type AuthUser } from '@crm/auth';
import { Problems } from '@crm/common';

/** What opportunities knows of a contact (from contacts.contact.* events). */
export interface ContactRefView {
  contactId: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  taxId: string | null;
  companyId: string | null;
  anonymized: boolean;
}

interface ContactRefRow {
  contact_id: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  tax_id: string | null;
  company_id: string | null;
  anonymized_at: Date | null;
}

/**
 * The contacts projection: lets opportunities (and activities, quotes) check that the caller
 * may see a contact and show its name, tax id and primary e-mail without calling contacts.
 * Merged-away contacts are not offered (their opportunities were repointed to the survivor).
 */
@Injectable()
export class ContactsProjection {
  constructor(private readonly dataSource: DataSource) {}

  /** The contact if it exists, is not merged away and the caller may see it; else 400 naming `field`. */
  async findVisibleContact(user: AuthUser, contactId: string, em: EntityManager = this.dataSource.manager, field = 'contactId'): Promise<ContactRefView> {
    const invalid = () => Problems.invalid([{ field, message: 'El contacto no existe o no es visible para usted.' }]);
    if (!UUID.test(contactId)) throw invalid();
    const visibility = visibilityPredicate(user, { owner: 'c.owner_id', team: 'c.team_id', createdBy: 'c.created_by', sharedWithTeam: 'c.shared_with_team' });
    const [sql, params] = this.dataSource.driver.escapeQueryWithParameters(
      `SELECT * FROM opportunities.contact_ref c WHERE c.tenant_id = :tenantId AND c.contact_id = :contactId AND c.merged_into_id IS NULL AND ${visibility.sql}`,
      { tenantId: user.tenantId, contactId, ...visibility.params },
    );
    const rows = (await em.query(sql, params)) as ContactRefRow[];
    if (!rows[0]) throw invalid();
    return toView(rows[0]);
  }

  /** Without visibility (events, e-mails, PDFs): the contact as known, or null. */
  async find(em: EntityManager, tenantId: string, contactId: string): Promise<ContactRefView | null> {
    const rows = (await em.query('SELECT * FROM opportunities.contact_ref WHERE tenant_id = $1 AND contact_id = $2', [tenantId, contactId])) as ContactRefRow[];
    return rows[0] ? toView(rows[0]) : null;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toView(row: ContactRefRow): ContactRefView {
  return {
    contactId: row.contact_id,
    displayName: row.display_name,
    email: row.email,
    phone: row.phone,
    taxId: row.tax_id,
    companyId: row.company_id,
    anonymized: row.anonymized_at !== null,
  };
}
