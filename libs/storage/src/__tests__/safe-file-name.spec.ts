import { describe, expect, it } from '@jest/globals';
import { attachmentDisposition } from '../content-disposition.js';
import { safeFileName } from '../safe-file-name.js';

describe('safeFileName', () => {
  it('keeps an ordinary name, accents included', () => {
    expect(safeFileName('Cotización José Pérez.pdf')).toBe('Cotización José Pérez.pdf');
  });

  it('strips directories, both Unix and Windows style', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\ana\\Documents\\contrato.docx')).toBe('contrato.docx');
    expect(safeFileName('..\\..\\boot.ini')).toBe('boot.ini');
  });

  it('removes NUL, control and bidi-override characters', () => {
    expect(safeFileName('factura\u0000.pdf')).toBe('factura.pdf');
    expect(safeFileName('a\r\nb\t.txt')).toBe('ab.txt');
    expect(safeFileName('factura\u202Efdp.exe')).toBe('facturafdp.exe');
  });

  it('replaces characters Windows refuses and never yields a hidden or empty name', () => {
    expect(safeFileName('a<b>:c"d|e?f*.txt')).toBe('a_b__c_d_e_f_.txt');
    expect(safeFileName('..')).toBe('file');
    expect(safeFileName('.bashrc')).toBe('bashrc');
    expect(safeFileName('   ')).toBe('file');
    expect(safeFileName('reporte.pdf. . ')).toBe('reporte.pdf');
    expect(safeFileName('CON.txt')).toBe('_CON.txt');
    expect(safeFileName('console.txt')).toBe('console.txt');
  });

  it('trims to 200 characters and keeps the extension', () => {
    const result = safeFileName(`${'ñ'.repeat(300)}.xlsx`);
    expect(Array.from(result)).toHaveLength(200);
    expect(result.endsWith('.xlsx')).toBe(true);
    expect(Array.from(safeFileName('😀'.repeat(250)))).toHaveLength(200);
  });
});

describe('attachmentDisposition', () => {
  it('uses a quoted ASCII name when possible', () => {
    expect(attachmentDisposition('reporte.pdf')).toBe('attachment; filename="reporte.pdf"');
  });

  it('adds an RFC 5987 filename* for non-ASCII names with an ASCII fallback', () => {
    expect(attachmentDisposition('Cotización José.pdf')).toBe(`attachment; filename="Cotizacion Jose.pdf"; filename*=UTF-8''Cotizaci%C3%B3n%20Jos%C3%A9.pdf`);
  });

  it('cannot be broken out of by quotes or paths in the name', () => {
    expect(attachmentDisposition('../"evil".html')).toBe('attachment; filename="_evil_.html"');
  });
});
