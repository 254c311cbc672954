import { PassThrough, type Readable } from 'node:stream';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { CSV_BOM, csvLine, type CsvDelimiter, type Language } from '@crm/common';
import type { ExportRows } from './contacts-export.service.js';

const TRUNCATED = {
  es: (cap: number) => `El listado tiene más de ${cap} contactos: se exportaron los primeros ${cap}. Aplique filtros para exportar el resto.`,
  en: (cap: number) => `The list has more than ${cap} contacts: the first ${cap} were exported. Apply filters to export the rest.`,
};

/** CSV text, one chunk per page: UTF-8 BOM so Excel reads accents, CRLF line ends. */
export async function* csvExport(headers: string[], rows: ExportRows, delimiter: CsvDelimiter): AsyncGenerator<string> {
  yield CSV_BOM + csvLine(headers, delimiter);
  for await (const page of rows.pages) yield page.map((row) => csvLine(row, delimiter)).join('');
}

/**
 * XLSX through exceljs's streaming writer (no shared strings, no styles: each row is written and
 * forgotten). The output waits for the client when its buffer fills, so memory stays flat.
 * A truncated export gets a second sheet "Aviso" saying so.
 */
export function xlsxExport(headers: string[], rows: ExportRows, language: Language): Readable {
  const output = new PassThrough({ highWaterMark: 1024 * 1024 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet(language === 'es' ? 'Contactos' : 'Contacts');
  void (async () => {
    sheet.addRow(headers).commit();
    for await (const page of rows.pages) {
      for (const row of page) sheet.addRow(row).commit();
      if (output.writableNeedDrain) await Promise.race([once(output, 'drain'), once(output, 'close')]);
      if (output.destroyed) return; // the client went away: stop reading the list
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
