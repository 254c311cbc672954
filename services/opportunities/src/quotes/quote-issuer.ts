/**
 * The company that issues quotes (PDF header). Opportunities has no tenant settings store yet,
 * so it comes from the service's environment (QUOTE_ISSUER_*), with a neutral default.
 */
export interface QuoteIssuer {
  name: string;
  taxId: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
}

export function loadQuoteIssuer(env: NodeJS.ProcessEnv = process.env): QuoteIssuer {
  const value = (key: string) => env[key]?.trim() || null;
  return {
    name: value('QUOTE_ISSUER_NAME') ?? 'Nuestra empresa',
    taxId: value('QUOTE_ISSUER_TAX_ID'),
    address: value('QUOTE_ISSUER_ADDRESS'),
    phone: value('QUOTE_ISSUER_PHONE'),
    email: value('QUOTE_ISSUER_EMAIL'),
  };
}
