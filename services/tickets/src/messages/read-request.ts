import { Problems } from '@crm/common';

/** The optional body of a read receipt: `{ "messageId": "…" }`, or nothing for "up to the latest". */
export function readMessageId(body: unknown): string | undefined {
  if (body === undefined || body === null || body === '') return undefined;
  if (typeof body !== 'object' || Array.isArray(body)) throw Problems.invalid([{ field: 'body', message: 'Envíe los datos como un objeto JSON.' }]);
  const unknown = Object.keys(body).filter((key) => key !== 'messageId');
  if (unknown.length) throw Problems.invalid(unknown.map((field) => ({ field, message: `El campo "${field}" no está permitido.` })));
  const { messageId } = body as { messageId?: unknown };
  if (messageId === undefined || messageId === null) return undefined;
  if (typeof messageId !== 'string') throw Problems.invalid([{ field: 'messageId', message: 'Identificador de mensaje inválido.' }]);
  return messageId;
}
