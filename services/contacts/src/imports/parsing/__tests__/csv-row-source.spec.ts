import { Readable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { csvRows, detectDelimiter } from '../csv-row-source.js';
import { copyField, copyTextArray } from '../../merge/copy-text.js';

async function rowsOf(text: string | Buffer, encoding: 'utf-8' | 'windows-1252' = 'utf-8') {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  // Split in 7-byte pieces: characters and quoted fields cross chunk boundaries.
  const chunks = Array.from({ length: Math.ceil(bytes.length / 7) }, (_v, i) => bytes.subarray(i * 7, i * 7 + 7));
  const rows = [];
  for await (const row of csvRows(Readable.from(chunks), { encoding, delimiter: null, onBytes: () => undefined })) rows.push(row);
  return rows;
}

describe('csvRows', () => {
  it('reads ";" files with a BOM, quotes, embedded separators and line breaks, and blank lines', async () => {
    const rows = await rowsOf('\uFEFFNombre;Empresa;Notas\r\n"Ana";"Pérez; Hermanos";"línea 1\nlínea 2"\r\n\r\nJosé;Solo;"""citado"""\r\n');
    expect(rows).toEqual([
      { rowNo: 1, values: ['Nombre', 'Empresa', 'Notas'] },
      { rowNo: 2, values: ['Ana', 'Pérez; Hermanos', 'línea 1\nlínea 2'] },
      { rowNo: 3, values: ['José', 'Solo', '"citado"'] },
    ]);
  });

  it('reads Windows-1252 text and ragged rows', async () => {
    const rows = await rowsOf(Buffer.from('nombre,apellido\nJos\xe9,Pe\xf1a,extra\nSolo\n', 'latin1'), 'windows-1252');
    expect(rows.map((row) => row.values)).toEqual([['nombre', 'apellido'], ['José', 'Peña', 'extra'], ['Solo']]);
  });

  it('fails with a Spanish message on bytes that are not UTF-8', async () => {
    await expect(rowsOf(Buffer.concat([Buffer.from('nombre\nAna\n'), Buffer.from([0xff, 0xfe, 0x41])]))).rejects.toThrow(/no es texto UTF-8 válido/);
  });

  it('detects the separator from the header line, ignoring quoted ones', () => {
    expect(detectDelimiter('"a,b";c;d\n1,2,3,4,5')).toBe(';');
    expect(detectDelimiter('nombre,correo')).toBe(',');
    expect(detectDelimiter('nombre\tcorreo')).toBe('\t');
    expect(detectDelimiter('nombre')).toBe(',');
  });
});

describe('COPY text encoding', () => {
  it('escapes backslashes, tabs and line breaks, and writes NULL and arrays', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
    expect(copyTextArray(['vip', 'dice "hola"', 'a\\b'])).toBe('{"vip","dice \\\\"hola\\\\"","a\\\\\\\\b"}');
  });
});
