import { createHash } from 'node:crypto';

/**
 * Requesters are not users, but an e-mail delivery is keyed by (event id, recipient uuid). A
 * name-based UUID (version 5 layout, SHA-1 of a fixed prefix and the lower-cased address) gives
 * every address one stable id, so an event mails each address once however often it arrives.
 */
export function requesterRecipientId(email: string): string {
  const bytes = createHash('sha1').update(`crm:ticket-requester:${email.trim().toLowerCase()}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
