const MAX_CODE_POINTS = 200;
const MAX_EXTENSION = 16;
const FALLBACK_NAME = 'file';

// C0/C1 controls (NUL included) and the bidi overrides used to disguise extensions
// ("factura\u202Efdp.exe" shows as "factura.exe.pdf"), plus zero-width characters.
const INVISIBLE = /[\p{Cc}\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;
// Characters Windows refuses in file names; replaced so the download saves everywhere.
const RESERVED = /[<>:"|?*]/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;

/**
 * A file name safe to store, show and offer as a download name: no directory part (`../`,
 * `C:\`), no control or bidi characters, no reserved characters, at most 200 characters with the
 * extension kept. Returns "file" when nothing usable is left.
 */
export function safeFileName(name: string): string {
  const normalized = String(name ?? '').normalize('NFC');
  // Both separators count: a Windows browser sends "C:\\Users\\x\\doc.pdf".
  const base = normalized.split(/[/\\]/).pop() ?? '';
  let cleaned = base.replace(INVISIBLE, '').replace(RESERVED, '_').replace(/\s+/g, ' ').trim();
  // Leading dots would make hidden files ("..", ".bashrc"); trailing dots and spaces are dropped by Windows.
  cleaned = cleaned.replace(/^\.+/, '').replace(/[. ]+$/, '');
  if (!cleaned) return FALLBACK_NAME;
  // Windows device names ("CON.txt", "nul") cannot be saved there.
  if (WINDOWS_DEVICE.test(cleaned)) cleaned = `_${cleaned}`;
  return truncateKeepingExtension(cleaned);
}

function truncateKeepingExtension(name: string): string {
  const chars = Array.from(name); // code points, so a surrogate pair is never cut in half
  if (chars.length <= MAX_CODE_POINTS) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? Array.from(name.slice(dot)) : [];
  if (extension.length > 1 && extension.length <= MAX_EXTENSION) {
    const stem = Array.from(name.slice(0, dot)).slice(0, MAX_CODE_POINTS - extension.length);
    return `${stem.join('').trimEnd()}${extension.join('')}`;
  }
  return chars.slice(0, MAX_CODE_POINTS).join('').trimEnd();
}
