// Markup that a browser (or an image viewer, for SVG) would render or execute if it ever sniffed
// the file as HTML. A text upload containing any of these is refused, so no "notes.txt" or
// "export.csv" can carry stored XSS.
const ACTIVE_MARKUP = ['<html', '<head', '<body', '<script', '<svg', '<!doctype', '<?xml', '<iframe', '<object', '<embed', '<meta', '<style'];

const TAB = 0x09;
const LINE_FEED = 0x0a;
const FORM_FEED = 0x0c;
const CARRIAGE_RETURN = 0x0d;
const DELETE = 0x7f;

/** NUL and the other C0 controls never appear in real text or CSV (tab and line breaks aside). */
function hasBinaryControls(bytes: Buffer): boolean {
  for (const byte of bytes) {
    if (byte === DELETE) return true;
    if (byte < 0x20 && byte !== TAB && byte !== LINE_FEED && byte !== FORM_FEED && byte !== CARRIAGE_RETURN) return true;
  }
  return false;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** True for valid UTF-8 text with no binary controls and no HTML/SVG/XML/script markup. */
export function isInertUtf8Text(bytes: Buffer): boolean {
  if (hasBinaryControls(bytes)) return false;
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return false;
  }
  const lower = text.toLowerCase();
  return !ACTIVE_MARKUP.some((marker) => lower.includes(marker));
}
