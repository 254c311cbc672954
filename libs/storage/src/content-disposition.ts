import { safeFileName } from './safe-file-name.js';

/** RFC 5987 value-chars: everything else is percent-encoded (encodeURIComponent leaves '()*!). */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** An ASCII stand-in for old clients: accents dropped ("José" → "Jose"), other characters → "_". */
function asciiFallback(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
}

/**
 * `attachment; filename="..."` (plus `filename*=UTF-8''...` when the name is not ASCII), so
 * browsers save the file instead of rendering it inline.
 */
export function attachmentDisposition(fileName: string): string {
  const safe = safeFileName(fileName);
  const ascii = asciiFallback(safe);
  if (ascii === safe) return `attachment; filename="${ascii}"`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(safe)}`;
}
