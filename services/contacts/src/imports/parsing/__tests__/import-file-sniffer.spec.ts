import { PassThrough } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { isSpreadsheetZip, sniffImportHead, zipNamesFromTail } from '../import-file-sniffer.js';

async function workbookBytes(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: false });
  workbook.addWorksheet('Hoja1').addRow(['Nombre']).commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

describe('import file sniffing (bytes, never the name)', () => {
  it('knows UTF-8 text, Windows-1252 text (Excel "CSV" in Spanish) and an XLSX workbook', async () => {
    expect(sniffImportHead(Buffer.from('\uFEFFNombre;Correo\nJosé;j@x.co\n'))).toEqual({ format: 'csv', encoding: 'utf-8' });
    expect(sniffImportHead(Buffer.from('Nombre;Correo\nJos\xe9;j@x.co\n', 'latin1'))).toEqual({ format: 'csv', encoding: 'windows-1252' });
    const xlsx = await workbookBytes();
    expect(sniffImportHead(xlsx)).toEqual({ format: 'xlsx' });
    expect(isSpreadsheetZip(zipNamesFromTail(xlsx.subarray(Math.max(0, xlsx.length - 4096)), xlsx.length))).toBe(true);
  });

  it('refuses binaries (PDF with control bytes, PNG) and ZIPs that are not workbooks', () => {
    expect(sniffImportHead(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]))).toBeNull();
    expect(sniffImportHead(Buffer.from('%PDF-1.4\n\x00\x01binary'))).toBeNull();
    expect(isSpreadsheetZip(['[Content_Types].xml', 'word/document.xml'])).toBe(false);
    expect(isSpreadsheetZip(['[Content_Types].xml', 'xl/workbook.xml', 'xl/vbaProject.bin'])).toBe(false);
    expect(isSpreadsheetZip(null)).toBe(false);
  });
});
