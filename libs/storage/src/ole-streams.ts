const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const DIRECTORY_ENTRY_SIZE = 128;
const STREAM = 2;

export function isOleCompoundFile(bytes: Buffer): boolean {
  return bytes.length >= 512 && bytes.subarray(0, 8).equals(OLE_SIGNATURE);
}

/**
 * Names of the streams in an OLE compound file (legacy .doc/.xls). Directory entries are
 * 128-byte records aligned to 128 bytes after the 512-byte header, so scanning aligned records
 * finds them without following the FAT chain: a UTF-16LE name (64 bytes), its byte length at
 * 0x40 and the object type at 0x42.
 */
export function oleStreamNames(bytes: Buffer): Set<string> {
  const names = new Set<string>();
  if (!isOleCompoundFile(bytes)) return names;
  for (let offset = 512; offset + DIRECTORY_ENTRY_SIZE <= bytes.length; offset += DIRECTORY_ENTRY_SIZE) {
    const nameBytes = bytes.readUInt16LE(offset + 0x40);
    const type = bytes[offset + 0x42];
    if (type !== STREAM || nameBytes < 4 || nameBytes > 64 || nameBytes % 2 !== 0) continue;
    // The length counts the terminating UTF-16 NUL.
    if (bytes.readUInt16LE(offset + nameBytes - 2) !== 0) continue;
    names.add(bytes.toString('utf16le', offset, offset + nameBytes - 2));
  }
  return names;
}
