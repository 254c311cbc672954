import type { RenderedEmail, TemplateLocale } from './email-template.js';
import { htmlDocument } from './email-template.js';
import { escapeHtml, html, singleLine } from './escape-html.js';

/** One block of a ticket e-mail, in both parts: plain text as written, HTML escaped. */
export interface MailPart {
  text: string;
  html: string;
}

const BUTTON_STYLE = 'display:inline-block;padding:10px 18px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold';
const QUOTE_STYLE = 'margin:12px 0;padding:8px 12px;border-left:4px solid #cbd5e1;color:#374151;white-space:pre-wrap';
const FOOTNOTE_STYLE = 'color:#6b7280;font-size:12px';
const RADICADO_STYLE = 'margin:0 0 16px;padding:8px 12px;background:#f1f5f9;border-radius:6px';

export function paragraph(text: string): MailPart {
  return { text, html: html`<p>${text}</p>` };
}

/** The radicado, shown on every ticket e-mail (the number the petitioner quotes). */
export function radicadoBanner(locale: TemplateLocale, radicado: string): MailPart {
  const label = locale === 'en' ? 'Filing number (radicado)' : 'Radicado';
  return { text: `${label}: ${radicado}`, html: html`<p style="${RADICADO_STYLE}">${label}: <strong>${radicado}</strong></p>` };
}

/** Labelled facts ("Asunto: …"), one per line. */
export function facts(rows: readonly (readonly [string, string])[]): MailPart {
  return {
    text: rows.map(([label, value]) => `${label}: ${value}`).join('\n'),
    html: `<p>${rows.map(([label, value]) => html`${label}: <strong>${value}</strong>`).join('<br>')}</p>`,
  };
}

/** A message quoted as the requester or the agent wrote it; line breaks kept, markup shown as text. */
export function quote(text: string): MailPart {
  return {
    text: text
      .split(/\r?\n/)
      .map((line) => `> ${line}`)
      .join('\n'),
    html: html`<blockquote style="${QUOTE_STYLE}">${text}</blockquote>`,
  };
}

export function button(locale: TemplateLocale, label: string, url: string): MailPart {
  const fallback = locale === 'en' ? 'If the button does not work, copy this link into your browser:' : 'Si el botón no funciona, copie este enlace en su navegador:';
  return {
    text: `${label}: ${url}`,
    html: [html`<p><a href="${url}" style="${BUTTON_STYLE}">${label}</a></p>`, html`<p style="${FOOTNOTE_STYLE}">${fallback} ${url}</p>`].join('\n'),
  };
}

export function footnote(text: string): MailPart {
  return { text, html: html`<p style="${FOOTNOTE_STYLE}">${text}</p>` };
}

/** Greeting, the radicado banner, the blocks and a signature, in both parts. */
export function composeTicketMail(
  locale: TemplateLocale,
  input: { subject: string; greetingName: string; radicado: string; parts: readonly (MailPart | null)[]; signature: string },
): RenderedEmail {
  const greeting = locale === 'en' ? `Hello ${input.greetingName},` : `Hola, ${input.greetingName}:`;
  const parts = [radicadoBanner(locale, input.radicado), ...input.parts.filter((part): part is MailPart => part !== null)];
  return {
    subject: singleLine(input.subject),
    text: [greeting, '', ...parts.flatMap((part) => [part.text, '']), `— ${input.signature}`].join('\n'),
    html: htmlDocument(locale, [html`<p>${greeting}</p>`, ...parts.map((part) => part.html), `<p>— ${escapeHtml(input.signature)}</p>`].join('\n')),
  };
}
