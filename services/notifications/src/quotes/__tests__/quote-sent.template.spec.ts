import { describe, expect, it } from '@jest/globals';
import { formatTotal, quoteSentTemplate, type QuoteSentVars } from '../quote-sent.template.js';

const vars: QuoteSentVars = {
  customerName: 'Ana <Compras>',
  issuerName: 'Dotaciones del Valle S.A.S.',
  number: 'COT-2026-000123',
  opportunityTitle: 'Dotación sede Cali',
  total: '$ 6.819.294,98',
  validUntil: '2026-12-31',
  sellerName: 'Luis Gómez',
};

describe('quote-sent e-mail', () => {
  it('is Spanish by default, names the quote and escapes the HTML', () => {
    const mail = quoteSentTemplate.render(undefined, vars);
    expect(mail.locale).toBe('es');
    expect(mail.subject).toBe('Cotización COT-2026-000123 de Dotaciones del Valle S.A.S.');
    expect(mail.text).toContain('Adjuntamos nuestra cotización COT-2026-000123 para «Dotación sede Cali».');
    expect(mail.text).toContain('Total: $ 6.819.294,98. Válida hasta el 2026-12-31.');
    expect(mail.html).toContain('Ana &lt;Compras&gt;');
    expect(mail.html).not.toContain('<Compras>');
  });

  it('has an English variant', () => {
    expect(quoteSentTemplate.render('en', vars).subject).toBe('Quote COT-2026-000123 from Dotaciones del Valle S.A.S.');
  });

  it('formats totals from the decimal string, per locale', () => {
    expect(formatTotal('es', '6819294.98', 'COP')).toBe('$ 6.819.294,98');
    expect(formatTotal('en', '6819294.98', 'COP')).toBe('COP 6,819,294.98');
    expect(formatTotal('es', '1200', 'USD')).toBe('USD 1.200,00');
  });
});
