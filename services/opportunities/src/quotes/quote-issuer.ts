/**
 * The company that issues quotes (PDF header and footer). Each tenant sets its own
 * (PUT /quote-settings); until it does, the service's environment (QUOTE_ISSUER_*) is the
 * default, with a neutral name.
 */
export interface QuoteIssuer {
  name: string;
  taxId: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  /** Printed at the foot of every quote (conditions of sale, bank details…). */
  footerTerms: string | null;
}

export function loadQuoteIssuer(env: NodeJS.ProcessEnv = process.env): QuoteIssuer {
  const value = (key: string) => env[key]?.trim() || null;
  return {
    name: value('QUOTE_ISSUER_NAME') ?? 'Nuestra empresa',
    taxId: value('QUOTE_ISSUER_TAX_ID'),
    address: value('QUOTE_ISSUER_ADDRESS'),
    phone: value('QUOTE_ISSUER_PHONE'),
    email: value('QUOTE_ISSUER_EMAIL'),
    footerTerms: value('QUOTE_ISSUER_FOOTER'),
  };
}
