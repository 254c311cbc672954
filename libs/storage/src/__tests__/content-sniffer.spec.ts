import { describe, expect, it } from '@jest/globals';
import { sniffContentType } from '../content-sniffer.js';
import { buildOle, buildOoxml, buildZip, ELF_HEADER, GIF_HEADER, JPEG_HEADER, MINIMAL_PDF, PE_HEADER, PNG_HEADER, WEBP_HEADER } from './fixtures.js';

describe('sniffContentType', () => {
  it.each([
    ['a minimal PDF', MINIMAL_PDF, 'contrato.pdf', 'application/pdf', 'pdf'],
    ['a PNG', PNG_HEADER, 'logo.png', 'image/png', 'png'],
    ['a JPEG', JPEG_HEADER, 'foto.jpeg', 'image/jpeg', 'jpg'],
    ['a GIF', GIF_HEADER, 'anim.gif', 'image/gif', 'gif'],
    ['a WEBP', WEBP_HEADER, 'foto.webp', 'image/webp', 'webp'],
  ])('recognises %s by its bytes', (_label, bytes, name, mime, extension) => {
    expect(sniffContentType(bytes, name)).toEqual({ mime, extension });
  });

  it('returns the sniffed type, not the declared name: a PNG called .pdf is a PNG', () => {
    expect(sniffContentType(PNG_HEADER, 'factura.pdf')).toEqual({ mime: 'image/png', extension: 'png' });
  });

  it('recognises Word, Excel and PowerPoint OOXML packages from the ZIP entries', () => {
    expect(sniffContentType(buildOoxml('word/document.xml'), 'propuesta.docx')?.extension).toBe('docx');
    expect(sniffContentType(buildOoxml('xl/workbook.xml'), 'presupuesto.xlsx')).toEqual({
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      extension: 'xlsx',
    });
    expect(sniffContentType(buildOoxml('ppt/presentation.xml'), 'demo.pptx')?.extension).toBe('pptx');
  });

  it('recognises a .docx even when only the local headers survive (truncated central directory)', () => {
    const docx = buildOoxml('word/document.xml');
    const withoutCentralDirectory = docx.subarray(0, docx.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])));
    expect(sniffContentType(withoutCentralDirectory, 'x.docx')?.extension).toBe('docx');
  });

  it('refuses a plain ZIP, and an Office package carrying macros', () => {
    expect(sniffContentType(buildZip({ 'readme.txt': 'hola' }), 'archivo.docx')).toBeNull();
    expect(sniffContentType(buildOoxml('word/document.xml', { 'word/vbaProject.bin': 'macro' }), 'informe.docx')).toBeNull();
  });

  it('recognises legacy Word and Excel (OLE) files and refuses other OLE files', () => {
    expect(sniffContentType(buildOle('WordDocument'), 'carta.doc')).toEqual({ mime: 'application/msword', extension: 'doc' });
    expect(sniffContentType(buildOle('Workbook'), 'cuentas.xls')).toEqual({ mime: 'application/vnd.ms-excel', extension: 'xls' });
    expect(sniffContentType(buildOle('__substg1.0_0037001F'), 'correo.doc')).toBeNull();
  });

  it('accepts UTF-8 CSV with accents as text/csv and other text as text/plain', () => {
    const csv = Buffer.from('nombre;ciudad;teléfono\nJosé Pérez;Bogotá;+57 300 000 0000\nMaría Núñez;Medellín;\n', 'utf8');
    expect(sniffContentType(csv, 'contactos.csv')).toEqual({ mime: 'text/csv', extension: 'csv' });
    expect(sniffContentType(csv, 'contactos.txt')).toEqual({ mime: 'text/plain', extension: 'txt' });
    expect(sniffContentType(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv]), 'excel.csv')?.mime).toBe('text/csv');
  });

  it.each([
    ['HTML renamed to .pdf', Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>'), 'factura.pdf'],
    ['an HTML fragment with a script', Buffer.from('hola\n<SCRIPT src="https://evil.example/x.js"></SCRIPT>'), 'notas.txt'],
    ['an SVG image', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>'), 'logo.png'],
    ['an SVG with an XML prolog', Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'), 'logo.svg'],
    ['an ELF executable', ELF_HEADER, 'reporte.pdf'],
    ['a Windows executable', PE_HEADER, 'setup.docx'],
    ['text with NUL bytes', Buffer.from('abc\u0000def'), 'datos.csv'],
    ['Latin-1 text (not UTF-8)', Buffer.from('Jos\xe9 P\xe9rez', 'latin1'), 'contactos.csv'],
    ['an empty file', Buffer.alloc(0), 'vacio.txt'],
  ])('refuses %s', (_label, bytes, name) => {
    expect(sniffContentType(bytes, name)).toBeNull();
  });
});
