import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Problems } from '@crm/common';

/**
 * What the contacts feature asks the catalogues, inside its own transaction: may this source or
 * these interests be chosen (they exist in the tenant and are active), and the contact ↔ interest
 * links. Rows are read `FOR SHARE` so a concurrent deactivation waits for the contact's commit.
 */
@Injectable()
export class CatalogLookup {
  async assertSelectableSource(em: EntityManager, tenantId: string, sourceId: string): Promise<void> {
    const rows: { active: boolean }[] = await em.query('SELECT active FROM contacts.source WHERE id = $1 AND tenant_id = $2 FOR SHARE', [sourceId, tenantId]);
    if (rows.length === 0) throw Problems.invalid([{ field: 'sourceId', message: 'La fuente no existe en el catálogo de su organización.' }]);
    if (!rows[0].active) throw Problems.invalid([{ field: 'sourceId', message: 'La fuente está desactivada; elija una activa.' }]);
  }

  /** The interest a note is about: an active interest of the tenant (400 on `interestId` otherwise). */
  async assertUsableInterest(em: EntityManager, tenantId: string, interestId: string): Promise<void> {
    const rows: { active: boolean }[] = await em.query('SELECT active FROM contacts.interest WHERE id = $1 AND tenant_id = $2 FOR SHARE', [interestId, tenantId]);
    if (rows.length === 0) throw Problems.invalid([{ field: 'interestId', message: 'El interés no existe en el catálogo de su organización.' }]);
    if (!rows[0].active) throw Problems.invalid([{ field: 'interestId', message: 'El interés está desactivado; elija uno activo.' }]);
  }

  /** Every id must be an active interest of the tenant; the 400 names the ones that are not. */
  async assertSelectableInterests(em: EntityManager, tenantId: string, interestIds: readonly string[]): Promise<void> {
    if (interestIds.length === 0) return;
    const rows: { id: string; active: boolean }[] = await em.query('SELECT id, active FROM contacts.interest WHERE id = ANY($1::uuid[]) AND tenant_id = $2 FOR SHARE', [
      interestIds,
      tenantId,
    ]);
    const usable = new Set(rows.filter((row) => row.active).map((row) => row.id));
    const refused = interestIds.filter((id) => !usable.has(id));
    if (refused.length > 0) {
      throw Problems.invalid([{ field: 'interestIds', message: `Intereses inexistentes o desactivados: ${refused.join(', ')}.` }]);
    }
  }

  /** Makes the contact's interests exactly `interestIds` (links already there are kept as they are). */
  async replaceInterests(em: EntityManager, tenantId: string, contactId: string, interestIds: readonly string[]): Promise<void> {
    await em.query('DELETE FROM contacts.contact_interest WHERE contact_id = $1 AND NOT (interest_id = ANY($2::uuid[]))', [contactId, interestIds]);
    if (interestIds.length === 0) return;
    await em.query(
      `INSERT INTO contacts.contact_interest (contact_id, interest_id, tenant_id)
       SELECT $1, unnest($2::uuid[]), $3 ON CONFLICT DO NOTHING`,
      [contactId, interestIds, tenantId],
    );
  }
}
