import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { CSV_BOM, csvLine, neutraliseCsvText, type CsvDelimiter } from '../csv/csv-format.js';
import type { Language } from '../errors/problem-details.js';
import type { ExportRows } from './export-rows.js';

/** What a truncated export says, per language ("more than 5000 contacts: …"). */
export type TruncatedNotice = Record<Language, (cap: number) => string>;

export interface CsvExportOptions {
  /** When set, a truncated CSV ends with one more line saying so (in Spanish). */
  truncatedNotice?: TruncatedNotice;
}

export interface XlsxExportOptions {
  sheetName: string;
  truncatedNotice: TruncatedNotice;
  /** Text cells get the CSV formula neutraliser too, so a sheet re-saved as CSV carries none. */
  neutraliseText?: boolean;
}

/** CSV text, one chunk per page: UTF-8 BOM so Excel reads accents, CRLF line ends. */
export async function* csvExport(headers: string[], rows: ExportRows, delimiter: CsvDelimiter, options: CsvExportOptions = {}): AsyncGenerator<string> {
  yield CSV_BOM + csvLine(headers, delimiter);
  for await (const page of rows.pages) yield page.map((row) => csvLine(row, delimiter)).join('');
  if (rows.truncated && options.truncatedNotice) yield csvLine([options.truncatedNotice.es(rows.cap)], delimiter);
}

/**
 * XLSX through exceljs's streaming writer (no shared strings, no styles: each row is written and
 * forgotten). The output waits for the client when its buffer fills, so memory stays flat.
 * A truncated export gets a second sheet "Aviso" saying so.
 */
export function xlsxExport(headers: string[], rows: ExportRows, language: Language, options: XlsxExportOptions): Readable {
  const output = new PassThrough({ highWaterMark: 1024 * 1024 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet(options.sheetName);
  const cellOf = options.neutraliseText ? (cell: unknown) => (typeof cell === 'string' ? neutraliseCsvText(cell) : cell) : (cell: unknown) => cell;
  void (async () => {
    sheet.addRow(headers).commit();
    for await (const page of rows.pages) {
      for (const row of page) sheet.addRow(row.map(cellOf)).commit();
      if (output.writableNeedDrain) await Promise.race([once(output, 'drain'), once(output, 'close')]);
      if (output.destroyed) return; // the client went away: stop reading the list
    }
    sheet.commit();
    if (rows.truncated) {
      const notice = workbook.addWorksheet(language === 'es' ? 'Aviso' : 'Notice');
      notice.addRow([options.truncatedNotice[language](rows.cap)]).commit();
      notice.commit();
    }
    await workbook.commit();
  })().catch((error: Error) => output.destroy(error));
  return output;
}
