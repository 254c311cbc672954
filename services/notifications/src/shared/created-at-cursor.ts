import { decodeCursor, Problems } from '@crm/common';

/** Keyset position of a list sorted by (created_at DESC, id DESC). */
export interface CreatedAtCursor {
  createdAt: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Decodes and checks a cursor; a tampered one is a 400, never a query error. */
export function decodeCreatedAtCursor(cursor: string | undefined): CreatedAtCursor | undefined {
  const values = decodeCursor(cursor, 2);
  if (!values) return undefined;
  const [createdAt, id] = values;
  const date = typeof createdAt === 'string' ? new Date(createdAt) : undefined;
  if (!date || Number.isNaN(date.getTime()) || typeof id !== 'string' || !UUID.test(id)) {
    throw Problems.invalid([{ field: 'cursor', message: 'cursor inválido' }], 'El cursor de paginación no es válido.');
  }
  return { createdAt: date, id };
}
