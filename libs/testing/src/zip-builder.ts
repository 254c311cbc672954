import { crc32, deflateRawSync } from 'node:zlib';

/** One file of a test archive: its bytes, whether to deflate them, and what the directory claims. */
export interface ZipFileSpec {
  data: string | Buffer;
  /** Deflate (method 8) instead of storing (method 0). */
  deflate?: boolean;
  /** The uncompressed size written in the headers; a zip bomb may claim less than it holds. */
  declaredSize?: number;
}

function header(size: number, signature: number, fields: [offset: number, value: number, bytes: 2 | 4][]): Buffer {
  const buffer = Buffer.alloc(size);
  buffer.writeUInt32LE(signature, 0);
  for (const [offset, value, bytes] of fields) {
    if (bytes === 2) buffer.writeUInt16LE(value, offset);
    else buffer.writeUInt32LE(value, offset);
  }
  return buffer;
}

/**
 * A ZIP archive written byte by byte, with local headers and a central directory (like an OOXML
 * package), for tests of code that reads archives: sniffers, limits, zip bombs.
 */
export function buildZip(entries: Record<string, string | Buffer | ZipFileSpec>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, entry] of Object.entries(entries)) {
    const spec: ZipFileSpec = typeof entry === 'string' || Buffer.isBuffer(entry) ? { data: entry } : entry;
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.isBuffer(spec.data) ? spec.data : Buffer.from(spec.data, 'utf8');
    const stored = spec.deflate ? deflateRawSync(data, { level: 9 }) : data;
    const method = spec.deflate ? 8 : 0;
    const crc = crc32(data);
    const size = spec.declaredSize ?? data.length;
    const local = header(30, 0x04034b50, [
      [4, 20, 2],
      [8, method, 2],
      [14, crc, 4],
      [18, stored.length, 4],
      [22, size, 4],
      [26, nameBytes.length, 2],
    ]);
    const central = header(46, 0x02014b50, [
      [4, 20, 2],
      [6, 20, 2],
      [10, method, 2],
      [16, crc, 4],
      [20, stored.length, 4],
      [24, size, 4],
      [28, nameBytes.length, 2],
      [42, offset, 4],
    ]);
    locals.push(local, nameBytes, stored);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const count = Object.keys(entries).length;
  const end = header(22, 0x06054b50, [
    [8, count, 2],
    [10, count, 2],
    [12, directory.length, 4],
    [16, offset, 4],
  ]);
  return Buffer.concat([...locals, directory, end]);
}
