import { defineTemplate, htmlDocument, templateLocale, type TemplateLocale } from '../templates/email-template.js';
import { html, singleLine } from '../templates/escape-html.js';

/** Sent to the seller who made a quote when it expires (opportunities.quote.expired). */
export interface QuoteExpiredVars {
  recipientName: string;
  number: string;
  /** null when the event did not carry it. */
  opportunityTitle: string | null;
  /** Already formatted for the locale (formatTotal), e.g. "$ 1.011.500,00". */
  total: string;
  /** YYYY-MM-DD: the last day it was valid (it expired the next day at 00:00 in `timeZone`). */
  validUntil: string;
  /** The tenant's quote time zone. */
  timeZone: string;
  /** The opportunity in the web app. */
  url: string;
}

export const QUOTE_EXPIRED_TEMPLATE_ID = 'quote-expired';
const BUTTON_STYLE = 'display:inline-block;padding:10px 18px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold';

/** "2026-03-31" → "martes, 31 de marzo de 2026" / "Tuesday, March 31, 2026": a calendar date, no zone shift. */
export function formatValidityDate(locale: TemplateLocale, date: string): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-US' : 'es-CO', { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

function lead(locale: TemplateLocale, v: QuoteExpiredVars): string {
  const until = formatValidityDate(locale, v.validUntil);
  if (locale === 'en') {
    const about = v.opportunityTitle ? ` for the opportunity "${v.opportunityTitle}"` : '';
    return `Your quote ${v.number}${about} (${v.total}) has expired: it was valid until ${until} (${v.timeZone}) and the customer did not accept it.`;
  }
  const about = v.opportunityTitle ? ` de la oportunidad «${v.opportunityTitle}»` : '';
  return `Su cotización ${v.number}${about} (${v.total}) venció: era válida hasta el ${until} (${v.timeZone}) y el cliente no la aceptó.`;
}

function render(locale: TemplateLocale, v: QuoteExpiredVars) {
  const en = locale === 'en';
  const hello = en ? `Hi ${v.recipientName},` : `Hola, ${v.recipientName}:`;
  const text = lead(locale, v);
  const next = en
    ? 'If the customer is still interested, edit it to send a new revision with a new validity date.'
    : 'Si el cliente sigue interesado, edítela para enviarle una nueva revisión con otra fecha de validez.';
  const button = en ? 'View the opportunity' : 'Ver la oportunidad';
  return {
    subject: singleLine(`${en ? 'Quote expired' : 'Cotización vencida'}: ${v.number}${v.opportunityTitle ? ` — ${v.opportunityTitle}` : ''}`),
    text: [hello, '', text, next, '', v.url, '', en ? '— Your CRM' : '— Su CRM'].join('\n'),
    html: htmlDocument(locale, [html`<p>${hello}</p>`, html`<p>${text}</p>`, html`<p>${next}</p>`, html`<p><a href="${v.url}" style="${BUTTON_STYLE}">${button}</a></p>`].join('\n')),
  };
}

export const quoteExpiredTemplate = defineTemplate<QuoteExpiredVars>(QUOTE_EXPIRED_TEMPLATE_ID, {
  es: (vars) => render('es', vars),
  en: (vars) => render('en', vars),
});

/** One sentence for the in-app feed, in the recipient's language. */
export function quoteExpiredSummary(locale: string | null | undefined, vars: QuoteExpiredVars): string {
  return lead(templateLocale(locale), vars);
}
