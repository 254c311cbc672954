import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ContactAnonymizedData, ContactAssignedData, ContactCreatedData, ContactMergedData, ContactUpdatedData } from '@crm/contracts';

/** contacts' field name → contact_ref column, for the fields opportunities keeps. */
const COLUMNS: Record<string, string> = {
  displayName: 'display_name',
  email: 'email',
  phone: 'phone',
  taxId: 'tax_id',
  companyId: 'company_id',
  ownerId: 'owner_id',
  teamId: 'team_id',
  sharedWithTeam: 'shared_with_team',
};

export const ANONYMIZED_CONTACT_NAME = 'Contacto anonimizado';

/**
 * Writes the contacts projection. Versions guard against late events: an update older than
 * what is stored changes nothing. An anonymised contact keeps only its id.
 */
@Injectable()
export class ContactRefWriter {
  async created(em: EntityManager, tenantId: string, data: ContactCreatedData): Promise<void> {
    await em.query(
      `INSERT INTO opportunities.contact_ref (contact_id, tenant_id, display_name, email, phone, tax_id, company_id, owner_id, team_id, created_by, source_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (contact_id) DO UPDATE SET display_name = EXCLUDED.display_name, email = EXCLUDED.email, phone = EXCLUDED.phone,
         tax_id = EXCLUDED.tax_id, company_id = EXCLUDED.company_id, owner_id = EXCLUDED.owner_id, team_id = EXCLUDED.team_id,
         created_by = EXCLUDED.created_by, source_version = EXCLUDED.source_version, updated_at = now()
       WHERE opportunities.contact_ref.source_version < EXCLUDED.source_version AND opportunities.contact_ref.anonymized_at IS NULL`,
      [data.contactId, tenantId, data.displayName, data.email, data.phone, data.taxId ?? null, data.companyId ?? null, data.ownerId, data.teamId, data.createdBy, data.version],
    );
  }

  async updated(em: EntityManager, tenantId: string, data: ContactUpdatedData): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [tenantId, data.contactId, data.version];
    for (const change of data.changes ?? []) {
      const column = COLUMNS[change.field];
      if (!column) continue;
      params.push(change.field === 'sharedWithTeam' ? change.to !== false : (change.to ?? null));
      sets.push(`${column} = $${params.length}`);
    }
    if (sets.length === 0) sets.push('display_name = display_name');
    await em.query(
      `UPDATE opportunities.contact_ref SET ${sets.join(', ')}, source_version = $3, updated_at = now()
       WHERE tenant_id = $1 AND contact_id = $2 AND source_version < $3 AND anonymized_at IS NULL`,
      params,
    );
  }

  async assigned(em: EntityManager, tenantId: string, data: ContactAssignedData): Promise<void> {
    await em.query(
      `UPDATE opportunities.contact_ref SET owner_id = $3, team_id = $4, source_version = $5, updated_at = now(),
         display_name = CASE WHEN anonymized_at IS NULL THEN $6 ELSE display_name END
       WHERE tenant_id = $1 AND contact_id = $2 AND source_version < $5`,
      [tenantId, data.contactId, data.ownerId, data.teamId, data.version, data.displayName],
    );
  }

  /** The merged-away contacts point to the survivor, and so do their opportunities. */
  async merged(em: EntityManager, tenantId: string, data: ContactMergedData): Promise<void> {
    const mergedIds = (data.mergedIds ?? []).filter((id) => id !== data.survivorId);
    if (mergedIds.length === 0) return;
    await em.query('UPDATE opportunities.contact_ref SET merged_into_id = $3, updated_at = now() WHERE tenant_id = $1 AND contact_id = ANY($2::uuid[])', [
      tenantId,
      mergedIds,
      data.survivorId,
    ]);
    await em.query('UPDATE opportunities.opportunity SET contact_id = $3, version = version + 1, updated_at = now() WHERE tenant_id = $1 AND contact_id = ANY($2::uuid[])', [
      tenantId,
      mergedIds,
      data.survivorId,
    ]);
  }

  /** Drops every copied personal datum; the id stays so opportunities keep their link. */
  async anonymized(em: EntityManager, tenantId: string, data: ContactAnonymizedData): Promise<void> {
    await em.query(
      `UPDATE opportunities.contact_ref SET display_name = $3, email = NULL, phone = NULL, tax_id = NULL,
         anonymized_at = $4, updated_at = now() WHERE tenant_id = $1 AND contact_id = $2`,
      [tenantId, data.contactId, ANONYMIZED_CONTACT_NAME, data.anonymizedAt],
    );
  }
}
