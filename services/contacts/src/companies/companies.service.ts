import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { decodeKeysetCursor, encodeCursor, Problems, type Page } from '@crm/common';
import { keysetTimeKey } from '@crm/database';
import { ContactAccess } from '../contacts/contact-access.js';
import type { Contact } from '../contacts/contact.entity.js';
import { toContactView, type ContactView } from '../contacts/contact.view.js';
import type { ListCompaniesQueryDto } from './dto/list-companies.query.dto.js';

/** Each sort: its column, the exact value read back for the cursor (microseconds for times) and that value's cursor check. */
const SORTS = {
  createdAt: { column: 'c.created_at', key: keysetTimeKey('c.created_at'), part: 'time', type: 'timestamptz' },
  displayName: { column: 'c.display_name', key: 'c.display_name', part: 'text', type: 'text' },
} as const;

/**
 * Companies are contacts of kind `organization`; their people are the contacts whose companyId
 * points at them. Same tenant and visibility scoping as contacts: what you cannot see is 404.
 */
@Injectable()
export class CompaniesService {
  constructor(private readonly access: ContactAccess) {}

  list(user: AuthUser, query: ListCompaniesQueryDto): Promise<Page<ContactView>> {
    return this.page(this.access.visibleQuery(user).andWhere("c.kind = 'organization'"), query);
  }

  async get(user: AuthUser, id: string): Promise<ContactView> {
    return toContactView(await this.findCompany(user, id));
  }

  async people(user: AuthUser, id: string, query: ListCompaniesQueryDto): Promise<Page<ContactView>> {
    const company = await this.findCompany(user, id);
    return this.page(this.access.visibleQuery(user).andWhere('c.company_id = :companyId', { companyId: company.id }), query);
  }

  private async findCompany(user: AuthUser, id: string): Promise<Contact> {
    const company = await this.access.visibleQuery(user).andWhere('c.id = :id', { id }).andWhere("c.kind = 'organization'").getOne();
    if (!company) throw Problems.notFound('La empresa no existe o no es visible para usted.');
    return company;
  }

  private async page(builder: SelectQueryBuilder<Contact>, query: ListCompaniesQueryDto): Promise<Page<ContactView>> {
    const descending = query.sort.startsWith('-');
    const { column, key, part, type } = SORTS[query.sort.replace(/^-/, '') as keyof typeof SORTS];
    const cursor = decodeKeysetCursor(query.cursor, [part, 'uuid']);
    if (cursor) {
      builder.andWhere(`(${column}, c.id) ${descending ? '<' : '>'} (CAST(:cursorValue AS ${type}), CAST(:cursorId AS uuid))`, { cursorValue: cursor[0], cursorId: cursor[1] });
    }
    const direction = descending ? 'DESC' : 'ASC';
    const { entities, raw } = await builder
      .addSelect(key, 'sort_key')
      .orderBy(column, direction)
      .addOrderBy('c.id', direction)
      .limit(query.limit + 1)
      .getRawAndEntities<{ sort_key: string }>();
    const hasMore = entities.length > query.limit;
    const items = hasMore ? entities.slice(0, query.limit) : entities;
    const last = items.length - 1;
    return { items: items.map(toContactView), nextCursor: hasMore && last >= 0 ? encodeCursor([raw[last].sort_key, items[last].id]) : null };
  }
}
