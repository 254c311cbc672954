import type { AddressObject, HeaderValue, ParsedMail } from 'mailparser';

export interface ReceivedAttachment {
  fileName: string | null;
  contentType: string;
  size: number;
}

/** One message as an SMTP server received it, parsed for assertions. */
export interface ReceivedMail {
  id: string;
  /** The From header as displayed, e.g. `CRM <crm@demo.test>`. */
  from: string;
  /** Every envelope recipient (RCPT TO), so To, Cc and Bcc recipients all appear here. */
  to: string[];
  /** The addresses in the To and Cc headers. */
  headerTo: string[];
  headerCc: string[];
  envelopeFrom: string | null;
  /** Decoded (RFC 2047 encoded words resolved). */
  subject: string;
  /** The text part without trailing whitespace, '' when there is none. */
  text: string;
  /** The HTML part, '' when there is none. */
  html: string;
  /** Lower-case header names; repeated headers are joined with newlines. */
  headers: Record<string, string>;
  messageId: string | null;
  attachments: ReceivedAttachment[];
  /** The message source exactly as received (UTF-8 decoded). */
  raw: string;
  receivedAt: Date;
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((entry) => entry.value.map((address) => address.address ?? '').filter(Boolean));
}

function headerText(value: HeaderValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => headerText(item as HeaderValue) ?? '').join(', ');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('value' in value && typeof value.value === 'string' && 'params' in value) {
    const params = Object.entries(value.params ?? {}).map(([key, param]) => `; ${key}=${param}`);
    return `${value.value}${params.join('')}`;
  }
  return undefined;
}

/** Header values decoded where mailparser understood them, else the raw (unfolded) line. */
function headerRecord(parsed: ParsedMail): Record<string, string> {
  const record: Record<string, string> = {};
  const seen = new Set<string>();
  for (const { key, line } of parsed.headerLines) {
    const rawValue = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    const decoded = seen.has(key) ? undefined : headerText(parsed.headers.get(key));
    record[key] = seen.has(key) ? `${record[key]}\n${rawValue}` : (decoded ?? rawValue);
    seen.add(key);
  }
  return record;
}

export function toReceivedMail(id: string, parsed: ParsedMail, raw: Buffer, envelope: { mailFrom: string | null; rcptTo: string[] }): ReceivedMail {
  return {
    id,
    from: parsed.from?.text ?? '',
    to: envelope.rcptTo,
    headerTo: addresses(parsed.to),
    headerCc: addresses(parsed.cc),
    envelopeFrom: envelope.mailFrom,
    subject: parsed.subject ?? '',
    text: (parsed.text ?? '').trimEnd(),
    html: parsed.html || '',
    headers: headerRecord(parsed),
    messageId: parsed.messageId ?? null,
    attachments: parsed.attachments.map((attachment) => ({
      fileName: attachment.filename ?? null,
      contentType: attachment.contentType,
      size: attachment.size,
    })),
    raw: raw.toString('utf8'),
    receivedAt: new Date(),
  };
}
