import type { ReceivedMail } from './received-mail.js';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}tr:hover{background:#f6f8fa}
a{color:#0366d6;text-decoration:none}pre{white-space:pre-wrap;background:#f6f8fa;padding:1rem;border-radius:4px}
iframe{width:100%;height:60vh;border:1px solid #ddd}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}`;

function page(title: string, body: string, refreshSeconds?: number): string {
  const refresh = refreshSeconds ? `<meta http-equiv="refresh" content="${refreshSeconds}">` : '';
  return `<!doctype html><html lang="es"><head><meta charset="utf-8">${refresh}<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

/** The inbox, newest first; refreshes itself every 5 s. */
export function inboxPage(messages: readonly ReceivedMail[]): string {
  const rows = [...messages]
    .reverse()
    .map(
      (m) =>
        `<tr><td>${escapeHtml(m.receivedAt.toISOString().replace('T', ' ').slice(0, 19))}</td><td>${escapeHtml(m.from)}</td>` +
        `<td>${escapeHtml(m.to.join(', '))}</td><td><a href="/messages/${encodeURIComponent(m.id)}">${escapeHtml(m.subject || '(sin asunto)')}</a></td></tr>`,
    )
    .join('');
  const table = messages.length ? `<table><thead><tr><th>Fecha (UTC)</th><th>De</th><th>Para</th><th>Asunto</th></tr></thead><tbody>${rows}</tbody></table>` : '<p>No hay mensajes.</p>';
  return page(`Mail catcher (${messages.length})`, `<h1>Mail catcher — ${messages.length} mensaje(s)</h1>${table}`, 5);
}

/**
 * One message: headers, text part, and the HTML part in a sandboxed frame (no scripts, no
 * same-origin access, no network: the frame's own response carries a CSP sandbox).
 */
export function messagePage(mail: ReceivedMail): string {
  const id = encodeURIComponent(mail.id);
  const meta = [
    ['De', mail.from],
    ['Para', mail.to.join(', ')],
    ['Asunto', mail.subject],
    ['Fecha', mail.receivedAt.toISOString()],
    ['Message-ID', mail.messageId ?? ''],
    ['Adjuntos', mail.attachments.map((a) => `${a.fileName ?? '(sin nombre)'} (${a.contentType}, ${a.size} B)`).join(', ')],
  ]
    .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('');
  const html = mail.html ? `<h2>HTML</h2><iframe sandbox src="/messages/${id}/html" title="HTML"></iframe>` : '';
  const text = mail.text ? `<h2>Texto</h2><pre>${escapeHtml(mail.text)}</pre>` : '';
  const body = `<p><a href="/">← Bandeja</a> · <a href="/messages/${id}/raw">Fuente</a></p><h1>${escapeHtml(mail.subject || '(sin asunto)')}</h1><dl>${meta}</dl>${html}${text}`;
  return page(mail.subject || 'Mensaje', body);
}

export function notFoundPage(): string {
  return page('No encontrado', '<h1>No encontrado</h1><p><a href="/">← Bandeja</a></p>');
}
