import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type HeaderValue } from 'mailparser';
import { readAuthVerdicts, type AuthVerdicts } from './auth-results.js';
import type { LoopSignals } from './loop-guard.js';

/** One file of an e-mail, as it came (sniffed and limited later). */
export interface InboundFile {
  fileName: string;
  bytes: Buffer;
  /** An image the HTML shows inline (a signature logo): not kept as an attachment. */
  inline: boolean;
}

/** An e-mail as the channel needs it: who, what, which thread, which files, what the servers said. */
export interface InboundMail {
  /** `<id@host>` with brackets; a hash of the bytes when the sender gave none (so a redelivery is still the same). */
  messageId: string;
  fromAddress: string | null;
  fromName: string | null;
  subject: string;
  text: string;
  /** Message-IDs this one answers: In-Reply-To first, then References from the newest. */
  answers: string[];
  files: InboundFile[];
  auth: AuthVerdicts;
  loop: LoopSignals;
  sizeBytes: number;
}

const MESSAGE_ID = /<[^<>\s]{1,900}>/g;

function idsIn(value: string | string[] | undefined): string[] {
  const text = Array.isArray(value) ? value.join(' ') : (value ?? '');
  const found = text.match(MESSAGE_ID);
  if (found) return found;
  return text.trim() && !/\s/.test(text.trim()) ? [`<${text.trim().replace(/^<|>$/g, '')}>`] : [];
}

function firstAddress(value: AddressObject | AddressObject[] | undefined): { address: string | null; name: string | null } {
  const entry = (Array.isArray(value) ? value[0] : value)?.value[0];
  const address = entry?.address?.trim().toLowerCase() || null;
  return { address, name: entry?.name?.trim() || null };
}

function headerString(value: HeaderValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return headerString(value[0] as HeaderValue);
  if (value instanceof Date) return value.toISOString();
  if ('value' in value && typeof value.value === 'string' && 'params' in value) {
    const params = Object.entries(value.params ?? {}).map(([key, param]) => `; ${key}="${param}"`);
    return `${value.value}${params.join('')}`;
  }
  return 'text' in value ? value.text : '';
}

/** Crude but safe: the text of an HTML-only e-mail, when the parser gave no text part. */
function textOfHtml(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/p>|<\/div>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Parses the bytes of one e-mail (mailparser); `envelopeFrom` is the SMTP MAIL FROM ('' for `<>`). */
export async function readInboundMail(raw: Buffer, envelopeFrom: string | null): Promise<InboundMail> {
  const parsed = await simpleParser(raw, { skipHtmlToText: false, skipImageLinks: true, skipTextLinks: true, skipTextToHtml: true });
  const from = firstAddress(parsed.from);
  const headers = new Map<string, string>();
  for (const [key, value] of parsed.headers) headers.set(key.toLowerCase(), headerString(value));
  const answers = [...idsIn(parsed.inReplyTo), ...idsIn(parsed.references).reverse()];
  const messageId = idsIn(parsed.messageId)[0] ?? `<sha256.${createHash('sha256').update(raw).digest('hex')}@sin-message-id>`;
  return {
    messageId,
    fromAddress: from.address,
    fromName: from.name,
    subject: (parsed.subject ?? '').trim(),
    text: parsed.text ?? (parsed.html ? textOfHtml(parsed.html) : ''),
    answers: [...new Set(answers)],
    files: parsed.attachments.map((attachment, index) => ({
      fileName: attachment.filename?.trim() || `adjunto-${index + 1}`,
      bytes: attachment.content,
      inline: Boolean(attachment.related) && attachment.contentDisposition !== 'attachment',
    })),
    auth: readAuthVerdicts(parsed.headerLines),
    loop: { headers, messageId, fromAddress: from.address, envelopeFrom, contentType: headers.get('content-type') ?? null },
    sizeBytes: raw.length,
  };
}
