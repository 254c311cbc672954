const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/**
 * Tagged template for e-mail HTML: every interpolated value is escaped, so a contact named
 * `<script>` is shown, never run. There is deliberately no way to interpolate raw HTML.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce((out, chunk, index) => out + chunk + (index < values.length ? escapeHtml(values[index]) : ''), '');
}

/** Header-safe text (subjects): no line breaks or control characters, collapsed spaces, bounded length. */
export function singleLine(value: unknown, maxLength = 200): string {
  const flat = String(value ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > maxLength ? `${flat.slice(0, maxLength - 1)}…` : flat;
}
