/** A topic as clients name it (REALTIME-CONTRACT.md), parsed. */
export type RealtimeTopic =
  | { kind: 'ticket'; name: string; ticketId: string }
  | { kind: 'public-ticket'; name: string; radicado: string }
  | { kind: 'opportunity'; name: string; opportunityId: string }
  | { kind: 'notifications'; name: 'notifications' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RADICADO = /^[A-Z0-9]{1,10}-\d{4}-\d{6,}$/;

/** The topic `name` denotes, or undefined when it is not one (the client gets `error`, not `refused`). */
export function parseTopic(name: unknown): RealtimeTopic | undefined {
  if (typeof name !== 'string' || name.length > 100) return undefined;
  if (name === 'notifications') return { kind: 'notifications', name };
  const colon = name.indexOf(':');
  if (colon < 0) return undefined;
  const prefix = name.slice(0, colon);
  const id = name.slice(colon + 1);
  if (prefix === 'ticket' && UUID.test(id)) return { kind: 'ticket', name: `ticket:${id.toLowerCase()}`, ticketId: id.toLowerCase() };
  if (prefix === 'opportunity' && UUID.test(id)) return { kind: 'opportunity', name: `opportunity:${id.toLowerCase()}`, opportunityId: id.toLowerCase() };
  if (prefix === 'public-ticket' && RADICADO.test(id)) return { kind: 'public-ticket', name, radicado: id };
  return undefined;
}

/**
 * Internal keys the hub fans out on. Ticket and opportunity ids are UUIDs (unique across
 * tenants), and a subscription to one only exists after the tenant-scoped REST check passed;
 * the feed key carries tenant and user. The public side of a ticket is keyed by the ticket id
 * too: radicados repeat across tenants.
 */
export const topicKeys = {
  staffTicket: (ticketId: string) => `ticket|${ticketId}`,
  publicTicket: (ticketId: string) => `public|${ticketId}`,
  opportunity: (opportunityId: string) => `opportunity|${opportunityId}`,
  notifications: (tenantId: string, userId: string) => `notifications|${tenantId}|${userId}`,
};
