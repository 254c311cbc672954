import { describe, expect, it } from '@jest/globals';
import { csvLine } from '../csv-format.js';

describe('export CSV dialect', () => {
  it('quotes separators, quotes and line breaks; CRLF ends each line', () => {
    expect(csvLine(['Ana', 'Pérez; Hermanos', 'dice "hola"', 'a\nb', null, 3], ';')).toBe('Ana;"Pérez; Hermanos";"dice ""hola""";"a\nb";;3\r\n');
    expect(csvLine(['a;b', 'c,d'], ',')).toBe('a;b,"c,d"\r\n');
  });

  it('neutralises cells a spreadsheet would run as formulas, but leaves phone numbers alone', () => {
    expect(csvLine(['=HYPERLINK("http://x")', '@SUM(A1)', '-cmd', '+57 300 123 4567', '-5'], ';')).toBe(`"'=HYPERLINK(""http://x"")";'@SUM(A1);'-cmd;+57 300 123 4567;-5\r\n`);
  });
});
