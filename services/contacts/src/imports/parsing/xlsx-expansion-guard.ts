import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';
import type { ZipEntry } from './import-file-sniffer.js';

const LOCAL_HEADER = 0x04034b50;
const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;
const ROW = Buffer.from('row');
/** What is kept of one chunk to find a tag cut by the next (`<row` plus the byte after it). */
const CARRY = 4;
const LT = 0x3c;
const COLON = 0x3a;

/** Bytes that may follow the element name in `<row …>`, `<row>` or `<row/>`. */
function endsName(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === 0x3e || byte === 0x2f;
}

/**
 * `<row` (or a prefixed `<x:row`) elements that end in `bytes` after `from`: searched on the
 * bytes (no decoding), since a sheet is mostly tags and this runs over all of it.
 */
function countRowTags(bytes: Buffer, from: number): number {
  let count = 0;
  for (let at = bytes.indexOf(ROW, 1); at !== -1; at = bytes.indexOf(ROW, at + 3)) {
    const before = bytes[at - 1];
    if ((before === LT || before === COLON) && endsName(bytes[at + 3]) && at + 4 > from) count += 1;
  }
  return count;
}

export interface XlsxLimits {
  maxExpandedBytes: number;
  maxRows: number;
}

/** The workbook exceeds a limit; `limit` says which (the 413's message names it). */
export class XlsxLimitError extends Error {
  override readonly name = 'XlsxLimitError';
  constructor(readonly limit: 'expandedBytes' | 'rows') {
    super(`XLSX exceeds its ${limit} limit`);
  }
}

/** The archive is damaged (sizes or offsets that do not match its bytes, unknown compression). */
export class XlsxDamagedError extends Error {
  override readonly name = 'XlsxDamagedError';
}

/** The declared sizes alone already exceed the limit (checked before reading anything back). */
export function declaredTooLarge(entries: readonly ZipEntry[], limits: XlsxLimits): boolean {
  return entries.reduce((sum, entry) => sum + entry.declaredSize, 0) > limits.maxExpandedBytes;
}

/** Pulls exact byte counts out of a chunked stream. */
class ByteCursor {
  private buffer: Buffer = Buffer.alloc(0);
  position = 0;
  constructor(private readonly chunks: AsyncIterator<Buffer>) {}

  private async fill(): Promise<boolean> {
    const next = await this.chunks.next();
    if (next.done) return false;
    this.buffer = this.buffer.length === 0 ? next.value : Buffer.concat([this.buffer, next.value]);
    return true;
  }

  async read(length: number): Promise<Buffer> {
    while (this.buffer.length < length) if (!(await this.fill())) throw new XlsxDamagedError('the archive ends early');
    const out = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    this.position += length;
    return out;
  }

  async skipTo(offset: number): Promise<void> {
    if (offset < this.position) throw new XlsxDamagedError('overlapping ZIP entries');
    let remaining = offset - this.position;
    while (remaining > 0) {
      if (this.buffer.length === 0 && !(await this.fill())) throw new XlsxDamagedError('the archive ends early');
      const step = Math.min(remaining, this.buffer.length);
      this.buffer = this.buffer.subarray(step);
      this.position += step;
      remaining -= step;
    }
  }

  /** The next `length` bytes, chunk by chunk (never all of them at once). */
  async *take(length: number): AsyncGenerator<Buffer> {
    let remaining = length;
    while (remaining > 0) {
      if (this.buffer.length === 0 && !(await this.fill())) throw new XlsxDamagedError('the archive ends early');
      const step = Math.min(remaining, this.buffer.length);
      yield this.buffer.subarray(0, step);
      this.buffer = this.buffer.subarray(step);
      this.position += step;
      remaining -= step;
    }
  }
}

/**
 * Expands every entry of the workbook once, streaming, to count what it really expands to
 * (never trusting the declared sizes) and the rows of each worksheet, and throws
 * {@link XlsxLimitError} as soon as a limit is passed: a zip bomb costs at most the limit in
 * CPU and one chunk in memory. The entries come from the central directory; compressed sizes
 * that do not match the bytes make the inflater fail (XlsxDamagedError).
 */
export async function assertXlsxWithinLimits(source: AsyncIterable<Buffer>, entries: readonly ZipEntry[], limits: XlsxLimits): Promise<void> {
  const cursor = new ByteCursor(source[Symbol.asyncIterator]());
  let expanded = 0;
  for (const entry of [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset)) {
    await cursor.skipTo(entry.localHeaderOffset);
    const header = await cursor.read(30);
    if (header.readUInt32LE(0) !== LOCAL_HEADER) throw new XlsxDamagedError(`no local header for ${entry.name}`);
    await cursor.read(header.readUInt16LE(26) + header.readUInt16LE(28));
    const worksheet = WORKSHEET.test(entry.name);
    let rows = 0;
    let carry: Buffer = Buffer.alloc(0);
    const counter = new Writable({
      write(chunk: Buffer, _encoding, done) {
        expanded += chunk.length;
        if (expanded > limits.maxExpandedBytes) return done(new XlsxLimitError('expandedBytes'));
        if (worksheet) {
          const joined = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
          rows += countRowTags(joined, carry.length);
          if (rows > limits.maxRows) return done(new XlsxLimitError('rows'));
          carry = Buffer.from(joined.subarray(Math.max(0, joined.length - CARRY)));
        }
        done();
      },
    });
    const compressed = cursor.take(entry.compressedSize);
    try {
      if (entry.method === 0) await pipeline(compressed, counter);
      else if (entry.method === 8) await pipeline(compressed, createInflateRaw(), counter);
      else throw new XlsxDamagedError(`unsupported compression method ${entry.method} in ${entry.name}`);
    } catch (error) {
      if (error instanceof XlsxLimitError || error instanceof XlsxDamagedError) throw error;
      throw new XlsxDamagedError(`${entry.name}: ${(error as Error).message}`);
    }
  }
}
