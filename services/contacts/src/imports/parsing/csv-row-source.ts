import { Readable, pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import type { CsvEncoding } from './import-file-sniffer.js';
import { ImportFileError, type SourceRow } from './import-row-source.js';

const CANDIDATES = [';', ',', '\t', '|'] as const;

/** The separator used most often outside quotes on the header line; "," when none appears. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (CANDIDATES as readonly string[]).includes(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const candidate of CANDIDATES) {
    const count = counts.get(candidate) ?? 0;
    if (count > bestCount) [best, bestCount] = [candidate, count];
  }
  return best;
}

async function* decode(source: AsyncIterable<Buffer>, encoding: CsvEncoding, onBytes: (bytes: number) => void): AsyncGenerator<string> {
  // fatal: a byte sequence that is not valid in the sniffed encoding stops the job with a clear error
  // instead of importing names full of "�". The UTF-8 BOM is dropped by the decoder.
  const decoder = new TextDecoder(encoding, { fatal: true });
  let offset = 0;
  try {
    for await (const chunk of source) {
      const text = decoder.decode(chunk, { stream: true });
      offset += chunk.length;
      onBytes(chunk.length);
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
      throw new ImportFileError(
        `El archivo no es texto ${encoding === 'utf-8' ? 'UTF-8' : 'Windows-1252'} válido (cerca del byte ${offset}). Guárdelo como «CSV UTF-8» e impórtelo de nuevo.`,
      );
    }
    throw error;
  }
}

/**
 * Records of a CSV file, streamed: quotes, embedded separators and line breaks, ";" or ","
 * (detected), BOM, ragged rows. Row numbers count the header as row 1, like a spreadsheet.
 */
export async function* csvRows(source: AsyncIterable<Buffer>, options: { encoding: CsvEncoding; delimiter: string | null; onBytes: (bytes: number) => void }): AsyncGenerator<SourceRow> {
  const text = decode(source, options.encoding, options.onBytes);
  // Enough text to hold the header line (or 64 KiB) before choosing the separator.
  let head = '';
  for (let next = await text.next(); ; next = await text.next()) {
    if (next.done) break;
    head += next.value;
    if (/[\r\n]/.test(head) || head.length >= 64 * 1024) break;
  }
  if (head === '') return;
  const delimiter = options.delimiter ?? detectDelimiter(head);
  const parser = parse({ delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, max_record_size: 1024 * 1024 });
  const input = Readable.from(
    (async function* () {
      yield head;
      yield* text;
    })(),
  );
  pipeline(input, parser, () => undefined); // errors surface through the parser's iteration below
  let rowNo = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNo += 1;
      yield { rowNo, values: record };
    }
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    // csv-parse's own errors are about the file; anything else (S3, network) is not.
    if (code.startsWith('CSV_')) throw new ImportFileError(`CSV mal formado después de la fila ${rowNo}: ${(error as Error).message}`);
    throw error;
  } finally {
    input.destroy();
  }
}
