import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { exportRows, type ExportCell, type ExportRows, type Language } from '@crm/common';
import { CONTACTS_CONFIG, type ContactsConfig } from '../config/contacts-env.js';
import type { ContactView } from '../contacts/contact.view.js';
import { ContactsQueryService } from '../contacts/contacts-query.service.js';
import type { ListContactsQueryDto } from '../contacts/dto/list-contacts.query.dto.js';
import { exportRow, type ExportLookups } from './export-columns.js';
import type { ExportContactsQueryDto } from './dto/export-contacts.query.dto.js';

/**
 * The rows of an export, page by page: the contact list itself (ContactsQueryService.list, so
 * the same tenant scoping, record visibility, filters, search and sort as GET /contacts) walked
 * with its keyset cursor, never more than one page in memory, up to EXPORT_MAX_ROWS.
 */
@Injectable()
export class ContactsExportService {
  private readonly logger = new Logger('ContactsExportService');

  constructor(
    private readonly query: ContactsQueryService,
    private readonly dataSource: DataSource,
    @Inject(CONTACTS_CONFIG) private readonly config: ContactsConfig,
  ) {}

  /** The first page is read before anything is sent, so a bad filter still gets a proper error. */
  async open(user: AuthUser, dto: ExportContactsQueryDto, language: Language): Promise<ExportRows> {
    const { format: _format, delimiter: _delimiter, ...filters } = dto;
    const { maxRows: cap, pageSize } = this.config.exports;
    const pageOf = (cursor?: string) => this.query.list(user, { ...filters, limit: Math.min(pageSize, cap), cursor } as ListContactsQueryDto);
    const first = await pageOf();
    const rowsOf = (items: ContactView[]) => this.toRows(user.tenantId, items, language);
    return exportRows(first, pageOf, rowsOf, cap);
  }

  private async toRows(tenantId: string, items: ContactView[], language: Language): Promise<ExportCell[][]> {
    const lookups = await this.lookups(tenantId, items);
    return items.map((contact) => exportRow(contact, lookups, language));
  }

  /** Source and owner names for one page (two small indexed reads, not one per row). */
  private async lookups(tenantId: string, items: ContactView[]): Promise<ExportLookups> {
    const sourceIds = [...new Set(items.map((item) => item.sourceId).filter((id): id is string => Boolean(id)))];
    const ownerIds = [...new Set(items.map((item) => item.ownerId).filter((id): id is string => Boolean(id)))];
    const [sources, owners] = await Promise.all([
      sourceIds.length === 0
        ? []
        : this.dataSource.query('SELECT id, name FROM contacts.source WHERE tenant_id = $1 AND id = ANY($2::uuid[])', [tenantId, sourceIds]).catch((error: Error) => {
            this.logger.warn(`source names unavailable for the export: ${error.message}`);
            return [];
          }),
      ownerIds.length === 0 ? [] : this.dataSource.query('SELECT user_id AS id, name FROM contacts.user_ref WHERE tenant_id = $1 AND user_id = ANY($2::uuid[])', [tenantId, ownerIds]),
    ]);
    const toMap = (rows: { id: string; name: string }[]) => new Map(rows.map((row) => [row.id, row.name]));
    return { sources: toMap(sources), owners: toMap(owners) };
  }
}
