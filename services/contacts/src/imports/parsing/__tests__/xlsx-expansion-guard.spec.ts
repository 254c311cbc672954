import { describe, expect, it } from '@jest/globals';
import { assertXlsxWithinLimits, declaredTooLarge, XlsxDamagedError, XlsxLimitError } from '../xlsx-expansion-guard.js';
import { buildZip } from '@crm/testing';
import { zipDirectoryFromTail, type ZipEntry } from '../import-file-sniffer.js';

const NAME = 'xl/worksheets/sheet1.xml';

/** A one-sheet archive and its directory, read back the way the upload reads it. */
function archive(content: string, method: 0 | 8 = 8): { bytes: Buffer; entry: ZipEntry } {
  const bytes = buildZip({ [NAME]: { data: content, deflate: method === 8 } });
  const [entry] = zipDirectoryFromTail(bytes, bytes.length)!;
  return { bytes, entry: entry! };
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
    await expect(assertXlsxWithinLimits(chunks(bytes, 64), [{ ...entry, compressedSize: entry.compressedSize - 5 }], { maxExpandedBytes: 10_000, maxRows: 10 })).rejects.toBeInstanceOf(
      XlsxDamagedError,
    );
    await expect(assertXlsxWithinLimits(chunks(bytes, 64), [{ ...entry, method: 12 }], { maxExpandedBytes: 10_000, maxRows: 10 })).rejects.toBeInstanceOf(XlsxDamagedError);
  });
});
