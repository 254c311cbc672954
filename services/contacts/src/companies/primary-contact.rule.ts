import type { EntityManager } from 'typeorm';
import { Problems } from '@crm/common';
import type { Contact } from '../contacts/contact.entity.js';

/**
 * An organisation's primary contact must be one of its people: a person of the same tenant whose
 * companyId is the organisation (and not anonymised). People only have companies, not primaries.
 */
export async function assertPrimaryContact(em: EntityManager, organisation: Contact, personId: string): Promise<void> {
  if (organisation.kind !== 'organization') {
    throw Problems.invalid([{ field: 'primaryContactId', message: 'Solo las empresas (organizaciones) tienen contacto principal.' }]);
  }
  const rows: unknown[] = await em.query("SELECT 1 FROM contacts.contact WHERE id = $1 AND tenant_id = $2 AND company_id = $3 AND kind = 'person' AND anonymized_at IS NULL", [
    personId,
    organisation.tenantId,
    organisation.id,
  ]);
  if (rows.length === 0) {
    throw Problems.invalid([{ field: 'primaryContactId', message: 'El contacto principal debe ser una persona vinculada a esta empresa (companyId).' }]);
  }
}
