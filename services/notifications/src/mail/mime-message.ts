import { randomBytes } from 'node:crypto';

/** What one outgoing e-mail is made of, before it becomes RFC 5322 bytes. */
export interface MimeMessageInput {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `<id@domain>`; the caller keeps it stable per delivery row. */
  messageId: string;
  date?: Date;
  /** Extra headers (threading, X-CRM-…); values are single-line, CR/LF are removed. */
  headers?: Record<string, string>;
  attachments?: readonly { filename: string; content: Buffer; contentType: string }[];
}

const CRLF = '\r\n';
/** Headers the composer writes itself: a caller's copy is ignored rather than sent twice. */
const OWN_HEADERS = new Set(['from', 'to', 'subject', 'date', 'message-id', 'mime-version', 'content-type', 'content-transfer-encoding']);
/** Printable ASCII without CR/LF: such a value goes into a header as it is. */
const PLAIN_HEADER_TEXT = /^[\x20-\x7e]*$/;
/** A display name that needs no quoting (RFC 5322 atoms and spaces). */
const ATOM_PHRASE = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]*$/;
/** UTF-8 bytes per encoded word: 45 bytes are 60 base64 characters, 72 with `=?UTF-8?B?…?=`. */
const ENCODED_WORD_BYTES = 45;

/**
 * The whole message as one buffer (headers, a text and an HTML alternative, attachments), so the
 * SMTP connection writes it in one piece. Written here rather than by nodemailer's composer,
 * which built each message as a stream of small chunks and quoted-printable-encoded the bodies
 * character by character: about half of the notifications process's CPU under load. Bodies are
 * base64 (any UTF-8, lines of 76); non-ASCII headers are RFC 2047 encoded words, non-ASCII file
 * names RFC 2231 parameters.
 */
export function composeMimeMessage(input: MimeMessageInput): Buffer {
  const lines: string[] = [
    `From: ${addressHeader(input.from)}`,
    `To: ${addressHeader(input.to)}`,
    `Subject: ${unstructuredHeader(input.subject)}`,
    `Date: ${rfc5322Date(input.date ?? new Date())}`,
    `Message-ID: ${singleLine(input.messageId)}`,
  ];
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    if (!/^[A-Za-z0-9-]+$/.test(name) || OWN_HEADERS.has(name.toLowerCase())) continue;
    lines.push(`${name}: ${unstructuredHeader(value)}`);
  }
  lines.push('MIME-Version: 1.0');
  const alternative = boundary();
  const alternativePart = [
    `Content-Type: multipart/alternative; boundary="${alternative}"`,
    '',
    `--${alternative}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(Buffer.from(canonicalLineBreaks(input.text), 'utf8')),
    `--${alternative}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(Buffer.from(canonicalLineBreaks(input.html), 'utf8')),
    `--${alternative}--`,
  ];
  const attachments = input.attachments ?? [];
  if (attachments.length === 0) return Buffer.from([...lines, ...alternativePart, ''].join(CRLF), 'utf8');
  const mixed = boundary();
  const parts = [...lines, `Content-Type: multipart/mixed; boundary="${mixed}"`, '', `--${mixed}`, ...alternativePart];
  for (const attachment of attachments) {
    parts.push(
      `--${mixed}`,
      `Content-Type: ${contentType(attachment.contentType)}; ${fileNameParameter('name', attachment.filename)}`,
      'Content-Transfer-Encoding: base64',
      `Content-Disposition: attachment; ${fileNameParameter('filename', attachment.filename)}`,
      '',
      base64Lines(attachment.content),
    );
  }
  parts.push(`--${mixed}--`, '');
  return Buffer.from(parts.join(CRLF), 'utf8');
}

/** The bare address of `Name <addr>` or `addr` (the SMTP envelope's). */
export function bareAddress(address: string): string {
  const match = /<([^<>]*)>\s*$/.exec(address);
  return singleLine((match ? match[1]! : address).trim());
}

function addressHeader(address: string): string {
  const match = /^\s*(.*?)\s*<([^<>]*)>\s*$/.exec(address);
  if (!match) return singleLine(address.trim());
  const name = match[1]!.replace(/^"(.*)"$/, '$1');
  const addr = singleLine(match[2]!.trim());
  if (name === '') return `<${addr}>`;
  if (!PLAIN_HEADER_TEXT.test(name)) return `${encodedWords(name)} <${addr}>`;
  return ATOM_PHRASE.test(name) ? `${name} <${addr}>` : `"${name.replace(/(["\\])/g, '\\$1')}" <${addr}>`;
}

/** A header's text: as it is when it is short printable ASCII, else RFC 2047 words folded over lines. */
function unstructuredHeader(value: string): string {
  const text = value.replace(/[\r\n]+/g, ' ');
  if (PLAIN_HEADER_TEXT.test(text)) return foldAtSpaces(text);
  return encodedWords(text);
}

function encodedWords(text: string): string {
  const words: string[] = [];
  let chunk = '';
  let bytes = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > ENCODED_WORD_BYTES) {
      words.push(chunk);
      chunk = '';
      bytes = 0;
    }
    chunk += char;
    bytes += size;
  }
  if (chunk !== '' || words.length === 0) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word, 'utf8').toString('base64')}?=`).join(`${CRLF} `);
}

/** Long ASCII values (References) are folded at spaces so no line passes 78 characters where it can be helped. */
function foldAtSpaces(text: string): string {
  if (text.length <= 76) return text;
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > 76) {
      out.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  out.push(line);
  return out.join(`${CRLF} `);
}

function singleLine(value: string): string {
  return value.replace(/[\r\n]+/g, '');
}

function contentType(value: string): string {
  return /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+$/.test(value) ? value : 'application/octet-stream';
}

/** `filename="…"`, or RFC 2231's `filename*=UTF-8''…` for a name that is not plain ASCII. */
function fileNameParameter(parameter: string, fileName: string): string {
  const name = singleLine(fileName);
  if (PLAIN_HEADER_TEXT.test(name) && !/["\\]/.test(name)) return `${parameter}="${name}"`;
  return `${parameter}*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

function base64Lines(content: Buffer): string {
  const encoded = content.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += 76) lines.push(encoded.slice(i, i + 76));
  return lines.join(CRLF);
}

function boundary(): string {
  return `=_crm_${randomBytes(12).toString('hex')}`;
}

/** `Mon, 07 Dec 2026 03:20:00 +0000` (RFC 5322 §3.3; the "GMT" of toUTCString is the obsolete form). */
function rfc5322Date(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

/** Text parts travel in canonical form (RFC 2046 §4.1.1): every line break CRLF, whatever the template wrote. */
function canonicalLineBreaks(text: string): string {
  return text.replace(/\r?\n/g, CRLF);
}
