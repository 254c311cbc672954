import type { Ticket } from '../tickets/ticket.entity.js';

type RequesterFields = Pick<Ticket, 'contactId' | 'requesterEmail' | 'requesterDocumentType' | 'requesterDocumentNumber'>;

const norm = (value: string | null | undefined) => value?.trim().toLowerCase() || null;

/**
 * Two tickets are from the same requester when they share the contact, the e-mail or the identity
 * document. Only then may one be merged into the other: the duplicate's public conversation
 * becomes part of the primary's tracking page, which must never show one person another's messages.
 */
export function sameRequester(a: RequesterFields, b: RequesterFields): boolean {
  if (a.contactId && a.contactId === b.contactId) return true;
  const email = norm(a.requesterEmail);
  if (email && email === norm(b.requesterEmail)) return true;
  const document = norm(a.requesterDocumentNumber);
  return !!document && document === norm(b.requesterDocumentNumber) && norm(a.requesterDocumentType) === norm(b.requesterDocumentType);
}
