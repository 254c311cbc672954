/** The CSV dialect of exports and rejected-row files: UTF-8 with BOM (Excel), CRLF, ";" by default. */
export const CSV_BOM = '\uFEFF';
export type CsvDelimiter = ';' | ',';

/**
 * A cell a spreadsheet would run as a formula (=, @, or + / - before a letter or symbol) gets a
 * leading apostrophe (OWASP "CSV injection"); phone numbers like "+57 300…" are left alone.
 */
function neutralise(value: string): string {
  return /^[=@\t\r]/.test(value) || /^[+-][^\d\s.]/.test(value) ? `'${value}` : value;
}

export function csvCell(value: unknown, delimiter: CsvDelimiter): string {
  if (value === null || value === undefined) return '';
  const text = neutralise(Array.isArray(value) ? value.join(', ') : String(value));
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly unknown[], delimiter: CsvDelimiter): string {
  return `${values.map((value) => csvCell(value, delimiter)).join(delimiter)}\r\n`;
}
