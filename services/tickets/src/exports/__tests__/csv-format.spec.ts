import { describe, expect, it } from '@jest/globals';
import { csvCell, csvLine, neutralise } from '../csv-format.js';

describe('CSV cells of the ticket export', () => {
  it('prefixes every cell a spreadsheet could run as a formula with an apostrophe', () => {
    for (const dangerous of ['=1+1', '+57 300 123 4567', '-2', '@SUM(A1)', '\tcmd', '\rcmd']) expect(neutralise(dangerous)).toBe(`'${dangerous}`);
    for (const harmless of ['PQR-2026-000001', 'María', ' =espacio primero', '']) expect(neutralise(harmless)).toBe(harmless);
  });

  it('quotes separators, quotes and line breaks, and leaves numbers and empty cells alone', () => {
    expect(csvCell('a;b', ';')).toBe('"a;b"');
    expect(csvCell('dijo "hola"', ';')).toBe('"dijo ""hola"""');
    expect(csvCell('=HYPERLINK("x")', ';')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-5, ';')).toBe('-5');
    expect(csvCell(null, ';')).toBe('');
    expect(csvLine(['a', 'b,c'], ',')).toBe('a,"b,c"\r\n');
  });
});
