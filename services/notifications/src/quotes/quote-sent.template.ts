import { defineTemplate, htmlDocument, type TemplateLocale } from '../templates/email-template.js';
import { html, singleLine } from '../templates/escape-html.js';

/** The e-mail a customer receives with a quote's PDF attached (opportunities.quote.sent). */
export interface QuoteSentVars {
  customerName: string;
  issuerName: string;
  number: string;
  opportunityTitle: string;
  /** Already formatted for the locale, e.g. "$ 6.819.294,98". */
  total: string;
  /** YYYY-MM-DD. */
  validUntil: string;
  sellerName: string | null;
}

export const QUOTE_SENT_TEMPLATE_ID = 'quote-sent';

/** "6819294.98" + COP → "$ 6.819.294,98" (es) / "COP 6,819,294.98" (en), from the decimal string. */
export function formatTotal(locale: TemplateLocale, amount: string, currency: string): string {
  const [whole, fraction = '00'] = amount.split('.');
  const [thousands, decimal] = locale === 'en' ? [',', '.'] : ['.', ','];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
  const prefix = locale === 'es' && currency === 'COP' ? '$' : currency;
  return `${prefix} ${grouped}${decimal}${fraction.padEnd(2, '0').slice(0, 2)}`;
}

function render(locale: TemplateLocale, v: QuoteSentVars) {
  const en = locale === 'en';
  const lines = en
    ? [
        `Dear ${v.customerName},`,
        '',
        `Please find attached our quote ${v.number} for "${v.opportunityTitle}".`,
        `Total: ${v.total}. Valid until ${v.validUntil}.`,
        '',
        'Reply to this e-mail with any question.',
        '',
        `— ${v.sellerName ? `${v.sellerName}, ` : ''}${v.issuerName}`,
      ]
    : [
        `Estimado(a) ${v.customerName}:`,
        '',
        `Adjuntamos nuestra cotización ${v.number} para «${v.opportunityTitle}».`,
        `Total: ${v.total}. Válida hasta el ${v.validUntil}.`,
        '',
        'Quedamos atentos a sus comentarios.',
        '',
        `— ${v.sellerName ? `${v.sellerName}, ` : ''}${v.issuerName}`,
      ];
  return {
    subject: singleLine(en ? `Quote ${v.number} from ${v.issuerName}` : `Cotización ${v.number} de ${v.issuerName}`),
    text: lines.join('\n'),
    html: htmlDocument(
      locale,
      [
        en ? html`<p>Dear ${v.customerName},</p>` : html`<p>Estimado(a) ${v.customerName}:</p>`,
        en
          ? html`<p>Please find attached our quote <strong>${v.number}</strong> for “${v.opportunityTitle}”.</p>
              <p>Total: <strong>${v.total}</strong>. Valid until ${v.validUntil}.</p>
              <p>Reply to this e-mail with any question.</p>`
          : html`<p>Adjuntamos nuestra cotización <strong>${v.number}</strong> para «${v.opportunityTitle}».</p>
              <p>Total: <strong>${v.total}</strong>. Válida hasta el ${v.validUntil}.</p>
              <p>Quedamos atentos a sus comentarios.</p>`,
        html`<p>— ${v.sellerName ? `${v.sellerName}, ` : ''}${v.issuerName}</p>`,
      ].join('\n'),
    ),
  };
}

export const quoteSentTemplate = defineTemplate<QuoteSentVars>(QUOTE_SENT_TEMPLATE_ID, {
  es: (vars) => render('es', vars),
  en: (vars) => render('en', vars),
});
