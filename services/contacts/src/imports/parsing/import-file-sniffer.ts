export type CsvEncoding = 'utf-8' | 'windows-1252';
export type SniffedImport = { format: 'csv'; encoding: CsvEncoding } | { format: 'xlsx' };

const ZIP_LOCAL_HEADER = 0x04034b50;
const ZIP_CENTRAL_HEADER = 0x02014b50;
const ZIP_END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** Bytes Windows-1252 leaves undefined: a file with them is not text in that encoding either. */
const UNDEFINED_IN_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

function hasBinaryControls(bytes: Buffer): boolean {
  for (const byte of bytes) {
    if (byte === 0x7f || (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d)) return true;
  }
  return false;
}

function isUtf8Prefix(bytes: Buffer): boolean {
  try {
    // stream: true tolerates a character cut at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Judges an import upload by its first bytes, never by its name or declared type: a ZIP may be
 * an XLSX (confirmed at the end with {@link isSpreadsheetZip}); text is CSV in UTF-8 or, as Excel
 * in Spanish saves "CSV (delimitado por comas)", Windows-1252. Anything else is refused (415).
 */
export function sniffImportHead(head: Buffer): SniffedImport | null {
  if (head.length >= 4 && head.readUInt32LE(0) === ZIP_LOCAL_HEADER) return { format: 'xlsx' };
  if (head.length === 0 || hasBinaryControls(head)) return null;
  if (isUtf8Prefix(head)) return { format: 'csv', encoding: 'utf-8' };
  if (head.some((byte) => UNDEFINED_IN_1252.has(byte))) return null;
  return { format: 'csv', encoding: 'windows-1252' };
}

/** One entry of a ZIP central directory: what the archive says about it (the sizes may lie). */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate. */
  method: number;
  compressedSize: number;
  /** As declared; a zip bomb may declare less than it expands to. */
  declaredSize: number;
  /** Where its local header starts in the file. */
  localHeaderOffset: number;
}

/** The ZIP central directory found in the last bytes of the file, or null (not found, damaged or ZIP64). */
export function zipDirectoryFromTail(tail: Buffer, totalSize: number): ZipEntry[] | null {
  const lowest = Math.max(0, tail.length - 22 - 0xffff);
  let eocd = -1;
  for (let offset = tail.length - 22; offset >= lowest; offset--) {
    if (tail.readUInt32LE(offset) === ZIP_END_OF_CENTRAL_DIRECTORY) {
      eocd = offset;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = tail.readUInt16LE(eocd + 10);
  let offset = tail.readUInt32LE(eocd + 16) - (totalSize - tail.length);
  if (offset < 0) return null; // directory not within the tail we kept (or ZIP64): not a file we accept
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > tail.length || tail.readUInt32LE(offset) !== ZIP_CENTRAL_HEADER) return null;
    const nameLength = tail.readUInt16LE(offset + 28);
    const extraLength = tail.readUInt16LE(offset + 30);
    const commentLength = tail.readUInt16LE(offset + 32);
    entries.push({
      name: tail.toString('utf8', offset + 46, offset + 46 + nameLength),
      method: tail.readUInt16LE(offset + 10),
      compressedSize: tail.readUInt32LE(offset + 20),
      declaredSize: tail.readUInt32LE(offset + 24),
      localHeaderOffset: tail.readUInt32LE(offset + 42),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Entry names from the ZIP central directory found in the last bytes of the file, or null. */
export function zipNamesFromTail(tail: Buffer, totalSize: number): string[] | null {
  return zipDirectoryFromTail(tail, totalSize)?.map((entry) => entry.name) ?? null;
}

/** An OOXML workbook without macros (a renamed .xlsm or a .docx is not a spreadsheet to import). */
export function isSpreadsheetZip(names: readonly string[] | null): boolean {
  if (!names) return false;
  return names.includes('[Content_Types].xml') && names.some((name) => name.startsWith('xl/')) && !names.some((name) => name.toLowerCase().endsWith('vbaproject.bin'));
}
