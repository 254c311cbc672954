import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { decodeCursor, Problems, toPage, type Page } from '@crm/common';
import { ContactAccess } from '../contacts/contact-access.js';
import type { Contact } from '../contacts/contact.entity.js';
import { toContactView, type ContactView } from '../contacts/contact.view.js';
import type { ListCompaniesQueryDto } from './dto/list-companies.query.dto.js';

const SORT_COLUMNS = { createdAt: 'c.created_at', displayName: 'c.display_name' } as const;

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
    const key = query.sort.replace(/^-/, '') as keyof typeof SORT_COLUMNS;
    const column = SORT_COLUMNS[key];
    const cursor = decodeCursor(query.cursor, 2);
    if (cursor) builder.andWhere(`(${column}, c.id) ${descending ? '<' : '>'} (:cursorValue, :cursorId)`, { cursorValue: cursor[0], cursorId: cursor[1] });
    const direction = descending ? 'DESC' : 'ASC';
    const rows = await builder.orderBy(column, direction).addOrderBy('c.id', direction).limit(query.limit + 1).getMany();
    return toPage(rows, query.limit, (row) => [key === 'createdAt' ? row.createdAt.toISOString() : row.displayName, row.id], toContactView);
  }
}
