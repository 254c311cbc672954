/**
 * The CSV dialect of every file the platform writes (exports, rejected-row files, reports):
 * UTF-8 with BOM (Excel reads accents), CRLF, ";" by default, and no cell a spreadsheet would
 * run as a formula.
 */
export const CSV_BOM = '\uFEFF';
export type CsvDelimiter = ';' | ',';

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text that starts like a formula gets a leading apostrophe, so a spreadsheet shows it as text
 * (`+1+HYPERLINK(…)`, `-1+cmd|…`, `=…`, `@…`, a tab or a carriage return). This includes phone
 * numbers such as "+57 300…" and negative numbers held as text: a text column is never a formula.
 */
export function neutraliseCsvText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Reverses neutraliseCsvText when a file we wrote is read back (the import of an export). */
export function stripCsvNeutraliser(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/**
 * One cell. Numbers (typeof number) are written as they are, so genuinely numeric columns stay
 * usable in a spreadsheet; everything else is text and is neutralised, then quoted when needed.
 */
export function csvCell(value: unknown, delimiter: CsvDelimiter): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  const text = neutraliseCsvText(Array.isArray(value) ? value.join(', ') : String(value));
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly unknown[], delimiter: CsvDelimiter): string {
  return `${values.map((value) => csvCell(value, delimiter)).join(delimiter)}\r\n`;
}
