import ExcelJS from 'exceljs';
import type { Readable } from 'node:stream';
import { ImportFileError, type SourceRow } from './import-row-source.js';

type Cell = ExcelJS.CellValue;

/** A cell as the text a person sees: rich text joined, links as their text, formulas as their result. */
export function cellText(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('result' in value) return cellText((value.result ?? null) as Cell);
  return '';
}

/**
 * Rows of the first worksheet of an XLSX, streamed with exceljs's WorkbookReader (shared strings
 * cached, styles ignored). Row numbers are the sheet's own; empty rows are skipped.
 */
export async function* xlsxRows(source: Readable): AsyncGenerator<SourceRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'ignore' });
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const raw = Array.isArray(row.values) ? row.values.slice(1) : [];
        const values = Array.from(raw, (cell) => cellText(cell as Cell));
        if (values.some((value) => value.trim() !== '')) yield { rowNo: row.number, values };
      }
      return; // only the first sheet
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(`No se pudo leer el libro de Excel: ${(error as Error).message}`);
  } finally {
    source.destroy();
  }
}
