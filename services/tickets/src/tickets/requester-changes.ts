import { Problems } from '@crm/common';
import type { RequesterChangesDto } from './dto/requester-changes.dto.js';
import type { Ticket } from './ticket.entity.js';

/** The requester's editable fields and the ticket columns that hold them. */
export const REQUESTER_COLUMNS = {
  name: 'requesterName',
  email: 'requesterEmail',
  phone: 'requesterPhone',
  documentType: 'requesterDocumentType',
  documentNumber: 'requesterDocumentNumber',
} as const satisfies Record<keyof RequesterChangesDto, keyof Ticket>;

export type RequesterField = keyof typeof REQUESTER_COLUMNS;

/**
 * What a PATCH's `requester` really changes (normalised: trimmed, e-mail in lower case; null
 * clears an optional field). The name cannot be cleared.
 */
export function requesterChangesOf(ticket: Ticket, dto: RequesterChangesDto): { field: RequesterField; to: string | null }[] {
  if (dto.name === null || (typeof dto.name === 'string' && dto.name.trim() === '')) {
    throw Problems.invalid([{ field: 'requester.name', message: 'El nombre del solicitante no puede quedar vacío.' }]);
  }
  const changes: { field: RequesterField; to: string | null }[] = [];
  for (const field of Object.keys(REQUESTER_COLUMNS) as RequesterField[]) {
    const raw = dto[field];
    if (raw === undefined) continue;
    const to = raw === null ? null : field === 'email' ? raw.trim().toLowerCase() : raw.trim();
    if (to !== ticket[REQUESTER_COLUMNS[field]]) changes.push({ field, to });
  }
  return changes;
}
