import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Problems } from '@crm/common';

/**
 * Checks a note's interest against the tenant's interests catalogue (`contacts.interest`, owned
 * by the catalogues feature). The row is read as JSON so this does not depend on that table's
 * other columns: a row with `active = false` or a `deactivated_at`/`archived_at` set counts as
 * deactivated. Until the table exists any UUID is accepted (and stays as written).
 */
@Injectable()
export class InterestCatalogue {
  private tableExists = false;

  async assertUsable(em: EntityManager, tenantId: string, interestId: string): Promise<void> {
    if (!(await this.hasTable(em))) return;
    const rows: { row: Record<string, unknown> }[] = await em.query('SELECT to_jsonb(i) AS row FROM contacts.interest i WHERE i.id = $1 AND i.tenant_id = $2', [interestId, tenantId]);
    const interest = rows[0]?.row;
    if (!interest) throw Problems.invalid([{ field: 'interestId', message: 'El interés no existe en el catálogo de su organización.' }]);
    if (interest.active === false || interest.deactivated_at || interest.archived_at) {
      throw Problems.invalid([{ field: 'interestId', message: 'El interés está desactivado; elija uno activo.' }]);
    }
  }

  private async hasTable(em: EntityManager): Promise<boolean> {
    // Once created the table stays, so only a "yes" is remembered.
    if (this.tableExists) return true;
    const [row]: { exists: boolean }[] = await em.query("SELECT to_regclass('contacts.interest') IS NOT NULL AS exists");
    this.tableExists = row?.exists === true;
    return this.tableExists;
  }
}
