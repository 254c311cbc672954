import { Injectable } from '@nestjs/common';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { decodeKeysetCursor, encodeCursor, Problems, type Page } from '@crm/common';
import type { TicketFiltersQueryDto } from './dto/ticket-filters.query.dto.js';
import type { ListTicketsQueryDto, TicketSort } from './dto/list-tickets.query.dto.js';
import { TicketAccessService } from './ticket-access.service.js';
import { TicketClocks } from './ticket-clocks.port.js';
import { containsPattern, searchWordsOf } from './ticket-search-terms.js';
import { TicketViews } from './ticket-views.service.js';
import type { Ticket } from './ticket.entity.js';
import type { TicketView } from './ticket.view.js';

/** Sort keys: the column each orders by and how its value is read back exactly for the cursor. */
const SORTS = {
  createdAt: 't.created_at',
  receivedAt: 't.received_at',
  updatedAt: 't.updated_at',
} as const;
type SortKey = keyof typeof SORTS;
const keyOf = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Keyset-paginated ticket lists with filters and search; no OFFSET, no count over the table. */
@Injectable()
export class TicketsQueryService {
  constructor(
    private readonly access: TicketAccessService,
    private readonly clocks: TicketClocks,
    private readonly views: TicketViews,
  ) {}

  /** The visible tickets matching `filters` (alias `t`), no order or limit: the export reuses it. */
  buildFilteredQuery(user: AuthUser, filters: TicketFiltersQueryDto, em?: EntityManager): SelectQueryBuilder<Ticket> {
    const builder = this.access.visibleQuery(user, em);
    if (filters.q !== undefined) this.applySearch(builder, filters.q);
    const any = (column: string, name: string, values: readonly string[] | undefined) => {
      if (values?.length) builder.andWhere(`${column} IN (:...${name})`, { [name]: values });
    };
    any('t.status', 'fStatus', filters.status);
    any('t.pqr_class', 'fClass', filters.pqrClass);
    any('t.category_id', 'fCategory', filters.categoryId);
    any('t.priority', 'fPriority', filters.priority);
    any('t.team_id', 'fTeam', filters.teamId);
    any('t.contact_id', 'fContact', filters.contactId);
    any('t.channel', 'fChannel', filters.channel);
    any('t.merged_into_id', 'fMergedInto', filters.mergedIntoId);
    if (filters.merged !== undefined) builder.andWhere(filters.merged === 'true' ? 't.merged_into_id IS NOT NULL' : 't.merged_into_id IS NULL');
    if (filters.assigneeId?.length) {
      const ids = filters.assigneeId.filter((id) => id.toLowerCase() !== 'none');
      const unassigned = ids.length < filters.assigneeId.length;
      const parts = [...(ids.length ? ['t.assignee_id IN (:...fAssignee)'] : []), ...(unassigned ? ['t.assignee_id IS NULL'] : [])];
      builder.andWhere(parts.length > 1 ? `(${parts.join(' OR ')})` : parts[0], { fAssignee: ids });
    }
    if (filters.dueBefore !== undefined || filters.overdue !== undefined || filters.slaState !== undefined) {
      const clock = this.clocks.clockFilterSql('t', {
        dueBefore: filters.dueBefore ? new Date(filters.dueBefore) : undefined,
        overdue: filters.overdue === undefined ? undefined : filters.overdue === 'true',
        slaState: filters.slaState,
      });
      if (!clock) throw Problems.invalid([{ field: 'dueBefore', message: 'Los filtros de plazos no están disponibles todavía.' }]);
      builder.andWhere(clock.sql, clock.params);
    }
    return builder;
  }

  async list(user: AuthUser, query: ListTicketsQueryDto): Promise<Page<TicketView>> {
    const sort: TicketSort = query.sort ?? '-createdAt';
    const descending = sort.startsWith('-');
    const key = sort.replace(/^-/, '') as SortKey;
    const column = SORTS[key];
    const builder = this.buildFilteredQuery(user, query);
    const cursor = decodeKeysetCursor(query.cursor, ['key', 'time', 'uuid']);
    if (cursor) {
      const [cursorSort, value, id] = cursor;
      if (cursorSort !== key) throw Problems.invalid([{ field: 'cursor', message: 'cursor inválido' }], 'El cursor de paginación no es válido.');
      builder.andWhere(`(${column}, t.id) ${descending ? '<' : '>'} (CAST(:cursorValue AS timestamptz), CAST(:cursorId AS uuid))`, { cursorValue: value, cursorId: id });
    }
    const direction = descending ? 'DESC' : 'ASC';
    const limit = query.limit ?? 50;
    const { entities, raw } = await builder
      .addSelect(keyOf(column), 'sort_key')
      .orderBy(column, direction)
      .addOrderBy('t.id', direction)
      .limit(limit + 1)
      .getRawAndEntities<{ sort_key: string }>();
    const hasMore = entities.length > limit;
    const items = hasMore ? entities.slice(0, limit) : entities;
    const last = items.length - 1;
    return {
      items: await this.views.many(items),
      nextCursor: hasMore && last >= 0 ? encodeCursor([key, raw[last].sort_key, items[last].id]) : null,
    };
  }

  /** Every word must appear in the folded search text (one GIN trigram index). */
  private applySearch(builder: SelectQueryBuilder<Ticket>, q: string): void {
    const words = searchWordsOf(q);
    if (!words) throw Problems.invalid([{ field: 'q', message: 'La búsqueda necesita al menos 3 letras o dígitos seguidos.' }]);
    const params: Record<string, string> = {};
    const conditions = words.map((word, i) => {
      params[`qWord${i}`] = containsPattern(word);
      return `t.search_text LIKE :qWord${i}`;
    });
    builder.andWhere(conditions.join(' AND '), params);
  }
}
