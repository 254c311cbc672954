import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Language } from '@crm/common';
import { TicketCategoriesService } from '../categories/ticket-categories.service.js';
import { DOCUMENT_TYPES, PQR_CLASSES, PQR_CLASS_LABELS } from '../tickets/ticket-vocabulary.js';
import { PqrPortalService } from './pqr-portal.service.js';

export interface PublicFormView {
  pqrClasses: { value: string; label: string }[];
  categories: { id: string; name: string }[];
  documentTypes: string[];
}

/** What the public page needs to draw the form of one company (by its portal key). */
@Injectable()
export class PublicFormService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly portals: PqrPortalService,
    private readonly categories: TicketCategoriesService,
  ) {}

  async describe(portalKey: string, language: Language): Promise<PublicFormView> {
    return this.dataSource.transaction(async (em) => {
      const { tenantId } = await this.portals.activeByKey(em, portalKey);
      await this.categories.ensureSeeded(em, tenantId);
      const rows = await em.query<{ id: string; name_es: string; name_en: string | null }[]>(
        'SELECT id, name_es, name_en FROM tickets.ticket_category WHERE tenant_id = $1 AND active ORDER BY position, name_es',
        [tenantId],
      );
      return {
        pqrClasses: PQR_CLASSES.map((value) => ({ value, label: PQR_CLASS_LABELS[value][language] })),
        categories: rows.map((row) => ({ id: row.id, name: language === 'en' && row.name_en ? row.name_en : row.name_es })),
        documentTypes: [...DOCUMENT_TYPES],
      };
    });
  }
}
