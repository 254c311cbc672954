/**
 * Encoding for PostgreSQL `COPY ... FROM STDIN` in text format: tab-separated, `\N` for NULL,
 * backslash escapes for backslash, tab, newline and carriage return.
 */
const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export function copyField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  const text = String(value);
  return NEEDS_ESCAPE.test(text) ? text.replace(/[\\\t\n\r]/g, (ch) => ESCAPES[ch]!) : text;
}

/** A text[] value: the array literal `{"a","b"}` (its own quoting), then COPY-escaped. */
export function copyTextArray(values: readonly string[] | null): string {
  if (values === null) return '\\N';
  return copyField(`{${values.map((value) => `"${value.replace(/["\\]/g, (ch) => `\\${ch}`)}"`).join(',')}}`);
}
