/** A quote as `GET /quotes/{id}` answers it (services/opportunities quote.view.ts): money as decimal strings. */
export interface QuoteLine {
  position: number;
  description: string;
  interestId: string | null;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxPercent: string;
  gross: string;
  discount: string;
  net: string;
  tax: string;
  total: string;
}

export interface QuoteView {
  id: string;
  opportunityId: string;
  number: string;
  revision: number;
  status: 'draft' | 'sent' | 'accepted' | 'rejected' | 'expired';
  currency: string;
  validUntil: string;
  terms: string | null;
  lines: QuoteLine[];
  subtotal: string;
  discountTotal: string;
  taxableTotal: string;
  taxTotal: string;
  total: string;
  taxes: Array<{ ratePercent: string; base: string; tax: string }>;
  sentAt: string | null;
  acceptedAt: string | null;
  rejectedAt: string | null;
  rejectionReason: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  replacedAt?: string;
}

/** A line while it is being edited: the strings the user typed. */
export interface DraftLine {
  key: number;
  /** The product/service of the contacts catalogue (interests) this line sells, '' for none. */
  interestId: string;
  description: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxPercent: string;
}

let nextKey = 1;
export const emptyLine = (): DraftLine => ({ key: nextKey++, interestId: '', description: '', quantity: '1', unitPrice: '', discountPercent: '0', taxPercent: '19' });
export const toDraft = (line: QuoteLine): DraftLine => ({
  key: nextKey++,
  interestId: line.interestId ?? '',
  description: line.description,
  quantity: trimZeros(line.quantity),
  unitPrice: trimZeros(line.unitPrice),
  discountPercent: trimZeros(line.discountPercent),
  taxPercent: trimZeros(line.taxPercent),
});

/** "10.0000" → "10"; "12.5000" → "12.5" (the API answers numerics with their scale). */
export function trimZeros(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}

/** What the user typed in Colombian style ("1.250.000,50") or plain ("1250000.50") → the API's decimal string. */
export function toDecimal(value: string): string {
  const text = value.trim().replace(/\s|\$/g, '');
  if (text.includes(',')) return text.replace(/\./g, '').replace(',', '.');
  if (/^\d{1,3}(\.\d{3})+$/.test(text)) return text.replace(/\./g, '');
  return text;
}

/** An entry of the contacts catalogue of products and services (`GET /interests?active=true`); it has no price. */
export interface InterestOption {
  id: string;
  name: string;
  description: string | null;
}
