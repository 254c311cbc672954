import type { EntityManager } from 'typeorm';
import type { SqlPart } from './creation-writes.js';
import { Ticket } from './ticket.entity.js';

/**
 * The INSERT of a new ticket row for the radicado's statement: every mapped column with a value
 * (TypeORM's metadata, so a new column is not forgotten), the radicado taken from the statement's
 * `counter`.
 */
export function ticketInsertPart(em: EntityManager, ticket: Ticket): SqlPart {
  const columns: string[] = [];
  const values: string[] = [];
  const params: unknown[] = [];
  for (const column of em.connection.getMetadata(Ticket).columns) {
    if (column.isVirtual) continue;
    if (column.databaseName === 'radicado') {
      columns.push('radicado');
      values.push('(SELECT radicado FROM counter)');
      continue;
    }
    const value: unknown = column.getEntityValue(ticket, true);
    if (value === undefined) continue;
    columns.push(`"${column.databaseName}"`);
    params.push(value);
    values.push(`$${params.length}`);
  }
  return { sql: `INSERT INTO tickets.ticket (${columns.join(', ')}) VALUES (${values.join(', ')})`, params };
}
