import { describe, expect, it } from '@jest/globals';
import { csvLine, neutraliseCsvText, stripCsvNeutraliser } from '../csv/csv-format.js';

describe('CSV dialect', () => {
  it('quotes separators, quotes and line breaks; CRLF ends each line', () => {
    expect(csvLine(['Ana', 'Pérez; Hermanos', 'dice "hola"', 'a\nb', null, 3], ';')).toBe('Ana;"Pérez; Hermanos";"dice ""hola""";"a\nb";;3\r\n');
    expect(csvLine(['a;b', 'c,d'], ',')).toBe('a;b,"c,d"\r\n');
  });

  it('neutralises every cell that starts like a formula (=, +, -, @, tab, CR), whatever follows', () => {
    const cells = ['=HYPERLINK("http://x")', '+1+HYPERLINK("http://x")', "-1+cmd|' /C calc'!A0", '@SUM(A1)', '\tcmd', '\rcmd', '+57 300 123 4567', '-5'];
    expect(csvLine(cells, ',')).toBe(`"'=HYPERLINK(""http://x"")","'+1+HYPERLINK(""http://x"")",'-1+cmd|' /C calc'!A0,'@SUM(A1),'\tcmd,"'\rcmd",'+57 300 123 4567,'-5\r\n`);
  });

  it('keeps genuine numbers numeric and leaves ordinary text alone', () => {
    expect(csvLine([-5, 3.25, 'Ana-María', "O'Brien"], ';')).toBe("-5;3.25;Ana-María;O'Brien\r\n");
  });

  it('reads back what it neutralised, and nothing else', () => {
    for (const text of ['=1+1', '+57 300', '-1+cmd', '@x']) expect(stripCsvNeutraliser(neutraliseCsvText(text))).toBe(text);
    expect(stripCsvNeutraliser("'hola")).toBe("'hola");
  });
});
