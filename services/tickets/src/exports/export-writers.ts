import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { CSV_BOM, csvLine, neutraliseCsvText, type CsvDelimiter, type Language } from '@crm/common';
import type { ExportRows } from './tickets-export.service.js';

const TRUNCATED = {
  es: (cap: number) => `El listado tiene más de ${cap} PQR: se exportaron las primeras ${cap}. Aplique filtros para exportar el resto.`,
  en: (cap: number) => `The list has more than ${cap} tickets: the first ${cap} were exported. Apply filters to export the rest.`,
};

/** CSV text, one chunk per page: UTF-8 BOM so Excel reads accents, CRLF line ends. */
export async function* csvExport(headers: string[], rows: ExportRows, delimiter: CsvDelimiter): AsyncGenerator<string> {
  yield CSV_BOM + csvLine(headers, delimiter);
  for await (const page of rows.pages) yield page.map((row) => csvLine(row, delimiter)).join('');
  if (rows.truncated) yield csvLine([TRUNCATED.es(rows.cap)], delimiter);
}

/**
 * XLSX through exceljs's streaming writer; text cells are neutralised like CSV ones, so a
 * spreadsheet that re-saves as CSV carries no formula either. A truncated export gets a sheet "Aviso".
 */
export function xlsxExport(headers: string[], rows: ExportRows, language: Language): Readable {
  const output = new PassThrough({ highWaterMark: 1024 * 1024 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet('PQR');
  void (async () => {
    sheet.addRow(headers).commit();
    for await (const page of rows.pages) {
      for (const row of page) sheet.addRow(row.map((cell) => (typeof cell === 'string' ? neutraliseCsvText(cell) : cell))).commit();
      if (output.writableNeedDrain) await Promise.race([once(output, 'drain'), once(output, 'close')]);
      if (output.destroyed) return;
    }
    sheet.commit();
    if (rows.truncated) {
      const notice = workbook.addWorksheet(language === 'es' ? 'Aviso' : 'Notice');
      notice.addRow([TRUNCATED[language](rows.cap)]).commit();
      notice.commit();
    }
    await workbook.commit();
  })().catch((error: Error) => output.destroy(error));
  return output;
}
