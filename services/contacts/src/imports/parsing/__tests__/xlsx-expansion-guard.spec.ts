import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import { assertXlsxWithinLimits, declaredTooLarge, XlsxDamagedError, XlsxLimitError } from '../xlsx-expansion-guard.js';
import type { ZipEntry } from '../import-file-sniffer.js';

const NAME = 'xl/worksheets/sheet1.xml';

/** One entry's local header and data, as the guard reads it, and its directory record. */
function archive(content: string, method: 0 | 8 = 8): { bytes: Buffer; entry: ZipEntry } {
  const data = method === 8 ? deflateRawSync(Buffer.from(content)) : Buffer.from(content);
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(NAME.length, 26);
  const bytes = Buffer.concat([header, Buffer.from(NAME), data]);
  return { bytes, entry: { name: NAME, method, compressedSize: data.length, declaredSize: content.length, localHeaderOffset: 0 } };
}

/** The bytes in chunks of `size`, so tags are cut between chunks. */
async function* chunks(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

const sheet = (rows: number) => `<sheetData>${'<row r="1"><c><v>1</v></c></row>'.repeat(rows)}</sheetData>`;

describe('XLSX expansion guard', () => {
  it('counts rows even when a tag is cut between chunks, stored or deflated', async () => {
    for (const method of [0, 8] as const) {
      const { bytes, entry } = archive(sheet(10), method);
      await expect(assertXlsxWithinLimits(chunks(bytes, 3), [entry], { maxExpandedBytes: 10_000, maxRows: 10 })).resolves.toBeUndefined();
      await expect(assertXlsxWithinLimits(chunks(bytes, 3), [entry], { maxExpandedBytes: 10_000, maxRows: 9 })).rejects.toEqual(new XlsxLimitError('rows'));
    }
  });

  it('counts the real expansion, not the declared one', async () => {
    const { bytes, entry } = archive(`<t>${'A'.repeat(200_000)}</t>`);
    const liar = { ...entry, declaredSize: 10 };
    expect(declaredTooLarge([liar], { maxExpandedBytes: 100_000, maxRows: 10 })).toBe(false);
    await expect(assertXlsxWithinLimits(chunks(bytes, 1024), [liar], { maxExpandedBytes: 100_000, maxRows: 10 })).rejects.toEqual(new XlsxLimitError('expandedBytes'));
  });

  it('calls an archive damaged when its bytes do not match its directory', async () => {
    const { bytes, entry } = archive(sheet(3));
    await expect(assertXlsxWithinLimits(chunks(bytes, 64), [{ ...entry, localHeaderOffset: 5 }], { maxExpandedBytes: 10_000, maxRows: 10 })).rejects.toBeInstanceOf(XlsxDamagedError);
    await expect(assertXlsxWithinLimits(chunks(bytes, 64), [{ ...entry, compressedSize: entry.compressedSize + 50 }], { maxExpandedBytes: 10_000, maxRows: 10 })).rejects.toBeInstanceOf(XlsxDamagedError);
    await expect(assertXlsxWithinLimits(chunks(bytes, 64), [{ ...entry, method: 12 }], { maxExpandedBytes: 10_000, maxRows: 10 })).rejects.toBeInstanceOf(XlsxDamagedError);
  });
});
