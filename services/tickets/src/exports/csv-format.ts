/** The CSV dialect of exports: UTF-8 with BOM (Excel), CRLF, ";" by default. */
export const CSV_BOM = '\uFEFF';
export type CsvDelimiter = ';' | ',';

/**
 * A cell a spreadsheet could run as a formula — starting with =, +, -, @, a tab or a carriage
 * return — gets a leading apostrophe (OWASP "CSV injection"). Applied to CSV and XLSX alike.
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvCell(value: unknown, delimiter: CsvDelimiter): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : neutralise(String(value));
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly unknown[], delimiter: CsvDelimiter): string {
  return `${values.map((value) => csvCell(value, delimiter)).join(delimiter)}\r\n`;
}
