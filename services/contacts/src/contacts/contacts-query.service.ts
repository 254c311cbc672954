import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@crm/auth';
import { decodeCursor, toPage, type Page } from '@crm/common';
import { ContactAccess } from './contact-access.js';
import type { Contact } from './contact.entity.js';
import { toContactView, type ContactView } from './contact.view.js';
import type { ListContactsQueryDto } from './dto/list-contacts.query.dto.js';

const SORT_COLUMNS = { createdAt: 'c.created_at', displayName: 'c.display_name' } as const;

/** Filtered, searched, keyset-paginated contact lists (no OFFSET, no count over the table). */
@Injectable()
export class ContactsQueryService {
  constructor(private readonly access: ContactAccess) {}

  async list(user: AuthUser, query: ListContactsQueryDto): Promise<Page<ContactView>> {
    const descending = query.sort.startsWith('-');
    const key = query.sort.replace(/^-/, '') as keyof typeof SORT_COLUMNS;
    const column = SORT_COLUMNS[key];
    const builder = this.access.visibleQuery(user);
    if (query.q) {
      // Trigram index on name + e-mail; the minimum length keeps it selective.
      builder.andWhere("(c.display_name || ' ' || coalesce(c.email, '')) ILIKE :q", { q: `%${query.q.replace(/[%_\\]/g, (ch) => `\\${ch}`)}%` });
    }
    if (query.kind) builder.andWhere('c.kind = :kind', { kind: query.kind });
    if (query.lifecycle) builder.andWhere('c.lifecycle = :lifecycle', { lifecycle: query.lifecycle });
    if (query.ownerId) builder.andWhere('c.owner_id = :ownerId', { ownerId: query.ownerId });
    if (query.teamId) builder.andWhere('c.team_id = :teamId', { teamId: query.teamId });

    const cursor = decodeCursor(query.cursor, 2);
    if (cursor) {
      const [value, id] = cursor;
      builder.andWhere(`(${column}, c.id) ${descending ? '<' : '>'} (:cursorValue, :cursorId)`, { cursorValue: value, cursorId: id });
    }
    const direction = descending ? 'DESC' : 'ASC';
    const rows = await builder.orderBy(column, direction).addOrderBy('c.id', direction).limit(query.limit + 1).getMany();
    const keyOf = (row: Contact) => [key === 'createdAt' ? row.createdAt.toISOString() : row.displayName, row.id];
    return toPage(rows, query.limit, keyOf, toContactView);
  }
}
