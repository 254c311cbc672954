import { isOleCompoundFile, oleStreamNames } from './ole-streams.js';
import { isInertUtf8Text } from './plain-text.js';
import { zipEntryNames } from './zip-entries.js';

export interface SniffedType {
  mime: string;
  extension: string;
}

const type = (mime: string, extension: string): SniffedType => ({ mime, extension });

export const ALLOWED_TYPES = {
  pdf: type('application/pdf', 'pdf'),
  png: type('image/png', 'png'),
  jpeg: type('image/jpeg', 'jpg'),
  gif: type('image/gif', 'gif'),
  webp: type('image/webp', 'webp'),
  docx: type('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'),
  xlsx: type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'),
  pptx: type('application/vnd.openxmlformats-officedocument.presentationml.presentation', 'pptx'),
  doc: type('application/msword', 'doc'),
  xls: type('application/vnd.ms-excel', 'xls'),
  csv: type('text/csv', 'csv'),
  txt: type('text/plain', 'txt'),
} as const;

function startsWith(bytes: Buffer, signature: number[] | string, offset = 0): boolean {
  const expected = typeof signature === 'string' ? Buffer.from(signature, 'latin1') : Buffer.from(signature);
  return bytes.length >= offset + expected.length && bytes.subarray(offset, offset + expected.length).equals(expected);
}

function sniffImageOrPdf(bytes: Buffer): SniffedType | null {
  if (startsWith(bytes, '%PDF-')) return ALLOWED_TYPES.pdf;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return ALLOWED_TYPES.png;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return ALLOWED_TYPES.jpeg;
  if (startsWith(bytes, 'GIF87a') || startsWith(bytes, 'GIF89a')) return ALLOWED_TYPES.gif;
  if (startsWith(bytes, 'RIFF') && startsWith(bytes, 'WEBP', 8)) return ALLOWED_TYPES.webp;
  return null;
}

/**
 * OOXML is a ZIP with `[Content_Types].xml` and a `word/`, `xl/` or `ppt/` part. Macro-carrying
 * packages (a `vbaProject.bin` part, i.e. .docm/.xlsm renamed) are refused; other ZIPs too.
 */
function sniffOfficeZip(bytes: Buffer): SniffedType | null {
  const names = zipEntryNames(bytes);
  if (!names.includes('[Content_Types].xml')) return null;
  if (names.some((name) => name.toLowerCase().endsWith('vbaproject.bin'))) return null;
  if (names.some((name) => name.startsWith('word/'))) return ALLOWED_TYPES.docx;
  if (names.some((name) => name.startsWith('xl/'))) return ALLOWED_TYPES.xlsx;
  if (names.some((name) => name.startsWith('ppt/'))) return ALLOWED_TYPES.pptx;
  return null;
}

/** Legacy Word and Excel are OLE compound files told apart by their main stream. */
function sniffLegacyOffice(bytes: Buffer): SniffedType | null {
  const streams = oleStreamNames(bytes);
  if (streams.has('WordDocument')) return ALLOWED_TYPES.doc;
  if (streams.has('Workbook') || streams.has('Book')) return ALLOWED_TYPES.xls;
  return null;
}

/**
 * Decides what an upload really is from its bytes, against an allow-list. The declared MIME
 * type and the extension are never trusted: HTML renamed to .pdf, SVG, executables and anything
 * unknown give null. The file name only chooses between CSV and plain text, which are equally
 * inert once the bytes are known to be clean UTF-8 text.
 */
export function sniffContentType(bytes: Buffer, fileName: string): SniffedType | null {
  if (bytes.length === 0) return null;
  const binary = sniffImageOrPdf(bytes);
  if (binary) return binary;
  if (startsWith(bytes, 'PK\x03\x04')) return sniffOfficeZip(bytes);
  if (isOleCompoundFile(bytes)) return sniffLegacyOffice(bytes);
  if (isInertUtf8Text(bytes)) {
    return /\.csv$/i.test(fileName.trim()) ? ALLOWED_TYPES.csv : ALLOWED_TYPES.txt;
  }
  return null;
}
