import { decodeKeysetCursor } from '@crm/common';

/** Keyset position of a list sorted by (created_at DESC, id DESC). */
export interface CreatedAtCursor {
  createdAt: Date;
  id: string;
}

/** Decodes and checks a cursor; a tampered one is a 400, never a query error. */
export function decodeCreatedAtCursor(cursor: string | undefined): CreatedAtCursor | undefined {
  const values = decodeKeysetCursor(cursor, ['time', 'uuid']);
  return values ? { createdAt: new Date(values[0]), id: values[1] } : undefined;
}
