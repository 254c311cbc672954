/** The tickets events a requester's `public-ticket:` topic receives (never `tickets.note.added`). */
export const PUBLIC_TICKET_EVENTS: ReadonlySet<string> = new Set(['tickets.ticket.replied', 'tickets.ticket.status_changed', 'tickets.conversation.read']);

/** Fields a requester may see: nothing about staff beyond a first name, no ids of users, no requester data. */
const PUBLIC_FIELDS = ['radicado', 'status', 'previousStatus', 'messageId', 'body', 'bodyHtml', 'authorKind', 'repliedAt', 'changedAt', 'readerKind', 'lastReadMessageId', 'readAt'] as const;

function firstName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const first = value.trim().split(/\s+/)[0];
  return first ? first : null;
}

/** What of a tickets event payload goes to the requester: a whitelist, staff names reduced to the first name. */
export function publicTicketData(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of PUBLIC_FIELDS) if (data[field] !== undefined) out[field] = data[field];
  if ('authorFirstName' in data) out.authorFirstName = firstName(data.authorFirstName);
  if ('readerFirstName' in data) out.readerFirstName = firstName(data.readerFirstName);
  if (Array.isArray(data.attachments)) {
    out.attachments = data.attachments.map((item: Record<string, unknown>) => ({ id: item?.id, fileName: item?.fileName, contentType: item?.contentType, size: item?.size }));
  }
  return out;
}
