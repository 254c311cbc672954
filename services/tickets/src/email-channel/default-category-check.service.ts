import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Is the default category of a support address still usable (of the tenant, active)? */
@Injectable()
export class DefaultCategoryCheck {
  async isSelectable(em: EntityManager, tenantId: string, categoryId: string): Promise<boolean> {
    const rows: unknown[] = await em.query('SELECT 1 FROM tickets.ticket_category WHERE id = $1 AND tenant_id = $2 AND active', [categoryId, tenantId]);
    return rows.length > 0;
  }
}
