import { Injectable, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { exportRows, type ExportRows, type Language } from '@crm/common';
import { TicketCategoriesService } from '../categories/ticket-categories.service.js';
import { type TicketsConfig } from '../config/tickets-config.js';
import { TICKETS_CONFIG } from '../config/tickets-env.js';
import { RequestersService } from '../requesters/requesters.service.js';
import type { ListTicketsQueryDto } from '../tickets/dto/list-tickets.query.dto.js';
import { TicketsQueryService } from '../tickets/tickets-query.service.js';
import type { TicketView } from '../tickets/ticket.view.js';
import type { ExportTicketsQueryDto } from './dto/export-tickets.query.dto.js';
import { exportRow } from './export-columns.js';

export const EXPORT_PAGE_SIZE = 200;
/**
 * The rows of an export, page by page: the ticket list itself (TicketsQueryService.list: the same
 * tenant scoping, visibility, filters, search and sort as GET /tickets) walked with its cursor,
 * one page in memory at a time, up to TICKET_EXPORT_MAX_ROWS. Messages are never exported.
 */
@Injectable()
export class TicketsExportService {
  constructor(
    @Inject(TICKETS_CONFIG) private readonly config: TicketsConfig,
    private readonly dataSource: DataSource,
    private readonly query: TicketsQueryService,
    private readonly categories: TicketCategoriesService,
    private readonly requesters: RequestersService,
  ) {}

  /** The first page is read before anything is sent, so a bad filter still gets a proper error. */
  async open(user: AuthUser, dto: ExportTicketsQueryDto, language: Language): Promise<ExportRows> {
    const { format: _format, delimiter: _delimiter, ...filters } = dto;
    const cap = this.config.exportMaxRows;
    const pageOf = (cursor?: string) => this.query.list(user, { ...filters, limit: Math.min(EXPORT_PAGE_SIZE, cap), cursor } as ListTicketsQueryDto);
    const first = await pageOf();
    const categoryNames = await this.categories.names(this.dataSource.manager, user.tenantId, language);
    const rowsOf = async (items: TicketView[]) => {
      const users = await this.requesters.users(
        this.dataSource.manager,
        user.tenantId,
        items.map((item) => item.assigneeId).filter((id): id is string => Boolean(id)),
      );
      const lookups = { categories: categoryNames, users: new Map([...users].map(([id, ref]) => [id, ref.name])) };
      return items.map((item) => exportRow(item, lookups, language));
    };
    return exportRows(first, pageOf, rowsOf, cap);
  }
}
