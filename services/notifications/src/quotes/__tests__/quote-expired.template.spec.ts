import { describe, expect, it } from '@jest/globals';
import { quoteExpiredSummary, quoteExpiredTemplate, type QuoteExpiredVars } from '../quote-expired.template.js';

// Valid until Tuesday 31 March 2026 (Mon 23 Mar 2026 is San José, so the 30th is a Monday and the 31st a Tuesday).
const vars: QuoteExpiredVars = {
  recipientName: 'Valentina Arango',
  number: 'COT-2026-000012',
  opportunityTitle: 'Overoles <planta> Sabaneta',
  total: '$ 1.011.500,00',
  validUntil: '2026-03-31',
  timeZone: 'America/Bogota',
  url: 'https://crm.example.co/opportunities/9d4',
};

describe('quote-expired e-mail', () => {
  it('is Spanish first: the number, the opportunity, the total and the last valid day, values escaped in HTML', () => {
    const mail = quoteExpiredTemplate.render(null, vars);
    expect(mail.locale).toBe('es');
    expect(mail.subject).toBe('Cotización vencida: COT-2026-000012 — Overoles <planta> Sabaneta');
    expect(mail.text).toContain('Hola, Valentina Arango:');
    expect(mail.text).toContain(
      'Su cotización COT-2026-000012 de la oportunidad «Overoles <planta> Sabaneta» ($ 1.011.500,00) venció: era válida hasta el martes, 31 de marzo de 2026 (America/Bogota) y el cliente no la aceptó.',
    );
    expect(mail.text).toContain('https://crm.example.co/opportunities/9d4');
    expect(mail.html).toContain('Overoles &lt;planta&gt; Sabaneta');
    expect(mail.html).not.toContain('<planta>');
  });

  it('is English for en users, without the opportunity when unknown, and the feed sentence matches', () => {
    const english = { ...vars, opportunityTitle: null, total: 'COP 1,011,500.00' };
    const mail = quoteExpiredTemplate.render('en-US', english);
    expect(mail.subject).toBe('Quote expired: COT-2026-000012');
    expect(mail.text).toContain('Your quote COT-2026-000012 (COP 1,011,500.00) has expired: it was valid until Tuesday, March 31, 2026 (America/Bogota) and the customer did not accept it.');
    expect(quoteExpiredSummary('en', english)).toBe(mail.text.split('\n')[2]);
  });
});
