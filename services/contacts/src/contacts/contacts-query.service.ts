import { Injectable } from '@nestjs/common';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { badCursorProblem, decodeKeysetCursor, encodeCursor, Problems, type Page } from '@crm/common';
import { keysetTimeKey } from '@crm/database';
import { ContactAccess } from './contact-access.js';
import { containsPattern, foldText, searchTermsOf } from './contact-search-terms.js';
import type { Contact } from './contact.entity.js';
import { toContactView, type ContactView } from './contact.view.js';
import type { ContactFiltersQueryDto } from './dto/contact-filters.query.dto.js';
import type { ContactSort, ListContactsQueryDto } from './dto/list-contacts.query.dto.js';

/** Filters and search of "the current list" (no paging, no sort). */
export type ContactFilters = ContactFiltersQueryDto;

/**
 * Each sort: the expression it orders by (the one its index is built on), how that value is
 * read back exactly for the cursor (timestamps to the microsecond), its SQL type, and the kind
 * of cursor value it takes, so a forged cursor is a 400, never a SQL error.
 */
const SORTS = {
  createdAt: { expr: 'c.created_at', key: keysetTimeKey('c.created_at'), type: 'timestamptz', part: 'time' },
  updatedAt: { expr: 'c.updated_at', key: keysetTimeKey('c.updated_at'), type: 'timestamptz', part: 'time' },
  displayName: { expr: 'contacts.fold_text(c.display_name)', key: 'contacts.fold_text(c.display_name)', type: 'text', part: 'text' },
} as const;
type SortKey = keyof typeof SORTS;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Filtered, searched, keyset-paginated contact lists: no OFFSET, no count over the table. Every
 * shape walks an index (see the migration 1763712500000 and docs/contacts/search.md).
 */
@Injectable()
export class ContactsQueryService {
  constructor(private readonly access: ContactAccess) {}

  /**
   * The visible, not merged contacts of the caller matching `filters` (search included), as a
   * query builder on alias `c` without order or limit: the export reuses it.
   */
  buildFilteredQuery(user: AuthUser, filters: ContactFilters, em?: EntityManager): SelectQueryBuilder<Contact> {
    const builder = this.access.visibleQuery(user, em);
    if (filters.q !== undefined) this.applySearch(builder, filters.q);
    const any = (column: string, name: string, values: readonly string[] | undefined) => {
      if (values?.length) builder.andWhere(`${column} IN (:...${name})`, { [name]: values });
    };
    const anyFolded = (column: string, name: string, values: readonly string[] | undefined) => {
      if (values?.length) builder.andWhere(`contacts.fold_text(${column}) IN (:...${name})`, { [name]: values.map(foldText) });
    };
    if (!this.applyFacets(builder, filters)) {
      any('c.kind', 'fKind', filters.kind);
      any('c.lifecycle', 'fLifecycle', filters.lifecycle);
      anyFolded('c.industry', 'fIndustry', filters.industry);
      anyFolded('c.category', 'fCategory', filters.category);
      anyFolded('c.city', 'fCity', filters.city);
      any(
        'c.country',
        'fCountry',
        filters.country?.map((code) => code.toUpperCase()),
      );
      any('c.priority', 'fPriority', filters.priority);
      any('c.interest_level', 'fInterestLevel', filters.interestLevel);
    }
    any('c.source_id', 'fSource', filters.sourceId);
    any('c.team_id', 'fTeam', filters.teamId);
    if (filters.tags?.length) builder.andWhere('c.tags && CAST(:fTags AS text[])', { fTags: filters.tags });
    if (filters.ownerId?.length) {
      const ids = filters.ownerId.filter((id) => id.toLowerCase() !== 'none');
      const unassigned = ids.length < filters.ownerId.length;
      const parts = [...(ids.length ? ['c.owner_id IN (:...fOwner)'] : []), ...(unassigned ? ['c.owner_id IS NULL'] : [])];
      builder.andWhere(parts.length > 1 ? `(${parts.join(' OR ')})` : parts[0], { fOwner: ids });
    }
    if (filters.interestId?.length) {
      builder.andWhere('EXISTS (SELECT 1 FROM contacts.contact_interest ci WHERE ci.contact_id = c.id AND ci.interest_id IN (:...fInterest))', { fInterest: filters.interestId });
    }
    this.applyCreatedRange(builder, filters.createdFrom, filters.createdTo);
    return builder;
  }

  /**
   * Two or more of the broad filters (kind, lifecycle, priority, interest level, industry,
   * category, country, city) at once are applied as one condition on `facets` (a stored column
   * of contacts.contact_facets(...) with a GIN index), which intersects them exactly: "priority=high and
   * interestLevel=high and industry=Salud" reads the few rows that match, not every Salud row,
   * and the planner estimates the combination as a whole (the same filters written twice would
   * be counted twice). One alone is better served by its own B-tree in list order: false.
   */
  private applyFacets(builder: SelectQueryBuilder<Contact>, filters: ContactFilters): boolean {
    const facets = [
      ['k', filters.kind],
      ['lc', filters.lifecycle],
      ['p', filters.priority],
      ['il', filters.interestLevel],
      ['ind', filters.industry?.map(foldText)],
      ['cat', filters.category?.map(foldText)],
      ['co', filters.country?.map((code) => code.toUpperCase())],
      ['city', filters.city?.map(foldText)],
    ].filter((facet): facet is [string, string[]] => Array.isArray(facet[1]) && facet[1].length > 0);
    if (facets.length < 2) return false;
    const expression = 'c.facets';
    const all = facets.filter(([, values]) => values.length === 1).map(([name, values]) => `${name}:${values[0]}`);
    if (all.length > 0) builder.andWhere(`${expression} @> CAST(:facetsAll AS text[])`, { facetsAll: all });
    facets
      .filter(([, values]) => values.length > 1)
      .forEach(([name, values], i) => builder.andWhere(`${expression} && CAST(:facetsAny${i} AS text[])`, { [`facetsAny${i}`]: values.map((value) => `${name}:${value}`) }));
    return true;
  }

  async list(user: AuthUser, query: ListContactsQueryDto): Promise<Page<ContactView>> {
    const sort: ContactSort = query.sort ?? '-createdAt';
    const descending = sort.startsWith('-');
    const key = sort.replace(/^-/, '') as SortKey;
    const { expr, key: keyExpr, type, part } = SORTS[key];
    const builder = this.buildFilteredQuery(user, query);

    const cursor = decodeKeysetCursor(query.cursor, ['key', part, 'uuid']);
    if (cursor) {
      const [cursorSort, value, id] = cursor;
      if (cursorSort !== key) throw badCursorProblem();
      builder.andWhere(`(${expr}, c.id) ${descending ? '<' : '>'} (CAST(:cursorValue AS ${type}), CAST(:cursorId AS uuid))`, { cursorValue: value, cursorId: id });
    }
    const direction = descending ? 'DESC' : 'ASC';
    const limit = query.limit ?? 50;
    const { entities, raw } = await builder
      .addSelect(keyExpr, 'sort_key')
      .orderBy(expr, direction)
      .addOrderBy('c.id', direction)
      .limit(limit + 1)
      .getRawAndEntities<{ sort_key: string }>();
    const hasMore = entities.length > limit;
    const items = hasMore ? entities.slice(0, limit) : entities;
    const last = items.length - 1;
    return {
      items: items.map(toContactView),
      nextCursor: hasMore && last >= 0 ? encodeCursor([key, raw[last].sort_key, items[last].id]) : null,
    };
  }

  /**
   * Every word must appear in the search text (one GIN trigram index); when the text holds
   * digits, its compact form (no spaces or punctuation) is an alternative, for phones and tax ids.
   */
  private applySearch(builder: SelectQueryBuilder<Contact>, q: string): void {
    const terms = searchTermsOf(q);
    if (!terms) throw Problems.invalid([{ field: 'q', message: 'La búsqueda necesita al menos 3 letras o dígitos seguidos.' }]);
    const params: Record<string, string> = {};
    const words = terms.words.map((word, i) => {
      params[`qWord${i}`] = containsPattern(word);
      return `c.search_text LIKE :qWord${i}`;
    });
    let condition = words.join(' AND ');
    if (terms.compact) {
      params.qCompact = containsPattern(terms.compact);
      condition = `((${condition}) OR c.search_text LIKE :qCompact)`;
    }
    builder.andWhere(condition, params);
  }

  private applyCreatedRange(builder: SelectQueryBuilder<Contact>, from?: string, to?: string): void {
    const fromTime = from ? new Date(DATE_ONLY.test(from) ? `${from}T00:00:00Z` : from) : undefined;
    // A date alone means the whole day (UTC): before the next midnight.
    const toExclusive = to !== undefined && DATE_ONLY.test(to);
    const toTime = to ? (toExclusive ? new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000) : new Date(to)) : undefined;
    if (fromTime && toTime && (toExclusive ? fromTime >= toTime : fromTime > toTime)) {
      throw Problems.invalid([{ field: 'createdTo', message: 'createdTo no puede ser anterior a createdFrom.' }]);
    }
    if (fromTime) builder.andWhere('c.created_at >= :fCreatedFrom', { fCreatedFrom: fromTime.toISOString() });
    if (toTime) builder.andWhere(toExclusive ? 'c.created_at < :fCreatedTo' : 'c.created_at <= :fCreatedTo', { fCreatedTo: toTime.toISOString() });
  }
}
