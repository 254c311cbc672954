import { computeQuoteAmounts, type LineAmounts, type QuoteAmounts } from './quote-money.js';

/** IVA general in Colombia; a line without taxPercent gets it. */
export const DEFAULT_TAX_PERCENT = '19';

/** A line as the client sends it (validated by QuoteLineDto). */
export interface QuoteLineInput {
  description: string;
  /** Optional reference to the product/service (interest) of the contacts catalogue. */
  interestId?: string;
  quantity: string;
  unitPrice: string;
  discountPercent?: string;
  taxPercent?: string;
}

/** A line as stored and shown: inputs normalised plus its computed figures. */
export interface StoredQuoteLine extends LineAmounts {
  position: number;
  description: string;
  interestId: string | null;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxPercent: string;
}

/** Lines with their figures and the quote totals. */
export function priceLines(inputs: readonly QuoteLineInput[]): { lines: StoredQuoteLine[]; amounts: QuoteAmounts } {
  const normalised = inputs.map((line) => ({
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    discountPercent: line.discountPercent ?? '0',
    taxPercent: line.taxPercent ?? DEFAULT_TAX_PERCENT,
  }));
  const amounts = computeQuoteAmounts(normalised);
  const lines = inputs.map((line, index) => ({
    position: index + 1,
    description: line.description.trim(),
    interestId: line.interestId ?? null,
    ...normalised[index],
    ...amounts.lines[index],
  }));
  return { lines, amounts };
}
