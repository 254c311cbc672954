import { decodeCursor, Problems } from '@crm/common';

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** A [time, id] keyset cursor, checked so a forged one is a 400 and never a bad SQL timestamp. */
export function timeKeysetCursor(cursor: string | undefined): [string, string] | undefined {
  const values = decodeCursor(cursor, 2);
  if (!values) return undefined;
  const [time, id] = values;
  if (typeof time === 'string' && TIME.test(time) && typeof id === 'string' && id.length > 0 && id.length <= 200) return [time, id];
  throw Problems.invalid([{ field: 'cursor', message: 'cursor inválido' }], 'El cursor de paginación no es válido.');
}
