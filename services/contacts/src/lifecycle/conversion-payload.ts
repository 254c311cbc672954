import type { EntityManager } from 'typeorm';
import type { ContactConvertedData, ContactLifecycle, ConversionTarget, ConversionTrigger, ConvertedPrimaryContact } from '@crm/contracts';
import type { Contact } from '../contacts/contact.entity.js';

interface PersonRow {
  id: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  position: string | null;
}

const PERSON_COLUMNS = 'id, display_name, email, phone, position';

/**
 * Who the ERP should address. A person: itself. An organisation: its `primaryContactId` when
 * that is still one of its (not anonymised) people, else the first person linked to it (oldest
 * first), else nobody.
 */
export async function primaryContactOf(em: EntityManager, contact: Contact): Promise<ConvertedPrimaryContact | null> {
  if (contact.kind === 'person') {
    return { contactId: contact.id, name: contact.displayName, email: contact.email, phone: contact.phone, position: contact.position };
  }
  const base = `SELECT ${PERSON_COLUMNS} FROM contacts.contact WHERE tenant_id = $1 AND company_id = $2 AND kind = 'person' AND anonymized_at IS NULL`;
  let rows: PersonRow[] = [];
  if (contact.primaryContactId) rows = await em.query(`${base} AND id = $3`, [contact.tenantId, contact.id, contact.primaryContactId]);
  if (rows.length === 0) rows = await em.query(`${base} ORDER BY created_at, id LIMIT 1`, [contact.tenantId, contact.id]);
  const person = rows[0];
  return person ? { contactId: person.id, name: person.display_name, email: person.email, phone: person.phone, position: person.position } : null;
}

export interface ConversionFacts {
  from: ContactLifecycle;
  to: ConversionTarget;
  trigger: ConversionTrigger;
  opportunityId: string | null;
}

/** Everything the ERP needs to create its customer or supplier, from the converted contact. */
export async function convertedPayload(em: EntityManager, contact: Contact, facts: ConversionFacts): Promise<ContactConvertedData> {
  return {
    contactId: contact.id,
    crmContactId: contact.id,
    kind: contact.kind,
    legalName: contact.kind === 'organization' ? (contact.companyName ?? contact.displayName) : contact.displayName,
    taxId: contact.taxId,
    address: { street: contact.street, city: contact.city, region: contact.region, postalCode: contact.postalCode, country: contact.country },
    email: contact.email,
    phone: contact.phone,
    primaryContact: await primaryContactOf(em, contact),
    companyId: contact.companyId,
    from: facts.from,
    to: facts.to,
    isCustomer: contact.customerSince !== null,
    isSupplier: contact.supplierSince !== null,
    trigger: facts.trigger,
    opportunityId: facts.opportunityId,
    ownerId: contact.ownerId,
    convertedBy: contact.convertedBy!,
    convertedAt: contact.convertedAt!.toISOString(),
    version: contact.version,
  };
}
