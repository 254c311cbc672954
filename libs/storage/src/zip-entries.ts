const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const MAX_ENTRIES = 10_000; // enough for any real Office file; stops pathological archives

/** Finds the End Of Central Directory record, which sits in the last 22 + 65535 bytes. */
function findEndOfCentralDirectory(bytes: Buffer): number {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let offset = bytes.length - 22; offset >= lowest; offset--) {
    if (bytes.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  return -1;
}

function namesFromCentralDirectory(bytes: Buffer): string[] | null {
  const eocd = findEndOfCentralDirectory(bytes);
  if (eocd < 0) return null;
  const count = bytes.readUInt16LE(eocd + 10);
  let offset = bytes.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < Math.min(count, MAX_ENTRIES); i++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== CENTRAL_HEADER) return null;
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    if (offset + 46 + nameLength > bytes.length) return null;
    names.push(bytes.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Walks local file headers from the start; stops at an entry whose size is only in a trailing descriptor. */
function namesFromLocalHeaders(bytes: Buffer): string[] {
  const names: string[] = [];
  let offset = 0;
  while (names.length < MAX_ENTRIES && offset + 30 <= bytes.length && bytes.readUInt32LE(offset) === LOCAL_HEADER) {
    const flags = bytes.readUInt16LE(offset + 6);
    const compressedSize = bytes.readUInt32LE(offset + 18);
    const nameLength = bytes.readUInt16LE(offset + 26);
    const extraLength = bytes.readUInt16LE(offset + 28);
    if (offset + 30 + nameLength > bytes.length) break;
    names.push(bytes.toString('utf8', offset + 30, offset + 30 + nameLength));
    if (flags & 0x08) break; // data descriptor: the size is not known here
    offset += 30 + nameLength + extraLength + compressedSize;
  }
  return names;
}

/**
 * Entry names of a ZIP archive, read from the central directory (authoritative) or, when that is
 * missing or damaged, from the local headers. Nothing is decompressed.
 */
export function zipEntryNames(bytes: Buffer): string[] {
  if (bytes.length < 30 || bytes.readUInt32LE(0) !== LOCAL_HEADER) return [];
  return namesFromCentralDirectory(bytes) ?? namesFromLocalHeaders(bytes);
}
