import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Message-IDs of the e-mails the platform sends about a ticket, verifiable without shared state:
 * notifications writes them, the tickets e-mail channel reads them back from the `In-Reply-To`
 * and `References` of a reply (to find the ticket) and from an incoming `Message-ID` (to
 * recognise its own mail coming back: a loop).
 *
 *   <t.<ticketId>.<mac>@<domain>>          the thread root: the acuse de recibo
 *   <t.<ticketId>.<part>.<mac>@<domain>>   any later e-mail of the ticket (part: the event id, hex)
 *
 * mac = first 22 base64url characters (132 bits) of HMAC-SHA256(secret, "ticket-mail:<ticketId>:<part>").
 * Nobody without the secret can make an id that points at a ticket; the domain is not part of
 * the proof (MAIL_FROM may change), the tenant is checked by the reader (the ticket must belong
 * to the tenant of the support address the mail came to).
 */
const MAC_LENGTH = 22;
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const LOCAL_PART = new RegExp(`^t\\.(${UUID})(?:\\.([0-9a-f]{1,64}))?\\.([A-Za-z0-9_-]{${MAC_LENGTH}})$`, 'i');

function mac(secret: string, ticketId: string, part: string): string {
  return createHmac('sha256', secret).update(`ticket-mail:${ticketId.toLowerCase()}:${part}`).digest('base64url').slice(0, MAC_LENGTH);
}

/** The secret both services use: TICKET_MAIL_ID_SECRET, else JWT_SECRET (as the tracking tokens do). */
export function ticketMailIdSecret(env: NodeJS.ProcessEnv = process.env): string {
  const secret = env.TICKET_MAIL_ID_SECRET?.trim() || env.JWT_SECRET || '';
  if (secret.length < 32) throw new Error('Environment variable TICKET_MAIL_ID_SECRET (or JWT_SECRET) must be at least 32 characters');
  return secret;
}

/** `<t.…@domain>` with angle brackets, as the Message-ID header carries it. `part` omitted = the thread root. */
export function ticketMailId(secret: string, ticketId: string, domain: string, part?: string): string {
  const cleanPart = part?.toLowerCase().replace(/[^0-9a-f]/g, '') ?? '';
  const local = cleanPart ? `t.${ticketId}.${cleanPart}.${mac(secret, ticketId, cleanPart)}` : `t.${ticketId}.${mac(secret, ticketId, '')}`;
  return `<${local}@${domain}>`;
}

/** The ticket a Message-ID of ours points at, or null (not ours, or forged). Accepts it with or without brackets. */
export function parseTicketMailId(secret: string, messageId: string): { ticketId: string; root: boolean } | null {
  const bare = messageId.trim().replace(/^<|>$/g, '');
  const at = bare.lastIndexOf('@');
  if (at <= 0) return null;
  const match = LOCAL_PART.exec(bare.slice(0, at));
  if (!match) return null;
  const ticketId = match[1]!.toLowerCase();
  const part = match[2]?.toLowerCase() ?? '';
  const expected = Buffer.from(mac(secret, ticketId, part));
  const given = Buffer.from(match[3]!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { ticketId, root: part === '' };
}

/** The domain of an address like `CRM <no-reply@crm.example>`; `crm.local` when there is none. */
export function mailDomainOf(address: string | undefined): string {
  const match = /@([^>\s]+)>?\s*$/.exec(address ?? '');
  return match?.[1] ?? 'crm.local';
}
